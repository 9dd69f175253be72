"""Rebuilding the index of a split library reads one part at a time, never the whole library."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.repository import Store
from tests.store.storehelp import paper, result


def _library(home: Path) -> Store:
    """Papers from three sources, imported in turns so the library order interleaves parts."""
    store = Store(home)
    for turn in range(2):
        for source in ("a.bib", "b.bib", "c.bib"):
            papers = [paper(f"{source} study {turn}-{i} of video", doi=f"10.9/{source}{turn}{i}",
                            source=source)
                      for i in range(4)]
            store.apply_import(result(*papers), source=source, importer="test")
    return store


def test_rebuild_streams_parts_in_library_order(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A deleted index is rebuilt without parsing the whole library, with every paper at its
    library position (order sort) and exact counts."""
    store = _library(tmp_path)
    order = [p.id for p in store.papers()]
    runs = store._storage.manifest()["order"]
    assert len(next(iter(runs.values()))["runs"]) > 3  # the parts really interleave
    store.drop_index()
    fresh = Store(tmp_path)

    def whole(*_: object) -> None:
        raise AssertionError("the whole library was read")

    monkeypatch.setattr(Store, "_lib", whole)
    page = fresh.search("", sort="order", limit=100)
    assert page.ids == order and page.total == len(order)
    assert fresh.search("video", limit=100).total == len(order)
    assert fresh.search("b.bib", sort="order", limit=100).ids == [i for i in order if
                                                                  fresh.get(i) and "b.bib"
                                                                  in fresh.get(i).title]
