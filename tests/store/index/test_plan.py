"""The flat query plan and the one-word shortcut give the old plan's counts, pages and ranks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import tantivy
from hypothesis import given, settings
from hypothesis import strategies as st

from store.index import fastpath
from store.index.engine import PaperIndex
from store.index.translate import translate
from store.query import parse_query
from store.records import paper_to_raw
from tests.store.index import old_plan

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from benchmarks.gen_arxiv_snapshot import write_snapshot  # noqa: E402
from importers.arxiv_snapshot import parse_lines  # noqa: E402

N = 1500
WORDS = ["v", "vi", "vid", "video", "vide", "c", "co", "com", "compression", "compr", "q",
         "qua", "quantum", "a", "an", "the", "graph", "learning", "diffusion", "model", "zz",
         "wang", "wan", "li", "deep", "network", "t", "s", "transformer", "ka", "kar"]
QUERIES = [*WORDS, "video compression", "video c", "quantum g", "author:wang learning",
           "author:w", "cat:cs", "cat:cs.cv d", "title:video", '"video"', '"video c',
           "video -compression", "-video", "year:2020 video", "video OR quantum"]
SORTS = ["relevance", "order", "year", "title"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> PaperIndex:
    """An index of N papers from the synthetic arXiv snapshot (Zipf vocabulary)."""
    tmp = tmp_path_factory.mktemp("plan")
    snap = tmp / "snap.jsonl"
    write_snapshot(snap, N)
    with open(snap, "rb") as handle:
        papers = parse_lines(enumerate(handle, 1), source="s").papers
    index = PaperIndex(tmp / "index", create=True)
    index.write((paper_to_raw(p), i, None) for i, p in enumerate(papers))
    return index


def old_hits(index: PaperIndex, text: str, limit: int, **kw: Any) -> tuple[int, list[Any]]:
    """(count, [(key, id)]) of the old plan: nested per-field unions, counted while ranked."""
    q = old_plan.translate(index.schema, parse_query(text), index._expand)
    res = index.searcher.search(q, limit, count=True, **kw)
    return int(res.count or 0), [(k, index.searcher.doc(a)["id"][0]) for k, a in res.hits]


def scores(index: PaperIndex, text: str) -> dict[str, float]:
    """Every match's old-plan score by id."""
    return {pid: s for s, pid in old_hits(index, text, N + 1)[1]}


def check_ranked(index: PaperIndex, text: str, offset: int, limit: int) -> None:
    """The new relevance page holds, position by position, a paper of the old page's score,
    and the very same paper wherever that score is not tied."""
    page = index.search(text, offset=offset, limit=limit, fuzzy_fallback=False)
    total, old = old_hits(index, text, offset + limit)
    assert page.total == total
    old = old[offset:]
    assert len(page.ids) == len(old)
    score = scores(index, text)
    values = [round(s, 4) for s, _ in old]
    for i, ((s, pid), new) in enumerate(zip(old, page.ids, strict=True)):
        assert round(score[new], 4) == round(s, 4), (text, i)
        if values.count(round(s, 4)) == 1 and sum(
                round(v, 4) == round(s, 4) for v in score.values()) == 1:
            assert new == pid, (text, i)


@pytest.mark.parametrize("text", QUERIES)
def test_relevance_pages_match_the_old_plan(index: PaperIndex, text: str) -> None:
    """Counts, first pages and a later page agree with the old plan."""
    check_ranked(index, text, 0, 50)
    check_ranked(index, text, 20, 20)


@pytest.mark.parametrize("sort", SORTS[1:])
@pytest.mark.parametrize("text", QUERIES[::3])
def test_sorted_pages_match_the_old_plan(index: PaperIndex, text: str, sort: str) -> None:
    """Sorted orders: the same total and the same ids on the page."""
    field = {"order": "pos", "year": "s_year", "title": "s_title"}[sort]
    order = tantivy.Order.Desc if sort == "year" else tantivy.Order.Asc
    total, old = old_hits(index, text, 30, order_by_field=field, order=order)
    page = index.search(text, sort=sort, limit=30, fuzzy_fallback=False)
    assert page.total == total
    assert page.ids == [pid for _, pid in old]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
       st.integers(0, 40), st.integers(1, 60))
def test_random_queries_match_the_old_plan(index: PaperIndex, text: str, offset: int,
                                           limit: int) -> None:
    """Random one- to three-word queries, offsets and page sizes."""
    check_ranked(index, text, offset, limit)


def test_one_word_shortcut_is_taken(index: PaperIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several one-word queries are answered by the shortcut (so the tests above test it)."""
    taken: list[str] = []
    real = fastpath.ranked_page

    def spy(*args: Any) -> Any:
        out = real(*args)
        if out is not None:
            taken.append(args[2].text)
        return out

    monkeypatch.setattr("store.index.engine.ranked_page", spy)
    for text in WORDS:
        index.search(text, limit=10, fuzzy_fallback=False)
    assert {"video", "vid", "quantum", "q"} <= set(taken)


def test_deleted_documents_keep_the_shortcut_exact(tmp_path: Path) -> None:
    """After a paper is replaced (a deleted document in the index, as every mark makes),
    the shortcut still answers, with counts from the live postings: the same totals and
    pages as ranking every match."""
    snap = tmp_path / "snap.jsonl"
    write_snapshot(snap, 300)
    with open(snap, "rb") as handle:
        raws = [paper_to_raw(p) for p in parse_lines(enumerate(handle, 1), source="s").papers]
    index = PaperIndex(tmp_path / "index", create=True)
    index.write((r, i, None) for i, r in enumerate(raws))
    words = ("video", "v", "quantum", "q", "l", "learning")
    before = {w: index.search(w).total for w in words}
    index.write([(raws[k], k, None) for k in range(0, 300, 7)])  # again: delete + add
    assert index.searcher.doc_freq("flags", "doc") > index.searcher.num_docs
    taken = 0
    for word in words:
        fast = fastpath.ranked_page(index.searcher, index.schema, parse_query(word),
                                    index._expand, 0, 10)
        full = index._run(translate(index.schema, parse_query(word), index._expand),
                          "relevance", False, 0, 10)
        assert index.search(word).total == before[word] == full[0]
        if fast is not None:
            taken += 1
            assert fast[0] == full[0]
            assert _ids(index, fast[1]) == _ids(index, full[1])
    assert taken
    view = str(raws[0]["sections"][0]["section"])
    walked = index.search("", view=view, limit=1).total
    assert fastpath.count_only(index.searcher, index.schema, parse_query(""), view,
                               index._expand) == walked
    assert index.count("", view) == walked
    assert {w: index.count(w) for w in before} == before


def _ids(index: PaperIndex, addrs: list[object]) -> list[str]:
    """The paper ids at doc addresses."""
    return [str(d.get("id")) for d in index._docs(addrs)]


def test_an_abstract_only_match_outranking_the_titles_is_found(tmp_path: Path) -> None:
    """A paper matching only in its short abstract but scoring above every author match
    (long author lists) still heads the page: the shortcut's ceiling sends it to the scan."""
    from store.models import Paper

    long_text = " ".join(f"w{k}" for k in range(200))
    papers = [Paper(title=f"Other {i}", authors=["Zeta Jones", *(f"A{j} B{i}" for j in
                    range(7))], abstract="filler", year=2020) for i in range(40)]
    papers += [Paper(title=f"Long {i}", authors=["Kim Park"], abstract=f"zeta {long_text}")
               for i in range(44)]
    papers += [Paper(title=f"Filler {i}", authors=["Kim Park"], abstract="filler words")
               for i in range(500)]
    papers.append(Paper(title="Unrelated", authors=["Kim Park"], abstract="zeta zeta zeta"))
    for i, paper in enumerate(papers):
        paper.id = f"p{i:03d}"
    index = PaperIndex(tmp_path / "index", create=True)
    index.write((paper_to_raw(p), i, None) for i, p in enumerate(papers))
    page = index.search("zeta", limit=10)
    assert page.total == 85
    assert page.ids[0] == papers[-1].id
    check_ranked(index, "zeta", 0, 10)


def test_initials_hold_each_first_letter_of_the_plain_search_fields(tmp_path: Path) -> None:
    """The initials field has the first letter of every word of title, authors, venue,
    abstract and ids (not of tags, keywords or the category), and every document the
    flags:doc term."""
    from store.index.schema import ALL_DOCS, INITIALS
    from store.models import Paper

    paper = Paper(title="Vidéo | codecs", authors=["Ann Lee"], abstract="zeta", venue="Kdd",
                  keywords=["yak"], category="cs.CV", doi="10.1/xy")
    paper.id = "p1"
    index = PaperIndex(tmp_path / "index", create=True)
    index.write([(paper_to_raw(paper), 0, [False, False, False, ["tagword"]])])
    found = {c for c in "abcdefghijklmnopqrstuvwxyz0123456789|"
             if index.searcher.doc_freq(INITIALS, ">" + c)}
    assert found == set("vcalzkx1")
    assert index.searcher.doc_freq("flags", ALL_DOCS) == 1


def test_counts_alone_match_the_walked_counts(index: PaperIndex) -> None:
    """count() (a page of no rows: from the term dictionary where it can) equals the total of
    a page that walks the matches, for words, views and every paper."""
    first = index._docs(a for _, a in index.searcher.search(tantivy.Query.all_query(), 50).hits)
    views = sorted({str(s.get("section")) for raw in first for s in raw["sections"]})
    views += ["c:" + v.split("/")[0] for v in views[:2]]
    for text in ["", *QUERIES]:
        assert index.count(text) == old_hits(index, text, 1)[0], text
        assert index.count(text) == index.search(text, sort="order", limit=1).total, text
    for view in views:
        assert index.count("", view) == index.search("", view=view, limit=1).total > 0, view
        assert index.count("video", view) == index.search("video", view=view, limit=1).total
    assert fastpath.count_only(index.searcher, index.schema, parse_query(""), views[0],
                               index._expand) is not None
