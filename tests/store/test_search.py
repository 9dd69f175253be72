"""SearchIndex: agreement with Query.matches, annotations, scope, highlight, cache files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.models import Annotation, Paper
from store.query import parse_query
from store.search import SearchIndex, highlight, search_cached
from tests.store.search_library import annotations, library

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synth import make_papers  # noqa: E402

PAPERS = library()
ANNS = annotations()
SYNTH = make_papers(300, seed=3)
SYNTH_INDEX = SearchIndex(SYNTH, {})
SMALL_INDEX = SearchIndex(PAPERS, ANNS)


def oracle(papers: list[Paper], anns: dict[str, Annotation], text: str) -> list[str]:
    """The ids Query.matches accepts, in library order."""
    q = parse_query(text)
    return [p.id for p in papers if q.matches(p, anns.get(p.id))]


QUERIES = [
    "video", "vid", "VIDÉO", "muller", "strasse", "-video", '"dong liu"', '"dong li"',
    '"dong li', "author:li", "-author:li", 'author:"li wei"', 'author:"wei anna"', "venue:iccv",
    "year:2019..2021", "year:>2020", "cat:cv", "tag:fav", "tag:denoising", 'tag:"to-read"',
    "is:read", "is:unread", "is:noted", "has:code", "has:doi", "oral", "video-int",
    "video is:unread -author:chen", "", "year:abc", "foo:bar", 'title:"see in the"',
]


@pytest.mark.parametrize("text", QUERIES)
def test_index_agrees_with_matches(text: str) -> None:
    """The index finds exactly what Query.matches accepts, in library order."""
    expected = oracle(PAPERS, ANNS, text)
    assert SMALL_INDEX.search(text) == expected
    assert SMALL_INDEX.count(text) == len(expected)


_words = ["video", "vid", "v", "denoising", "deep", "learning", "li", "liu", "müller", "wang",
          "chen", "cvpr", "2021", "neural", "ren", "x", "network", "super", "resolution"]
_term = st.one_of(
    st.sampled_from(_words),
    st.lists(st.sampled_from(_words), min_size=2, max_size=3).map(
        lambda w: '"' + " ".join(w) + '"'),
    st.sampled_from(_words).map(lambda w: f'"{w}"'),
    st.tuples(st.sampled_from(["author", "title", "venue", "cat"]), st.sampled_from(_words))
    .map(lambda t: f"{t[0]}:{t[1]}"),
    st.sampled_from(["year:2019..2021", "year:>2022", "has:code", "has:doi", "is:unread"]),
)
_query = st.lists(st.tuples(st.booleans(), _term), min_size=1, max_size=4).map(
    lambda ts: " ".join(("-" if neg else "") + t for neg, t in ts))


@settings(max_examples=60, deadline=None)
@given(st.lists(_query, min_size=1, max_size=4))
def test_index_agrees_on_synthetic_sequences(texts: list[str]) -> None:
    """Random query sequences (exercising narrowing and caches) agree with the oracle."""
    for text in texts:
        assert SYNTH_INDEX.search(text) == oracle(SYNTH, {}, text)


def test_typed_sequence_narrows_correctly() -> None:
    """Keystroke by keystroke (and back again) results stay exact."""
    typed = "video int"
    steps = [typed[:k] for k in range(1, len(typed) + 1)]
    for text in steps + steps[::-1] + ['"video den', '"video deno', "-vid", "-video"]:
        assert SYNTH_INDEX.search(text) == oracle(SYNTH, {}, text)


def test_update_annotation_and_scope_and_limit() -> None:
    """Annotation changes show up at once; within restricts; limit truncates in order."""
    index = SearchIndex(PAPERS, {})
    assert index.search("is:read") == []
    index.update_annotation("p3", Annotation(read=True, tags=["night"], note="n"))
    assert index.search("is:read") == ["p3"]
    assert index.search("tag:nig") == ["p3"]
    assert index.search("has:note") == ["p3"]
    index.update_annotation("p3", Annotation())
    assert index.search("is:read") == [] and index.search("tag:night") == []
    index.update_annotation("nope", Annotation(read=True))  # unknown ids are ignored
    assert index.search("video", within=("p4", "p1", "zzz")) == ["p1", "p4"]
    assert index.search("video", within=["p3"]) == ["p3"]
    assert index.search("video", limit=2) == ["p1", "p3"]
    assert index.search("", limit=0) == []
    assert index.search_positions("video") == [0, 2, 3, 4]


def test_empty_library() -> None:
    """An empty index answers every query with nothing."""
    index = SearchIndex([], {})
    assert index.search("video") == [] and index.search("") == []
    assert SearchIndex.from_bytes(index.to_bytes("f")).search("is:unread") == []


def test_bytes_round_trip_answers_the_same() -> None:
    """from_bytes(to_bytes()) answers every query like the original index."""
    loaded = SearchIndex.from_bytes(SYNTH_INDEX.to_bytes("fp"), {})
    for text in ["vid", '"deep learning"', "author:li -year:2020", "title:net", "has:code"]:
        assert loaded.search(text) == SYNTH_INDEX.search(text)
    small = SearchIndex.from_bytes(SMALL_INDEX.to_bytes(), ANNS)
    for text in QUERIES:
        assert small.search(text) == SMALL_INDEX.search(text)


@pytest.mark.parametrize("blob", [b"", b"garbage", b"PDSEARCH1\n0000000000000005\n{\"n\":"])
def test_from_bytes_rejects_garbage(blob: bytes) -> None:
    """Invalid cache bytes raise ValueError (never anything else)."""
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(blob)


def test_search_cached_builds_reuses_and_rebuilds(tmp_path: Path) -> None:
    """Missing cache: build and write; same fingerprint: no library load; stale: rebuild."""
    cache = tmp_path / "cache" / "search.idx"
    loads: list[int] = []

    def load() -> list[Paper]:
        """The library, counting calls."""
        loads.append(1)
        return PAPERS

    def fail() -> list[Paper]:
        """A loader that must not be called."""
        raise AssertionError("the library must not be loaded on a cache hit")

    assert search_cached(cache, "v1", load, ANNS, "video", None) == oracle(PAPERS, ANNS, "video")
    assert cache.exists() and len(loads) == 1
    assert search_cached(cache, "v1", fail, ANNS, "is:read", 1) == ["p1"]
    assert search_cached(cache, "v1", fail, {}, "is:read", None) == []  # annotations fresh
    changed = [*PAPERS, Paper(id="p9", title="Brand new video")]
    assert search_cached(cache, "v2", lambda: changed, ANNS, "brand", None) == ["p9"]
    assert search_cached(cache, "v2", fail, ANNS, "brand", None) == ["p9"]
    cache.write_bytes(b"PDSEARCH1\n junk")
    assert search_cached(cache, "v2", load, ANNS, "brand", None) == []
    assert len(loads) == 2


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Hans Müller and MÜLLER", "muller", ["Müller", "MÜLLER"]),
        ("Hans Mu\u0308ller here", "muller", ["Mu\u0308ller"]),  # decomposed accent kept
        ("Straße scenes", "strasse", ["Straße"]),
        ("Déjà vu: Vidéo", "video deja", ["Déjà", "Vidéo"]),
        ("Video-Interpolation", '"video interp"', ["Video-Interp"]),
        ("video videos ideo", "vid", ["vid", "vid"]),
        ("plain text", "-plain author:plain", ["plain"]),
        ("x", "", []),
        ("ﬁne ﬁlms", "films", ["ﬁlms"]),
    ],
)
def test_highlight_maps_to_original_text(text: str, query: str, expected: list[str]) -> None:
    """Spans index the original text even where folding changes lengths."""
    spans = highlight(text, query)
    assert [text[a:b] for a, b in spans] == expected
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=20))
def test_highlight_never_fails(text: str, query: str) -> None:
    """Any text and query give in-range, ordered spans."""
    spans = highlight(text, query)
    assert all(0 <= a < b <= len(text) for a, b in spans)
