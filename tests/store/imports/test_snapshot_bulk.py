"""A streamed import keeps one index writer for the run: the same library, keys and answers
as a writer per batch, and the writer is let go (merges waited for) when the run ends."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

import store.imports.partial as partial_mod
from importers.arxiv_snapshot import parse_lines
from store.imports.snapshot import import_snapshot
from store.index.engine import PaperIndex
from store.index.service import LibraryIndex
from store.repository import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from gen_arxiv_snapshot import papers as generated  # noqa: E402

QUERIES = ["", "video", "the model", "cat:cs.cv", "author:wang", "vi", "year:2007"]


def parse(lines: list[tuple[int, bytes]], source: str) -> object:
    """The pure importer, as the CLI passes it."""
    return parse_lines(lines, source=source)


def _write(path: Path, recs: list[dict]) -> Path:
    """recs as a JSON Lines snapshot."""
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in recs))
    return path


def _import_twice(home: Path, first: Path, second: Path) -> Store:
    """Two runs into home: new papers, then updates of some and more new ones."""
    store = Store(home)
    import_snapshot(store, first, parse, batch=90)
    import_snapshot(store, second, parse, batch=70)
    return store


@contextlib.contextmanager
def _per_batch(self: LibraryIndex) -> Iterator[None]:
    """The old way: no writer kept between commits."""
    yield


def test_one_writer_per_run_gives_the_per_batch_results(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(partial_mod, "PARTIAL_MIN", 0)  # every batch takes the partial path
    recs = list(generated(3_000, seed=9))[::5]  # 600 papers over several months
    first = _write(tmp_path / "a.jsonl", recs[:400])
    changed = [{**r, "title": r["title"] + " revisited", "doi": None} for r in recs[300:400]]
    second = _write(tmp_path / "b.jsonl", changed + recs[400:])
    reused: list[bool] = []
    write = PaperIndex.write

    def spy(self: PaperIndex, *args: object, **kwargs: object) -> int:
        """Record whether a writer was already held when a batch's documents came."""
        reused.append(self._writer is not None)
        return write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PaperIndex, "write", spy)
    bulk = _import_twice(tmp_path / "bulk", first, second)
    assert sum(reused) >= 4 and not all(reused)  # later batches of a run reuse the writer
    monkeypatch.setattr(LibraryIndex, "bulk", _per_batch)
    reused.clear()
    each = _import_twice(tmp_path / "each", first, second)
    assert not any(reused)
    assert bulk.count() == each.count() == 600
    assert [p.to_dict() for p in bulk.papers()] == [p.to_dict() for p in each.papers()]
    for q in QUERIES:
        a, b = bulk.search(q, limit=600), each.search(q, limit=600)
        assert (a.total, sorted(a.ids)) == (b.total, sorted(b.ids)), q
    assert (tmp_path / "bulk" / "citekeys.json").read_bytes() == (
        tmp_path / "each" / "citekeys.json").read_bytes()


def test_the_writer_is_let_go_when_the_run_ends(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """After the run (finished, or stopped by an error) nothing holds the index's writer:
    another writer opens, and a mark reaches the index."""
    monkeypatch.setattr(partial_mod, "PARTIAL_MIN", 0)
    snap = _write(tmp_path / "s.jsonl", list(generated(1_000, seed=3))[::4])
    store = Store(tmp_path / "home")
    import_snapshot(store, snap, parse, batch=60)
    index = store.search_index.current()
    assert index is not None and index._writer is None and not index.hold_writer
    index.index.writer(heap_size=15_000_000, num_threads=1).rollback()  # the lock is free
    some = store.search("", sort="order", limit=1).ids[0]
    store.mark(some, starred=True)
    assert store.count(query="is:starred") == 1

    def broken(lines: list[tuple[int, bytes]], source: str) -> object:
        """Fails on the third batch."""
        if lines[0][0] > 120:
            raise RuntimeError("disk on fire")
        return parse_lines(lines, source=source)

    again = Store(tmp_path / "other")
    with pytest.raises(RuntimeError):
        import_snapshot(again, snap, broken, batch=60)
    index = again.search_index.current()
    assert index is not None and index._writer is None
    index.index.writer(heap_size=15_000_000, num_threads=1).rollback()


def test_collection_waits_during_a_batch_and_is_back_after(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Cyclic collection is off while a batch is applied, on again after it (and after a
    failing one), and stays off when the caller had it off."""
    import gc

    import store.imports.snapshot as snapshot_mod

    states: list[bool] = []
    apply = snapshot_mod._apply

    def spy(*args: object) -> None:
        """Record the collector's state, then apply."""
        states.append(gc.isenabled())
        apply(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot_mod, "_apply", spy)
    snap = _write(tmp_path / "s.jsonl", list(generated(1_000, seed=3))[::10])
    import_snapshot(Store(tmp_path / "home"), snap, parse, batch=40, restart=True)
    assert states == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        import_snapshot(Store(tmp_path / "home"), snap, parse, batch=40, restart=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
