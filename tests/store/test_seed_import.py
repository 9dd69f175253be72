"""Idempotence on the real seeds: importing the three seeds twice gives the same library."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from store.repository import Store
from tests.conftest import seed


def _import_seeds(store: Store) -> None:
    """Parse each seed with the importer that claims it best and apply it."""
    registry = pytest.importorskip("importers.registry")
    try:
        importers = registry.all_importers()
    except ImportError as exc:  # another engineer's importer is not there yet
        pytest.skip(f"importers not ready: {exc}")
    for prefix in ("000", "001", "002"):
        path = seed(prefix)
        text = path.read_text(encoding="utf-8")
        best = max(importers, key=lambda imp: imp.detect(text, path.name))
        res = best.parse(text, source=path.name, today=date(2025, 1, 1))
        store.apply_import(res, source=path.name, importer=best.name, digest="d")


def test_seeds_twice_give_the_same_library(tmp_path: Path) -> None:
    """A second import of the seeds leaves library.json byte-identical and annotations kept."""
    store = Store(tmp_path)
    _import_seeds(store)
    papers = store.papers()
    assert papers
    store.mark(papers[0].id, starred=True, add_tags=["seed"])
    before = (tmp_path / "library.json").read_bytes()
    _import_seeds(Store(tmp_path))
    assert (tmp_path / "library.json").read_bytes() == before
    again = Store(tmp_path)
    assert [p.id for p in again.papers()] == [p.id for p in papers]
    assert again.annotation(papers[0].id).tags == ["seed"]
