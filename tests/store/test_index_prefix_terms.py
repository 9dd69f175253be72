"""A lone word typed as a prefix, looked up with the index's word expansion (a term set of the
words it starts, when few; the typefast branch makes field_query do so) or as a regex: the same
papers, order and scores (store.index.translate.field_query)."""

from __future__ import annotations

import pytest

from benchmarks.synth import write_library
from store.index.engine import PaperIndex
from store.index.translate import translate
from store.query import parse_query
from store.repository import Store


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> PaperIndex:
    """The fresh index of a 3,000-paper synthetic library."""
    home = tmp_path_factory.mktemp("prefix") / "home"
    write_library(home, 3000)
    store = Store(home)
    store.search("video")
    found = store.search_index.current()
    assert found is not None
    return found


@pytest.mark.parametrize("text", ["video", "ligh", "supe", "denois", "author:zhan", "vide",
                                  "title:low ligh", "haze 313", "nosuchprefix", "video -ligh",
                                  "venue:cvpr", "has:code supe"])
def test_prefix_words_rank_like_the_regex(index: PaperIndex, text: str) -> None:
    """Counts, ids and scores of the top 100 equal those of the regex form (expand=None)."""
    assert len(index._expand("title", "supe") or ()) == 2  # (super, supervised: a real set)
    query = parse_query(text)
    fast = translate(index.schema, query, index._expand)
    slow = translate(index.schema, query, None)
    a = index.searcher.search(fast, 100, count=True)
    b = index.searcher.search(slow, 100, count=True)
    assert a.count == b.count
    assert [(round(s, 5), addr.segment_ord, addr.doc) for s, addr in a.hits] == [
        (round(s, 5), addr.segment_ord, addr.doc) for s, addr in b.hits]
