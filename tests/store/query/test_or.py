"""OR, parentheses and id lookups in the one query language, for Query.matches and the index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.query import parse_query
from store.repository import Store
from tests.store.search_library import annotations, library
from tests.store.storehelp import result

PAPERS = library()
ANNS = annotations()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Any], set[str]]:
    """The ids Store.search (the derived index) finds, over the same papers and marks."""
    store = Store(tmp_path_factory.mktemp("or"))
    store.apply_import(result(*PAPERS), source="library.md", importer="test")
    for pid, ann in ANNS.items():
        store.mark(pid, read=ann.read, starred=ann.starred, tags=ann.tags, note=ann.note)
    return lambda query: set(store.search(query, limit=1000).ids)


def hits(text: str) -> set[str]:
    """Ids Query.matches accepts."""
    q = parse_query(text)
    return {p.id for p in PAPERS if q.matches(p, ANNS.get(p.id))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title:dark OR venue:iccv", {"p2", "p3"}),
        ("(title:dark OR venue:iccv)", {"p2", "p3"}),
        ("(dark OR iccv) year:2019", {"p2"}),
        ("year:2019 (dark OR iccv)", {"p2"}),
        ("-(title:dark OR venue:iccv)", {"p1", "p4", "1501.00010"}),
        ("-(video year:2023)", {"p1", "p2", "p3", "1501.00010"}),
        ("(author:liu OR author:chen) (year:2021 OR -year:2015..2030)", {"p1", "p3"}),
        ("muller OR garcia OR strasse", {"p1", "p4", "1501.00010"}),
        ("title:dark OR", {"p3"}),  # a trailing OR (while typing) is ignored
        ('"dark OR iccv"', set()),  # a quoted OR is a word
        ("1501.00010", {"1501.00010"}),  # an arXiv id as free text
        ("arxiv:1501.00010", {"1501.00010"}),
        ("10.1000/abc", {"p2"}),  # a DOI as free text
        ("doi:10.1000/abc", {"p2"}),
    ],
)
def test_or_groups_and_ids(text: str, expected: set[str],
                           index: Callable[[Any], set[str]]) -> None:
    """Query.matches and the search index agree on OR, groups and id lookups."""
    assert parse_query(text).errors == ()
    assert hits(text) == expected
    assert index(text) == expected


def test_unclosed_group_is_reported_and_closed(index: Callable[[Any], set[str]]) -> None:
    """`(dark OR iccv` searches as if closed and says so."""
    q = parse_query("(title:dark OR venue:iccv")
    assert q.errors and "never closed" in q.errors[0]
    assert index(q) == {"p2", "p3"}


def test_or_query_round_trips_and_highlights() -> None:
    """to_text parses back to the same branches; every branch's words are highlighted."""
    q = parse_query("(dark OR iccv) year:2019")
    again = parse_query(q.to_text())
    assert again.branches == q.branches
    assert set(q.highlight_terms()) == {"dark", "iccv"}


WORDS = st.sampled_from(["video", "dark", "iccv", "year:2019", "author:li", "-video", "OR",
                         "(", ")", "-(", "is:read", "has:code", "liu"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_index_agrees_with_matches(index: Callable[[Any], set[str]], text: str) -> None:
    """Any mix of terms, OR and parentheses gives the same papers from both paths."""
    assert index(text) == hits(text)
