"""OR, groups and id lookups through Store.search (the tantivy index), same as Query.matches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from importers.arxiv_listing import IMPORTER as LISTING
from store.query import parse_query
from store.repository import Store
from tests.conftest import seed


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The arXiv-listing seed in a fresh store."""
    home = Path(tmp_path_factory.mktemp("or"))
    store = Store(home)
    text = seed("001").read_text(encoding="utf-8")
    result = LISTING.parse(text, source="listing.txt", today=date(2025, 1, 1))
    store.apply_import(result, source="listing.txt", importer="arxiv-listing")
    return store


@pytest.mark.parametrize(
    "query",
    ["1904.00830", "arxiv:2002.12259", "1904.00830 OR 2002.12259",
     "(interpolation OR compression) -depth", "-(video OR frame)", "cat:cv OR has:code",
     "(1810.08768 OR 1812.00101) year:2018"],
)
def test_index_agrees_with_matches(store: Store, query: str) -> None:
    """The index's answer is exactly what Query.matches accepts, and not empty by accident."""
    q = parse_query(query)
    assert q.errors == ()
    expected = {p.id for p in store.papers() if q.matches(p, store.annotation(p.id))}
    page = store.search(query, sort="order", limit=1000)
    assert set(page.ids) == expected and page.total == len(expected)
    if "-(" not in query:
        assert expected


def test_free_text_arxiv_id_finds_one_paper(store: Store) -> None:
    """An arXiv id typed as free text finds that paper."""
    (row,) = store.search("1904.00830", limit=10).rows
    paper = store.get(row.id)
    assert paper is not None and paper.arxiv_id == "1904.00830"
