"""Highlight spans of a query's words, on the original text (accents, ligatures, folding)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.query.highlight import highlight


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Hans Müller and MÜLLER", "muller", ["Müller", "MÜLLER"]),
        ("Hans Mu\u0308ller here", "muller", ["Mu\u0308ller"]),  # decomposed accent kept
        ("Straße scenes", "strasse", ["Straße"]),
        ("Déjà vu: Vidéo", "video deja", ["Déjà", "Vidéo"]),
        ("Video-Interpolation", '"video interp"', ["Video-Interp"]),
        ("video videos ideo", "vid", ["vid", "vid"]),
        ("plain text", "-plain author:plain", ["plain"]),
        ("x", "", []),
        ("ﬁne ﬁlms", "films", ["ﬁlms"]),
    ],
)
def test_highlight_maps_to_original_text(text: str, query: str, expected: list[str]) -> None:
    """Spans index the original text even where folding changes lengths."""
    spans = highlight(text, query)
    assert [text[a:b] for a, b in spans] == expected
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=20))
def test_highlight_never_fails(text: str, query: str) -> None:
    """Any text and query give in-range, ordered spans."""
    spans = highlight(text, query)
    assert all(0 <= a < b <= len(text) for a, b in spans)
