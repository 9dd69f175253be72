"""A one-word prefix typed into search: the term dictionary's words, or the regex when many."""

from __future__ import annotations

from pathlib import Path

import pytest
import tantivy

from store.index.documents import marks_table
from store.index.engine import PaperIndex
from store.index.translate import MAX_EXPANSIONS, translate
from store.models import Paper
from store.query import parse_query
from store.records import paper_to_raw

MANY = MAX_EXPANSIONS + 6  # words sharing "proto": more than a set takes


def papers() -> list[Paper]:
    """Papers whose titles share prefixes: a few words on "rende", many on "proto"."""
    out = [Paper(title=f"Proto{i:03d} networks for video", authors=["Ann Lee"], year=2020)
           for i in range(MANY)]
    out += [Paper(title=t, authors=["Bo Chen", "Renée Ortiz"], abstract=a, year=2021)
            for t, a in [("Rendering rendered scenes", "We render fast."),
                         ("Neural rendering", "Rendering and rendered views."),
                         ("Render farms", "Proto render."), ("Video compression", "Codecs.")]]
    for i, paper in enumerate(out):
        paper.id = f"p{i:03d}"
    return out


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> PaperIndex:
    """The index of papers()."""
    index = PaperIndex(Path(tmp_path_factory.mktemp("prefix")), create=True)
    marks = marks_table({})
    index.write((paper_to_raw(p), i, marks.get(p.id)) for i, p in enumerate(papers()))
    return index


def hits(index: PaperIndex, text: str, expand: bool) -> list[tuple[float, str]]:
    """(score, id) of every match, best first, translated with or without the expansion."""
    query = translate(index.schema, parse_query(text), index._expand if expand else None)
    found = index.searcher.search(query, 1000, count=False).hits
    return sorted((round(score, 5), str(d["id"][0])) for score, d in (
        (s, index.searcher.doc(a)) for s, a in found))


@pytest.mark.parametrize("text", ["rende", "render", "rendered", "renee", "prot", "proto",
                                  "proto00", "proto069", "protox", "title:rende",
                                  "author:rene", "rende video", "rend -proto"])
def test_expanded_prefix_gives_the_regexs_answer_and_scores(index: PaperIndex,
                                                            text: str) -> None:
    """Expanded through the term dictionary (few words) or not (many): the same papers,
    with the same scores, as the regex query, and exactly Query.matches' papers."""
    expanded, regex = hits(index, text, True), hits(index, text, False)
    assert expanded == regex
    q = parse_query(text)
    assert {pid for _, pid in expanded} == {p.id for p in papers() if q.matches(p, None)}


def test_few_words_are_expanded_and_many_are_not(index: PaperIndex,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """"rende" stands for a few words: no regex automaton is built for it (a keystroke's
    costliest part); "prot" for more than a set takes: the regex."""
    import store.index.translate as translate_module

    assert sorted(index._expand("title", "rende") or []) == ["render", "rendered", "rendering"]
    assert index._expand("title", "prot") is None
    built: list[str] = []

    class Spy:
        """tantivy.Query with regex_query recorded."""

        def __getattr__(self, name: str) -> object:
            return getattr(tantivy.Query, name)

        @staticmethod
        def regex_query(schema: object, field: str, pattern: str) -> tantivy.Query:
            built.append(pattern)
            return tantivy.Query.regex_query(schema, field, pattern)

    monkeypatch.setattr(translate_module, "Q", Spy())
    translate(index.schema, parse_query("rende"), index._expand)
    assert built == []
    translate(index.schema, parse_query("prot"), index._expand)
    assert built and all(p == "prot.*" for p in built)
