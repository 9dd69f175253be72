"""BibTeX at 20 MB (issue #12 item 11): long runs of blank lines never reach bibtexparser
(it steps through every newline in Python: 20 MB of them ran past 30 s), and every entry keeps
the line number it has in the file."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import importers.bibtex as bibtex
from importers.bibtex import IMPORTER

TODAY = date(2025, 1, 1)


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text handed to the splitter (bibtexparser's, or the fast one before it)."""
    texts: list[str] = []
    real = bibtex.split

    def recording(text: str) -> object:
        """Record the text, then parse it."""
        texts.append(text)
        return real(text)

    monkeypatch.setattr(bibtex, "split", recording)
    return texts


def test_blank_line_floods_do_not_reach_bibtexparser(seen: list[str]) -> None:
    """300,000 blank (or space-only) lines around two entries: bibtexparser sees a few lines,
    and the entries keep their own line numbers."""
    text = ("\n" * 100_000 + "@misc{a, title={First}}\n" + " \n" * 100_000
            + "@misc{b, title={Second}, abstract={One.\n" + "\n" * 100_000 + "Two.}}\n")
    result = IMPORTER.parse(text, source="x.bib", today=TODAY)
    (given,) = seen
    assert given.count("\n") < 20
    assert [(p.title, p.provenance[0].line) for p in result.papers] == [
        ("First", 100_001), ("Second", 200_002)]
    assert result.papers[1].abstract == "One.\n\nTwo."


_gap = st.one_of(st.integers(0, 3).map(lambda n: "\n" * n),
                 st.integers(60, 300).map(lambda n: "\n" * n),
                 st.integers(30, 200).map(lambda n: " \t\n" * n),
                 st.just("\n" + " " * 80 + "\n"))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_gap, st.booleans(), _gap), min_size=1, max_size=8))
def test_entries_keep_their_lines_and_values(parts: list[tuple[str, bool, str]]) -> None:
    """Entries between runs of blank lines of any length (also inside a value): each paper has
    the line of its @ in the file, and its title and abstract."""
    text, expected = "", []
    for i, (before, broken, inside) in enumerate(parts):
        text += before
        line = text.count("\n") + 1
        if broken:
            text += f"@misc{{k{i} title}}\n"
            continue
        text += f"@misc{{k{i},\n  title = {{Paper {i}}},\n  abstract = {{A.{inside}B.}}\n}}\n"
        paragraphs = "\n\n" if inside.count("\n") >= 2 else " " if inside else ""
        expected.append((f"Paper {i}", line, f"A.{paragraphs}B."))
    result = IMPORTER.parse(text, source="x.bib", today=TODAY)
    assert [(p.title, p.provenance[0].line, p.abstract) for p in result.papers] == expected
