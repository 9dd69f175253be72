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
