"""Freed heap handed back between the batches of a snapshot import and the parts of a rebuild."""

from __future__ import annotations

import sys
from pathlib import Path

import orjson
import pytest

import store.imports.snapshot as snapshot_mod
import store.parts as parts_mod
from importers.arxiv_snapshot import parse_lines
from store import memtrim
from store.repository import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_arxiv_snapshot import papers as generated  # noqa: E402


def test_give_back_is_safe_to_call_again_and_again() -> None:
    for _ in range(3):
        memtrim.give_back()
    if sys.platform.startswith("linux") and Path("/lib/x86_64-linux-gnu/libc.so.6").exists():
        assert memtrim._trim is not None  # glibc: malloc_trim found


def test_a_snapshot_import_and_a_rebuild_give_memory_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once per applied batch, and once per part read by a streamed rebuild."""
    calls: list[str] = []
    monkeypatch.setattr(snapshot_mod, "give_back", lambda: calls.append("batch"))
    monkeypatch.setattr(parts_mod, "give_back", lambda: calls.append("part"))
    snap = tmp_path / "s.jsonl"
    recs = list(generated(30_000, seed=2))[::60]  # 500 papers over six months
    snap.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in recs))
    store = Store(tmp_path / "home")
    snapshot_mod.import_snapshot(store, snap, lambda lines, src: parse_lines(
        lines, source=src), batch=100)
    assert calls.count("batch") == 5
    calls.clear()
    store.drop_index()
    store.rebuild_index()
    manifest = store._storage.manifest()  # type: ignore[attr-defined]
    assert calls.count("part") == len(manifest["parts"]) >= 6  # a part per month
    assert store.count() == 500
