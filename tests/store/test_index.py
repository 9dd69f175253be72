"""The tantivy index: same answers as Query.matches, ranking, sorting, typos, exact ids."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.index.documents import marks_table
from store.index.engine import PaperIndex
from store.models import Annotation, Paper
from store.query import parse_query
from store.records import paper_to_raw
from tests.store.search_library import annotations, library

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synth import make_papers  # noqa: E402

PAPERS = library()
ANNS = annotations()
SYNTH = make_papers(300, seed=3)


def build(path: Path, papers: list[Paper], anns: dict[str, Annotation]) -> PaperIndex:
    """An index of papers (library order) with the users' marks."""
    index = PaperIndex(path, create=True)
    marks = marks_table(anns)
    index.write((paper_to_raw(p), i, marks.get(p.id)) for i, p in enumerate(papers))
    return index


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> PaperIndex:
    """The hand-made library with annotations."""
    return build(tmp_path_factory.mktemp("small"), PAPERS, ANNS)


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> PaperIndex:
    """300 synthetic papers, no annotations."""
    return build(tmp_path_factory.mktemp("synth"), SYNTH, {})


def oracle(papers: list[Paper], anns: dict[str, Annotation], text: str) -> list[str]:
    """The ids Query.matches accepts, in library order."""
    q = parse_query(text)
    return [p.id for p in papers if q.matches(p, anns.get(p.id))]


def in_order(index: PaperIndex, text: str) -> list[str]:
    """Every match in library order."""
    return index.search(text, sort="order", limit=10_000, fuzzy_fallback=False).ids


QUERIES = [
    "video", "vid", "v", "VIDÉO", "muller", "strasse", "-video", '"dong liu"', '"dong li"',
    '"dong li', "author:li", "-author:li", 'author:"li wei"', 'author:"wei anna"', "venue:iccv",
    "year:2019..2021", "year:>2020", "-year:2021", "cat:cv", "tag:fav", "tag:denoising",
    'tag:"to-read"', "is:read", "is:unread", "is:noted", "is:starred", "-is:starred",
    "has:code", "has:doi", "has:note", "has:abstract", "oral", "video-int",
    "video is:unread -author:chen", "", "year:abc", "foo:bar", 'title:"see in the"',
    "see in the d", "see in th", "transformers", "transformer",
]


@pytest.mark.parametrize("text", QUERIES)
def test_index_agrees_with_matches(small: PaperIndex, text: str) -> None:
    """The index finds exactly what Query.matches accepts; counts are exact."""
    expected = oracle(PAPERS, ANNS, text)
    assert in_order(small, text) == expected
    assert small.count(text) == len(expected)
    assert sorted(small.search(text, limit=100, fuzzy_fallback=False).ids) == sorted(expected)


_words = ["video", "vid", "v", "denoising", "deep", "learning", "li", "liu", "müller", "wang",
          "chen", "cvpr", "2021", "neural", "ren", "x", "network", "super", "resolution",
          "netw", "dense", "de"]
_term = st.one_of(
    st.sampled_from(_words),
    st.lists(st.sampled_from(_words), min_size=2, max_size=3).map(
        lambda w: '"' + " ".join(w) + '"'),
    st.lists(st.sampled_from(_words), min_size=2, max_size=3).map(
        lambda w: '"' + " ".join(w)),
    st.sampled_from(_words).map(lambda w: f'"{w}"'),
    st.tuples(st.sampled_from(["author", "title", "venue", "cat"]), st.sampled_from(_words))
    .map(lambda t: f"{t[0]}:{t[1]}"),
    st.sampled_from(["year:2019..2021", "year:>2022", "has:code", "has:doi", "is:unread"]),
)
_query = st.lists(st.tuples(st.booleans(), _term), min_size=1, max_size=4).map(
    lambda ts: " ".join(("-" if neg else "") + t for neg, t in ts))


@settings(max_examples=80, deadline=None)
@given(_query)
def test_index_agrees_on_synthetic_queries(synth: PaperIndex, text: str) -> None:
    """Random queries over a synthetic library agree with the oracle, exactly."""
    assert in_order(synth, text) == oracle(SYNTH, {}, text)


def test_typed_sequence_exact_at_every_key(synth: PaperIndex) -> None:
    """Keystroke by keystroke the results and counts are exact."""
    typed = "video int"
    for k in range(1, len(typed) + 1):
        expected = oracle(SYNTH, {}, typed[:k])
        page = synth.search(typed[:k], limit=20, fuzzy_fallback=False)
        assert page.total == len(expected)
        assert set(page.ids) <= set(expected)


def test_relevance_title_first(tmp_path: Path) -> None:
    """A paper about the query (in its title) ranks above one that only mentions it."""
    filler = [Paper(id=f"f{i}", title=f"Unrelated study {i}", authors=["A B"],
                    abstract="video compression appears once here among many other words " * 1)
              for i in range(30)]
    target = Paper(id="t", title="Learned Video Compression", authors=["C D"],
                   abstract="We compress video.")
    index = build(tmp_path / "i", [*filler, target], {})
    assert index.search("video compression", limit=5).ids[0] == "t"
    assert index.search("video compression", limit=5).total == 31


def test_sorts_and_pages(synth: PaperIndex) -> None:
    """Sorting by year/title/venue/order and paging give the expected sequences."""
    expected = oracle(SYNTH, {}, "video")
    by_year = synth.search("video", sort="year", limit=1000).rows
    years = [r.year or 0 for r in by_year]
    assert years == sorted(years, reverse=True) and len(by_year) == len(expected)
    titles = [r.title for r in synth.search("video", sort="title", limit=1000).rows]
    from store.text import fold
    assert [fold(t) for t in titles] == sorted(fold(t) for t in titles)
    pages = [synth.search("video", sort="order", offset=o, limit=7).ids for o in range(0, 35, 7)]
    assert sum(pages, []) == expected[:35]
    rev = synth.search("video", sort="order", reverse=True, limit=3).ids
    assert rev == expected[::-1][:3]


def test_exact_id_first_and_typo_fallback(small: PaperIndex) -> None:
    """An arXiv id, DOI or paper id typed whole comes first; typos find close matches."""
    assert small.search("2101.00001").ids[0] == "p1"
    assert small.search("arXiv:2101.00001v2").ids[0] == "p1"
    assert small.search("10.1000/ABC").ids == ["p2"]
    assert small.search("p4").ids[0] == "p4"
    page = small.search("denoisng")
    assert page.fuzzy and "p1" in page.ids and page.total == len(page.ids)
    exact = small.search("denoising")
    assert not exact.fuzzy
    assert small.search("qqqqqqqq").total == 0


def test_views(small: PaperIndex) -> None:
    """A view restricts to a section or, with c:, a collection."""
    sec = {p.id for p in PAPERS if any(s.section == "site:m/denoising" for s in p.sections)}
    assert set(small.search("", view="site:m/denoising", limit=50).ids) == sec
    coll = {p.id for p in PAPERS if any(s.collection == "site:m" for s in p.sections)}
    assert set(small.search("", view="c:site:m", limit=50).ids) == coll
    assert small.count("", view="nope") == 0
