"""Imports into a big split library read only the parts they can touch, with the same result
as the whole-library path."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.imports import partial as partial_mod
from store.models import Link
from store.parts import PartedStorage
from store.query import parse_query
from store.repository import Store
from tests.store.storehelp import paper, result


def _imports() -> list[tuple[str, object]]:
    """A sequence of imports from several sources, with re-imports, merges and updates."""
    a = [paper(f"Alpha topic {i}", source="a.md", arxiv=f"2401.{i:05d}") for i in range(6)]
    b = [paper(f"Beta topic {i}", source="b.md", doi=f"10.5/{i}") for i in range(5)]
    c = [paper(f"Gamma {i}", source="c.md") for i in range(4)]
    a2 = [paper(f"Alpha topic {i}", source="a.md", arxiv=f"2401.{i:05d}") for i in range(7)]
    a2[2].abstract = "A changed abstract for the second alpha paper, long enough to matter."
    twin = paper("Beta topic 3", source="d.md", doi="10.5/3")  # merges into b's paper
    twin.links = [Link("Code", "https://github.com/x/beta3")]
    listing = [paper(f"Listing paper {i}", source="l.txt", arxiv=f"2402.{i:05d}")
               for i in range(7)]
    return [("a.md", result(*a)), ("b.md", result(*b)), ("c.md", result(*c)),
            ("a.md", result(*a2)), ("d.md", result(twin)), ("l.txt", result(*listing)),
            ("l.txt", result(*listing))]


def _run(home: Path, partial: bool, monkeypatch: pytest.MonkeyPatch,
         seen: list[set[str] | None]) -> tuple[Store, list[object]]:
    """Apply the import sequence with or without the partial path."""
    monkeypatch.setattr(partial_mod, "PARTIAL_MIN", 0 if partial else 10**9)
    store = Store(home)
    summaries = []
    for i, (source, res) in enumerate(_imports()):
        if i == 3:
            seen.clear()
        s = store.apply_import(res, source=source, importer="test")
        summaries.append((s.new, s.updated, s.merged, s.unchanged, s.possible_duplicates))
    return store, summaries


def test_partial_import_equals_whole_path(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Same papers, order, sections, summaries, rows and search answers either way; the
    partial path reads only some parts."""
    loads: list[set[str] | None] = []
    original = PartedStorage.load_parts

    def spy(self: PartedStorage, manifest: dict, only: set[str] | None = None) -> dict:
        """Record which parts are read."""
        loads.append(only)
        return original(self, manifest, only)

    monkeypatch.setattr(PartedStorage, "load_parts", spy)
    fast, fast_sum = _run(tmp_path / "fast", True, monkeypatch, loads)
    assert loads and all(only is not None for only in loads)  # never the whole library
    slow, slow_sum = _run(tmp_path / "slow", False, monkeypatch, [])
    assert fast_sum == slow_sum
    a, b = Store(tmp_path / "fast"), Store(tmp_path / "slow")
    assert [p.to_dict() for p in a.papers()] == [p.to_dict() for p in b.papers()]
    assert a.sections() == b.sections() and a.collections() == b.collections()
    assert a.rows() == b.rows()
    assert [s.id for s in a.sources()] == [s.id for s in b.sources()]
    for text in ["alpha", "beta topic 3", "has:code", "listing", "changed abstract"]:
        q = parse_query(text)
        truth = [p.id for p in b.papers() if q.matches(p)]
        assert a.search(text, sort="order", limit=100).ids == truth
    assert a.index_is_fresh()


_KILLED = """
import sys
from store.imports import partial as import_partial
from store.repository import Store
from tests.store.storehelp import paper, result
import_partial.PARTIAL_MIN = 0
Store(sys.argv[1]).apply_import(result(paper("Killed partial", source="k.md")), source="k.md",
                                importer="test")
"""


@pytest.mark.parametrize("point,file", [("after-temp-write", "library.json"),
                                        ("after-replace", "library.json"),
                                        ("index-before-commit", ""),
                                        ("index-after-commit", "")])
def test_sigkill_during_partial_import(tmp_path: Path, point: str, file: str) -> None:
    """Killed anywhere in a partial import: the store opens with right answers."""
    import os
    import subprocess
    import sys

    monkey = pytest.MonkeyPatch()
    monkey.setattr(partial_mod, "PARTIAL_MIN", 0)
    try:
        store = Store(tmp_path)
        for source, res in _imports()[:3]:
            store.apply_import(res, source=source, importer="test")
    finally:
        monkey.undo()
    repo = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(repo), "PAPERDECK_CRASH_POINT": point,
           "PAPERDECK_CRASH_FILE": file}
    proc = subprocess.run([sys.executable, "-c", _KILLED, str(tmp_path)], env=env, timeout=120)
    assert proc.returncode == -9
    fresh = Store(tmp_path)
    titles = [p.title for p in fresh.papers()]
    assert ("Killed partial" in titles) == (point != "after-temp-write")
    for text in ["killed", "alpha", "beta topic", "gamma"]:
        q = parse_query(text)
        assert fresh.search(text, sort="order", limit=100).ids == [
            p.id for p in fresh.papers() if q.matches(p)]


def _common_imports() -> list[tuple[str, object]]:
    """Abstracts sharing a too-common opening (over the merge's posting cap), arXiv and
    site records of the same works arriving in both orders, and twice-submitted works."""
    import random

    rng = random.Random(4)
    words = ["video", "frame", "interpolation", "motion", "flow", "attention", "learning",
             "robust", "compression", "estimation", "depth", "scene", "synthesis", "optical"]
    opening = "We study the problem of learning from data in a new and principled way. "

    def text() -> str:
        """An abstract with the shared opening."""
        return opening + " ".join(rng.choices(words, k=70)) + "."

    def edit(abstract: str) -> str:
        """The same abstract, one word changed."""
        w = abstract.split()
        w[-5] = "changed"
        return " ".join(w)

    lib, later_site, later_arxiv = [], [], []
    for i in range(90):
        p = paper(f"Common {i}", source="big.md", arxiv=f"2301.{i:05d}" if i % 2 else "")
        p.abstract = text()
        lib.append(p)
        if i % 9 == 1:  # the site version of an arXiv paper, retitled
            twin = paper(f"Site version {i}", source="site.md")
            twin.abstract = edit(p.abstract)
            later_site.append(twin)
        if i % 9 == 2:  # the arXiv version of a site paper, retitled
            twin = paper(f"Preprint {i}", source="l.txt", arxiv=f"2302.{i:05d}")
            twin.abstract = edit(p.abstract)
            later_arxiv.append(twin)
    return [("big.md", result(*lib)), ("site.md", result(*later_site)),
            ("l.txt", result(*later_arxiv))]


def test_partial_import_with_common_keys_equals_whole_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys too common to block on are skipped the same way on both paths."""
    from store.index.twins import find_twins

    out = {}
    for name, partial in (("fast", True), ("slow", False)):
        monkeypatch.setattr(partial_mod, "PARTIAL_MIN", 0 if partial else 10**9)
        store = Store(tmp_path / name)
        sums = []
        for source, res in _common_imports():
            s = store.apply_import(res, source=source, importer="test")
            sums.append((s.new, s.updated, s.merged, s.unchanged, s.possible_duplicates))
        out[name] = (sums, [p.to_dict() for p in Store(tmp_path / name).papers()])
    assert out["fast"] == out["slow"]
    sums = out["fast"][0]
    assert sums[1][2] and sums[2][2]  # site and arXiv twins merged in both orders
    store = Store(tmp_path / "fast")
    twins = find_twins(store.search_index.current(), _common_imports()[1][1].papers)
    assert twins.common_every  # the shared opening was too common to look up
    assert len(twins.found) < 90


def test_snapshot_fast_paths_give_the_exhaustive_library(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot streamed in batches through the partial path and the arXiv merge rule, then
    a lab page of some of its papers (no arXiv ids, retitled): the same library as the
    whole-library path with every pair of abstracts compared."""
    import functools

    import orjson

    from benchmarks.gen_arxiv_snapshot import papers as generated
    from importers.arxiv_snapshot import parse_lines
    from store import merge
    from store.imports.snapshot import import_snapshot
    from store.models import Paper, Provenance

    snap = tmp_path / "snap.jsonl"
    recs = list(generated(1200, seed=3))
    snap.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in recs))
    lab = [Paper(title=f"Lab version {i}", year=2024, abstract=str(recs[i]["abstract"]),
                 provenance=[Provenance("lab.md", "jekyll")]) for i in range(0, 1200, 150)]
    out = {}
    for name, fast in (("fast", True), ("slow", False)):
        with monkeypatch.context() as m:
            m.setattr(partial_mod, "PARTIAL_MIN", 0 if fast else 10**9)
            if not fast:
                m.setattr(merge, "merge_papers",
                          functools.partial(merge.merge_papers, exhaustive=True))
            store = Store(tmp_path / name)
            import_snapshot(store, snap, lambda lines, src: parse_lines(lines, source=src),
                            batch=400)
            s = store.apply_import(result(*lab), source="lab.md", importer="jekyll")
            out[name] = (s.new, s.merged, [p.to_dict() for p in Store(tmp_path / name).papers()])
    assert out["fast"] == out["slow"]
    assert len(out["fast"][1]) == len(lab)  # each lab record found its arXiv twin


def test_partial_import_carries_the_rows_cache(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """After a partial import the rows cache is the new library's (patched column by column):
    the next rows() parses nothing and equals the rows read from the library."""
    from store.models import Row

    monkeypatch.setattr(partial_mod, "PARTIAL_MIN", 0)
    monkeypatch.setattr(partial_mod, "CARRY_ROWS_CACHE", True)  # off by default: nothing needs it
    store = Store(tmp_path)
    imports = _imports()
    for source, res in imports[:3]:
        store.apply_import(res, source=source, importer="test")
    store.rows()
    for source, res in imports[3:]:  # updates in place, a merge into another source, appends
        store.apply_import(res, source=source, importer="test")
    with monkeypatch.context() as m:
        m.setattr(Store, "_lib", lambda self: pytest.fail("parsed the library"))
        cached = Store(tmp_path).rows()
    truth = [Row.from_paper(p) for p in Store(tmp_path).papers()]
    assert cached == truth and len(truth) > 20


def test_without_carrying_the_rows_cache_rows_are_still_right(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """The default leaves the rows cache stale after a partial import: rows() sees that and
    reads the new library (the no-index fallback stays right)."""
    from store.models import Row

    monkeypatch.setattr(partial_mod, "PARTIAL_MIN", 0)
    store = Store(tmp_path)
    imports = _imports()
    for source, res in imports[:3]:
        store.apply_import(res, source=source, importer="test")
    store.rows()
    for source, res in imports[3:]:
        store.apply_import(res, source=source, importer="test")
    truth = [Row.from_paper(p) for p in Store(tmp_path).papers()]
    assert Store(tmp_path).rows() == truth and len(truth) > 20


def test_a_stale_index_is_rebuilt_not_the_whole_library_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big split library whose index is stale (a kill between the library write and the
    index update) imports partially after a part-at-a-time rebuild; the old code fell back
    to the whole import, which loaded every paper (23 GB at 2.35M)."""
    from store.imports import partial
    from store.repository import Store
    from tests.store.storehelp import paper, result

    monkeypatch.setattr(partial, "PARTIAL_MIN", 10)
    store = Store(tmp_path)
    store.apply_import(result(*[paper(f"Study {i} of light", doi=f"10.9/{i}", source="a.bib")
                                for i in range(12)]), source="a.bib", importer="test")
    store.drop_index()

    def whole(*_: object) -> None:
        raise AssertionError("the whole library was read")

    monkeypatch.setattr(Store, "_lib", whole)
    fresh = Store(tmp_path)
    done = fresh.apply_import(result(paper("A new study of dark", doi="10.9/new", source="b.bib")),
                              source="b.bib", importer="test")
    assert len(done.new) == 1
    assert fresh.search("light", limit=50).total == 12 and fresh.search("dark").total == 1
