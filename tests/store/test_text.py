"""Text hygiene: no escape sequence or control byte survives, ordinary text is untouched."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from store.text import clean_block, clean_inline, fold, normalize_title, slugify, strip_controls

BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PAYLOADS = [
    "\x1b]0;pwned title\x07",
    "\x1b]52;c;ZXZpbA==\x1b\\",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x9b2J",
    "\x9d0;eight-bit osc\x9c",
    "\x1bP+q\x1b\\",
    "\x1b]0;never terminated",
]


def test_payloads_are_stripped() -> None:
    """Every known payload loses all its control bytes; surrounding text stays."""
    for payload in PAYLOADS:
        out = strip_controls(f"before {payload} after")
        assert not BAD.search(out), repr(out)
        assert out.startswith("before ")


def test_unterminated_osc_stops_at_line_end() -> None:
    """An unterminated OSC swallows at most the rest of its line."""
    assert strip_controls("a\x1b]0;x\nsecond line") == "a\nsecond line"


@given(st.text())
def test_no_control_survives(text: str) -> None:
    """Whatever goes in, no C0 (but tab/newline), DEL or C1 byte comes out."""
    for out in (strip_controls(text), clean_inline(text), clean_block(text)):
        assert not BAD.search(out)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_printable_ascii_untouched(text: str) -> None:
    """Plain printable text passes strip_controls unchanged."""
    assert strip_controls(text) == text


def test_spaces_and_folding() -> None:
    """No-break and thin spaces become plain; folding drops case and accents."""
    assert clean_inline("a\u00a0b\u2009c\u202f d") == "a b c d"
    assert fold("Müller ÉCOLE") == "muller ecole"
    assert normalize_title("Depth-Aware  Video, Frame!") == normalize_title(
        "depth aware video frame"
    )


def test_slugify_non_latin_is_stable_and_distinct() -> None:
    """Names with no Latin letters get distinct, stable slugs, never a shared placeholder."""
    assert slugify("Research Topic: Manipulation") == "research-topic-manipulation"
    assert slugify("高志勇") == slugify("高志勇") != slugify("王伟")
    assert slugify("高志勇").startswith("u")


@given(st.text())
def test_fast_paths_equal_full_cleaning(text: str) -> None:
    """The quick paths of clean_inline, clean_block and fold give the full paths' results."""
    from store.text import _clean_block_slow, _clean_inline_slow

    assert clean_inline(text) == _clean_inline_slow(text)
    assert clean_block(text) == _clean_block_slow(text)
    ascii_text = text.encode("ascii", "ignore").decode()
    assert fold(ascii_text) == ascii_text.casefold()
