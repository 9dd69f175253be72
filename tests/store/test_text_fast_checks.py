"""store.text's fast check for suspect characters agrees with the full regex search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.text import _NEEDS_CLEANING, clean_block, clean_inline, has_suspect_chars

# ASCII (controls, tab, newline, DEL), C1, bidi and zero-width characters, and any other.
_CHARS = st.one_of(st.characters(max_codepoint=0x7F), st.characters(min_codepoint=0x80,
                   max_codepoint=0x9F), st.sampled_from("\u202e\u200b\u2028\ufeff\u00a0\u00e9"),
                   st.characters())


@settings(max_examples=500, deadline=None)
@given(st.text(_CHARS, max_size=60) | st.text(st.characters(max_codepoint=0x7F), max_size=60))
def test_the_fast_check_is_the_regex_search(text: str) -> None:
    """has_suspect_chars(text) is exactly whether the full pattern finds anything."""
    assert has_suspect_chars(text) == (_NEEDS_CLEANING.search(text) is not None)


def test_ascii_controls_are_still_cleaned() -> None:
    """Printable ASCII takes the fast path; an ESC or BEL in ASCII text is still removed."""
    assert clean_inline("a\x1b]52;c;eA==\x07 b") == "a b"
    assert clean_block("a\x1b[31m b\n\n\x7fc") == "a b\n\nc"
    assert clean_inline("plain  ascii\ttext") == "plain ascii text"
