"""Imports into a big split library read only the parts they can touch, with the same result
as the whole-library path."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import import_partial as partial_mod
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
