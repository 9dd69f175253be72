"""Right after start on a big library (no index yet), a search's count is exact."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from store.query import parse_query
from store.records import paper_from_raw
from store.repository import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synth import write_library  # noqa: E402

QUERIES = ["haze 31337", "video", "haze", "video den", "author:chen year:2019..2021 -oral",
           "has:code cat:hdr", '"low light"', "qqqzzz"]


def _check(home: Path, n: int) -> None:
    """A fresh store (index missing) answers each query with the exact count at once."""
    write_library(home, n)
    store = Store(home)
    assert not store.index_is_fresh()
    pages = {q: store.search(q, limit=20) for q in QUERIES}  # the first one builds the index
    raw = store._lib().raw
    for text, page in pages.items():
        q = parse_query(text)
        truth = sum(1 for d in raw if q.matches(paper_from_raw(d)))
        assert (0 if page.fuzzy else page.total) == truth, text
        assert page.fuzzy or len(page.rows) == min(20, truth)
    if n >= 31338:
        assert pages["haze 31337"].total == 1 and not pages["haze 31337"].fuzzy


def test_exact_count_right_after_start(tmp_path: Path) -> None:
    """3,000 papers: the fast variant in the default suite."""
    _check(tmp_path, 3_000)


@pytest.mark.slow
def test_exact_count_right_after_start_100k(tmp_path: Path) -> None:
    """100,000 papers (about 2 minutes here: writing the library, building the index)."""
    _check(tmp_path, 100_000)
