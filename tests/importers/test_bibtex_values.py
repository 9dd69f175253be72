"""BibTeX value helpers (issue #12 item 11): the fast paths taken for values without groups give
what the full brace-aware scan gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.bibtex.values import _AND, _fully_braced, split_names

_chars = st.text(alphabet="ab {}\\,", max_size=12)


def _braced_by_scan(text: str) -> bool:
    """_fully_braced by a plain character scan (the definition)."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return False
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
        i += 1
    return False


def _names_by_scan(value: str) -> list[str]:
    """split_names by a per-character depth scan (the definition)."""
    depths, depth, escaped = [], 0, False
    for ch in value:
        depths.append(depth)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
    names, start = [], 0
    for match in _AND.finditer(value):
        if depths[match.start()] == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


@settings(max_examples=500)
@given(_chars)
def test_fully_braced_matches_the_scan(text: str) -> None:
    """Any mix of braces, backslashes and text: same answer as the character scan."""
    assert _fully_braced(text) == _braced_by_scan(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["Doe, Jane", "{A and B}", "J. {\\\"o}rg", "and", "AND",
                                 "{Lab}", " ", "x\\{", "others"]), max_size=8))
def test_split_names_matches_the_scan(words: list[str]) -> None:
    """Author lists with and without groups split as the per-character scan splits them."""
    value = " and ".join(words)
    assert split_names(value) == _names_by_scan(value)


def test_contribution_marks_are_not_part_of_a_name() -> None:
    """al-folio-style marks pasted on a name ("*Pang, Ce", "∗Yadav, Sourabh", "Li†") go."""
    from importers.bibtex.values import authors_of

    names, _ = authors_of("*Pang, Ce and Qiu, Chenxi and ∗Yadav, Sourabh and Wei Li† and "
                          "{Team * Alpha}")
    assert names == ["Ce Pang", "Chenxi Qiu", "Sourabh Yadav", "Wei Li", "Team Alpha"]


@given(st.lists(st.text(alphabet="abxyzÄé-'.", min_size=1, max_size=10), min_size=1,
                max_size=4), st.data())
@settings(max_examples=200, deadline=None)
def test_a_mark_on_a_word_changes_nothing_else(words: list[str], data: st.DataObject) -> None:
    """A mark pasted before or after any word of a name leaves the name as it was."""
    from importers.bibtex.values import NAME_MARKS, person_name

    at = data.draw(st.integers(0, len(words) - 1))
    mark = data.draw(st.sampled_from(NAME_MARKS))
    marked = list(words)
    marked[at] = data.draw(st.sampled_from([mark + words[at], words[at] + mark]))
    assert person_name(" ".join(marked)) == person_name(" ".join(words))
    assert not set(NAME_MARKS) & set(person_name(" ".join(marked)))
