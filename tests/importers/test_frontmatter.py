"""Front matter: every value a string, no tags, no aliases, malformed input reported by line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.base import ImporterError
from importers.frontmatter import load_front_matter, split_front_matter


def lines(text: str) -> list[str]:
    """Split like the page scanner does."""
    return text.split("\n")


def test_values_stay_strings() -> None:
    """Booleans, numbers, dates, nulls and arXiv-like ids are kept exactly as printed."""
    data = load_front_matter(
        'title: "Research Topic: Manipulation"\n'
        "author_profile: True\n"
        "arxiv: 1501.00010\n"
        "count: 007\n"
        "date: 2024-01-02\n"
        "empty:\n"
        "nothing: null\n"
        "tags: [a, 1, yes]\n"
        "nested:\n  key: 3.0\n"
    )
    assert data["title"] == "Research Topic: Manipulation"
    assert data["author_profile"] == "True"
    assert data["arxiv"] == "1501.00010"
    assert data["count"] == "007"
    assert data["date"] == "2024-01-02"
    assert data["empty"] == ""
    assert data["nothing"] == "null"
    assert data["tags"] == ["a", "1", "yes"]
    assert data["nested"] == {"key": "3.0"}


def test_tags_are_not_honoured() -> None:
    """A python/object tag is ignored: the value stays a plain string, nothing is built."""
    data = load_front_matter("evil: !!python/object/apply:os.system ['echo hi']\nn: !!int '5'\n")
    assert data["evil"] == ["echo hi"]
    assert data["n"] == "5"


def test_alias_bomb_rejected() -> None:
    """Anchors and aliases (the billion-laughs shape) raise ImporterError with a line."""
    bomb = 'a: &a ["x","x","x"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\n'
    with pytest.raises(ImporterError) as info:
        load_front_matter(bomb, source="p.md", first_line=2)
    assert info.value.line == 2
    assert "alias" in info.value.message


def test_malformed_reports_file_line() -> None:
    """A YAML syntax error names the file line (front matter starts on line 2)."""
    text = "---\ntitle: ok\npermalink: /a/b\nbad: [unclosed\nnext: x\n---\nbody"
    with pytest.raises(ImporterError) as info:
        split_front_matter(lines(text), source="page.md")
    assert info.value.source == "page.md"
    assert info.value.line is not None and 4 <= info.value.line <= 6


def test_unclosed_front_matter() -> None:
    """A `---` opening with no closing fence is an error at line 1."""
    with pytest.raises(ImporterError) as info:
        split_front_matter(lines("---\ntitle: x\n\nno end"), source="p.md")
    assert info.value.line == 1


def test_no_front_matter_and_body_start() -> None:
    """Pages without a fence have no data; with one, the body starts after the fence."""
    none = split_front_matter(lines("# Heading\ntext"))
    assert not none.present and none.data == {} and none.body_start == 0
    some = split_front_matter(lines("---\ntitle: T\n...\nbody"))
    assert some.present and some.get("title") == "T" and some.body_start == 3


def test_non_mapping_rejected() -> None:
    """A list at top level is not front matter."""
    with pytest.raises(ImporterError):
        load_front_matter("- a\n- b\n")


def test_control_bytes_stripped() -> None:
    """Terminal escapes never survive into values."""
    data = load_front_matter('title: "A\\x1b[31mB"\n')
    assert data["title"] == "AB"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_importer_error(text: str) -> None:
    """Any text either loads into strings/lists/dicts or raises ImporterError."""
    try:
        data = load_front_matter(text)
    except ImporterError:
        return
    assert isinstance(data, dict)
    stack: list[object] = list(data.values())
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        else:
            assert isinstance(value, str)
