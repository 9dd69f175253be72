"""The depth guard's letter-by-letter tag names find what the plain alternation found
(property tests against it, on tag soup and at the chunk boundaries)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.html import guard

_OLD_OPEN = re.compile(rf"<(?:{guard._NAMES})(?=[\s>/])")
_OLD_CLOSE = re.compile(rf"</(?:{guard._NAMES})(?=[\s>])")
NAMES = guard._NAMES.split("|") + ["bl", "d", "di", "divx", "tr", "td", "str", "p", "li", "a",
                                   "blockquot", "headers", "ems", "summary", "DIV", "Span"]
ENDS = [" ", ">", "/", "\n", "x", "", "\t", "-", "<"]

soup = st.lists(st.builds(lambda slash, name, end: f"<{slash}{name}{end}",
                          st.sampled_from(["", "/", "//", " "]), st.sampled_from(NAMES),
                          st.sampled_from(ENDS)) | st.sampled_from(["text", "<", "</", " "]),
                max_size=60).map("".join)


@settings(max_examples=1000, deadline=None)
@given(soup)
def test_the_fast_patterns_match_what_the_plain_ones_matched(text: str) -> None:
    """The same opening and end tags, at the same places."""
    low = text.lower()
    assert [m.span() for m in guard._OPEN.finditer(low)] == \
        [m.span() for m in _OLD_OPEN.finditer(low)]
    assert [m.span() for m in guard._CLOSE.finditer(low)] == \
        [m.span() for m in _OLD_CLOSE.finditer(low)]


@settings(max_examples=200, deadline=None)
@given(soup, st.integers(1, 40))
def test_bounded_depth_is_what_it_was(text: str, copies: int) -> None:
    """The same depth on long tag soup (several chunks), as counted with the plain patterns."""
    text = text * copies * 40
    fast = guard.bounded_depth(text, limit=50)
    old_open, old_close = guard._OPEN, guard._CLOSE
    try:
        guard._OPEN, guard._CLOSE = _OLD_OPEN, _OLD_CLOSE
        assert guard.bounded_depth(text, limit=50) == fast
    finally:
        guard._OPEN, guard._CLOSE = old_open, old_close
