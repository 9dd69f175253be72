"""Undo: the journal keeps the previous bytes of every file a change writes, bounded."""

from __future__ import annotations

from pathlib import Path

from store.journal import Journal
from store.repository import Store
from tests.store.storehelp import paper, result


def files(home: Path) -> dict[str, bytes]:
    """The store's own files (no caches, backups, locks or journal)."""
    skip = {"cache", "backups", "journal"}
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file() and not skip & set(p.relative_to(home).parts)
            and not p.name.endswith(".lock")}


def test_undo_walks_back_imports_marks_and_edits(tmp_path: Path) -> None:
    store = Store(tmp_path)
    a, b = paper("Alpha paper"), paper("Beta paper", source="other")
    states = [files(tmp_path)]
    store.apply_import(result(a), source="one", importer="test")
    store.cite_keys()  # key assignment is bookkeeping, not a change to undo
    states.append(files(tmp_path))
    store.apply_import(result(b), source="other", importer="test")
    states.append(files(tmp_path))
    store.mark(a.id, starred=True, tags=["x"])
    store.mark(a.id, opened_at="2025-01-01T00:00:00")  # opening a paper is not a change
    states.append(files(tmp_path))
    store.set_edits(b.id, {"title": "Beta, fixed"})
    assert store.get(b.id).title == "Beta, fixed"  # type: ignore[union-attr]
    labels = [doc["label"] for _, doc in store.journal.entries()]
    assert labels == ["import one", "import other", f"mark {a.id}", f"edit {b.id}"]
    done = store.journal.undo()
    assert done is not None and done.label == f"edit {b.id}"
    assert store.get(b.id).title == "Beta paper"  # type: ignore[union-attr]
    now = files(tmp_path)
    assert now["library.json"] == states[3]["library.json"]
    assert now.get("edits.json") == states[3].get("edits.json")
    assert store.journal.undo().label == f"mark {a.id}"  # type: ignore[union-attr]
    assert not store.annotation(a.id).starred
    assert store.journal.undo().label == "import other"  # type: ignore[union-attr]
    assert files(tmp_path)["library.json"] == states[1]["library.json"]
    assert store.get(b.id) is None and store.get(a.id) is not None
    assert store.journal.undo().label == "import one"  # type: ignore[union-attr]
    assert not (tmp_path / "library.json").exists()
    assert store.journal.undo() is None


def test_journal_is_bounded(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.journal = Journal(tmp_path, exclude=[tmp_path / "cache", tmp_path / "backups"],
                            max_entries=3)
    p = paper("Alpha paper")
    store.apply_import(result(p), source="one", importer="test")
    for n in range(5):
        store.mark(p.id, tags=[f"t{n}"])
    labels = [doc["label"] for _, doc in store.journal.entries()]
    assert labels == [f"mark {p.id}"] * 3
    assert len([d for d in (tmp_path / "journal").iterdir() if d.is_dir()]) == 3


def test_a_change_that_writes_nothing_new_leaves_no_entry(tmp_path: Path) -> None:
    store = Store(tmp_path)
    p = paper("Alpha paper")
    store.apply_import(result(p), source="one", importer="test")
    store.apply_import(result(p), source="one", importer="test")  # unchanged: not written
    store.mark(p.id, starred=True)
    store.mark(p.id, starred=True)  # rewritten with the same bytes
    labels = [doc["label"] for _, doc in store.journal.entries()]
    assert labels == ["import one", f"mark {p.id}"]
