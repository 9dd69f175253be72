"""The one rule for typed tags (issue 8, item 14): commas or whitespace separate single words."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from store.tags import split_tags


def test_commas_and_spaces_separate() -> None:
    """"a,b c" is three tags; repeats and empties go; order stays."""
    assert split_tags("a,b c") == ["a", "b", "c"]
    assert split_tags(" to-read ,, video\tto-read\n") == ["to-read", "video"]
    assert split_tags(["a,b", "c a"]) == ["a", "b", "c"]
    assert split_tags("") == [] and split_tags([]) == []


@given(st.one_of(st.text(max_size=40), st.lists(st.text(max_size=10), max_size=4)))
def test_tags_are_single_clean_words_and_stable(value: str | list[str]) -> None:
    """No tag holds a comma, a space or a control character; writing them back reads the same."""
    tags = split_tags(value)
    assert all(t and "," not in t and not any(c.isspace() for c in t) for t in tags)
    assert not any(unicodedata.category(c) == "Cc" for t in tags for c in t)
    assert split_tags(", ".join(tags)) == tags
