"""Stable cite keys: patterns, collisions decided once, keys kept across exports and imports."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.bibtex import IMPORTER as BIBTEX
from store.bibtex_export import to_bibtex
from store.cite.pattern import check_pattern, format_key
from store.errors import StoreError
from store.models import Paper, make_paper_id
from store.repository import Store
from tests.store.storehelp import paper, result

_KEY = re.compile(r"^@\w+\{([^,]+),", re.M)


def exported_keys(papers: list[Paper]) -> dict[str, str]:
    """Paper id -> key, as a BibTeX export of exactly these papers writes them."""
    keys = _KEY.findall(to_bibtex(papers))
    return {p.id: k for p, k in zip(papers, keys, strict=True)}


def make(title: str, authors: list[str], year: int | None, arxiv: str) -> Paper:
    """A paper with an arXiv id (its identity) and the given key-relevant fields."""
    p = paper(title, arxiv=arxiv)
    p.authors, p.year = authors, year
    p.id = make_paper_id(p)
    return p


def test_pattern_fields_fold_case_and_accents() -> None:
    p = Paper(title="On the Learning of Dvořák Graphs", authors=["Jörg van der Müller Jr."],
              year=2023, venue_short="CVPR 2023")
    assert format_key(p) == "vandermuller2023learning"
    assert format_key(p, "[auth][year][shorttitle2]") == "VanDerMuller2023LearningDvorak"
    assert format_key(p, "[auth:upper]_[venue]_[shortyear]") == "VANDERMULLER_CVPR_23"
    assert format_key(p, "[authors2:lower][year]") == "vandermuller2023"
    assert format_key(Paper(title="The", authors=[])) == "anonnduntitled"
    with pytest.raises(StoreError, match=r"unknown field \[writer\]"):
        check_pattern("[writer][year]")
    with pytest.raises(StoreError, match="unknown filter :shout"):
        check_pattern("[auth:shout]")


def test_collisions_get_suffixes_once(tmp_path: Path) -> None:
    a = make("Learning to grasp", ["Ada Li"], 2023, "2301.00001")
    b = make("Learning to walk", ["Bo Li"], 2023, "2301.00002")
    store = Store(tmp_path)
    store.apply_import(result(a, b), source="one", importer="test")
    assert store.cite_keys() == {a.id: "li2023learning", b.id: "li2023learninga"}
    # a third colliding paper, imported first in a later file, never takes a or b's key
    c = make("Learning to fly", ["Cy Li"], 2023, "2301.00003")
    store.apply_import(result(c, a), source="two", importer="test")
    keys = store.cite_keys()
    assert keys[c.id] == "li2023learningb"
    assert exported_keys([store.get(b.id), store.get(c.id)]) == {
        b.id: "li2023learninga", c.id: "li2023learningb"}
    assert exported_keys([store.get(c.id)]) == {c.id: "li2023learningb"}


def test_imported_key_wins_and_show_by_key(tmp_path: Path) -> None:
    bib = "@article{Knuth:1984:LP,\n  title={Literate Programming},\n  author={Donald Knuth},\n" \
          "  journal={The Computer Journal},\n  year={1984}\n}\n"
    res = BIBTEX.parse(bib, source="refs.bib", today=__import__("datetime").date(2025, 1, 1))
    store = Store(tmp_path)
    store.apply_import(res, source="refs.bib", importer="bibtex")
    pid = res.papers[0].id
    assert store.cite_keys()[pid] == "Knuth:1984:LP"
    found = store.resolve("Knuth:1984:LP")
    assert found is not None and found.id == pid
    assert store.resolve("knuth:1984:lp") is not None  # case-insensitive when unique


def test_rekey_changes_only_what_it_should(tmp_path: Path) -> None:
    a = make("Learning to grasp", ["Ada Li"], 2023, "2301.00001")
    b = make("Deep nets", ["Bo Wu"], 2022, "2301.00002")
    store = Store(tmp_path)
    store.apply_import(result(a, b), source="one", importer="test")
    before = store.cite_keys()
    changes = store.overlay.keys.rekey([store.get(a.id)], "[auth][year]")
    assert [(c.old, c.new) for c in changes] == [("li2023learning", "Li2023")]
    assert store.cite_keys() == {a.id: "Li2023", b.id: before[b.id]}
    again = store.overlay.keys.rekey([store.get(a.id)], "[auth][year]")
    assert not again[0].changed


_AUTHORS = st.sampled_from([["Ada Li"], ["Bo Li", "Cy Wu"], ["Jörg Müller"], []])
_TITLES = st.sampled_from(["Learning to grasp", "Learning to walk", "Deep nets", "The art"])
_PAPERS = st.lists(
    st.tuples(_TITLES, _AUTHORS, st.sampled_from([2023, 2024, None])), min_size=2, max_size=9
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=_PAPERS, data=st.data())
def test_key_is_stable_across_subsets_reimports_merges_and_rekeys(
    specs: list[tuple[str, list[str], int | None]], data: st.DataObject
) -> None:
    papers = [make(t, a, y, f"2401.{i:05d}") for i, (t, a, y) in enumerate(specs)]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        store.apply_import(result(*papers), source="one", importer="test")
        keys = exported_keys(store.papers())
        assert len(set(k.lower() for k in keys.values())) == len(keys)
        target = data.draw(st.sampled_from(papers))
        subset = data.draw(st.lists(st.sampled_from(papers), unique_by=lambda p: p.id))
        chosen = [store.get(p.id) for p in [*subset, target]]
        assert exported_keys(list({p.id: p for p in chosen}.values()))[target.id] == keys[
            target.id]
        # re-import with other papers' titles changed, plus new colliding papers
        others = [make("Learning " + p.title, p.authors, p.year, p.arxiv_id)
                  for p in papers if p.id != target.id]
        extra = [make(t, a, y, f"2402.{i:05d}") for i, (t, a, y) in enumerate(specs)]
        store.apply_import(result(*others, *extra), source="one", importer="test")
        # a second source whose record merges into the target (same arXiv id)
        twin = make(target.title.upper(), target.authors, target.year, target.arxiv_id)
        store.apply_import(result(twin), source="two", importer="test")
        # rekey every other paper with another pattern
        store.overlay.keys.rekey([p for p in store.papers() if p.id != target.id],
                                 "[auth:lower][year][shorttitle:lower]")
        store.overlay.keys.rekey([p for p in store.papers() if p.id != target.id],
                                 "[veryshorttitle][year]")
        after = exported_keys(store.papers())
        assert after[target.id] == keys[target.id]
        assert exported_keys([store.get(target.id)])[target.id] == keys[target.id]
        assert len(set(k.lower() for k in after.values())) == len(after)
