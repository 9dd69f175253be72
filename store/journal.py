"""Undo: a short journal of the previous bytes of every store file a change writes.

A change (an import, a mark, an edit, a removal) runs inside `Journal.change(label)`. The
first time that change is about to replace a file (every store write goes through
`store.atomic.atomic_write_bytes`, which calls `before_write`), the file's current bytes are
copied into the entry first; so the journal knows nothing of the library's layout. Caches and
backups are left out. `undo()` puts the newest entry's files back atomically.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import orjson

from store.atomic import atomic_write_bytes, fsync_dir, locked, on_before_write, read_bytes
from store.errors import StoreError

JOURNAL_DIR = "journal"
MAX_ENTRIES = 20
MAX_BYTES = 512 * 2**20  # all entries together; the oldest go first
MANIFEST = "manifest.json"
T = TypeVar("T")


@dataclass
class _Change:
    """One change in progress: its entry directory and the files saved so far."""

    journal: Journal
    label: str
    entry: Path | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


_ACTIVE: ContextVar[_Change | None] = ContextVar("paperdeck_journal_change", default=None)


def _digest(path: Path) -> str:
    """sha256 of a file's bytes ("" when it does not exist)."""
    data = read_bytes(path)
    return "" if data is None else hashlib.sha256(data).hexdigest()


def journaled(label: Callable[..., str]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate a Store method: its writes are one change labelled label(*args, **kwargs)
    (an empty label: not journaled). The instance must have a `journal`."""

    def wrap(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def inner(self: Any, *args: Any, **kwargs: Any) -> T:
            name = label(*args, **kwargs)
            if not name:
                return method(self, *args, **kwargs)
            with self.journal.change(name):
                return method(self, *args, **kwargs)

        return inner

    return wrap


def before_write(path: Path) -> None:
    """Save path's current bytes into the active change, once (called before every write)."""
    change = _ACTIVE.get()
    if change is None:
        return
    key = str(Path(path).absolute())
    if key in change.seen or change.journal.excluded(Path(key)):
        return
    change.seen.add(key)
    change.journal.save_before(change, Path(key))


on_before_write(before_write)


@dataclass(frozen=True, slots=True)
class Undone:
    """What undo did: the change's label and the files it put back."""

    label: str
    files: list[str]
    changed_since: list[str]


class Journal:
    """The journal directory in home: one sub-directory per change, newest last."""

    def __init__(self, home: Path, exclude: Sequence[Path] = (),
                 max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        """Keep entries in home/journal; files under exclude (caches, backups) are skipped."""
        self.dir = Path(home).absolute() / JOURNAL_DIR
        self.exclude = [Path(p).absolute() for p in exclude] + [self.dir]
        self.max_entries, self.max_bytes = max_entries, max_bytes

    def excluded(self, path: Path) -> bool:
        """True for files the journal does not keep (caches, backups, its own files)."""
        return any(path == ex or ex in path.parents for ex in self.exclude)

    @contextlib.contextmanager
    def change(self, label: str) -> Iterator[None]:
        """Journal the writes made inside this block as one change (nested blocks join)."""
        if _ACTIVE.get() is not None:
            yield
            return
        change = _Change(self, label)
        token = _ACTIVE.set(change)
        try:
            yield
        finally:
            _ACTIVE.reset(token)
            self._finish(change)

    def run(self, label: str, action: Callable[[], T]) -> T:
        """action() journaled as one change."""
        with self.change(label):
            return action()

    def save_before(self, change: _Change, path: Path) -> None:
        """Copy path's bytes into the change's entry before it is replaced (no journal lock:
        the caller holds path's lock, and the entry directory is this process's own)."""
        if change.entry is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            stamp = f"{time.time_ns():020d}-{os.getpid()}"
            change.entry = self.dir / stamp
            change.entry.mkdir()
        blob = f"{len(change.files)}.bin"
        exists = path.exists()
        if exists:
            shutil.copyfile(path, change.entry / blob)
            with open(change.entry / blob, "rb") as handle:
                os.fsync(handle.fileno())
        change.files.append({"path": str(path), "exists": exists, "blob": blob,
                             "before": _digest(change.entry / blob) if exists else ""})
        self._write_manifest(change, done=False)

    def _write_manifest(self, change: _Change, *, done: bool) -> None:
        """The entry's manifest: label, time and the files saved."""
        assert change.entry is not None
        doc = {"label": change.label, "time": time.time(), "files": change.files, "done": done}
        atomic_write_bytes(change.entry / MANIFEST, orjson.dumps(doc))

    def _finish(self, change: _Change) -> None:
        """Keep the entry if the change wrote something different; trim the journal."""
        if change.entry is None:
            return
        with locked(self.dir / "journal"):
            for item in change.files:
                item["after"] = _digest(Path(item["path"]))
            if all(item["after"] == item["before"] for item in change.files):
                shutil.rmtree(change.entry, ignore_errors=True)
                return
            self._write_manifest(change, done=True)
            self._trim()

    def entries(self) -> list[tuple[Path, dict[str, Any]]]:
        """Every readable entry, oldest first."""
        if not self.dir.is_dir():
            return []
        out = []
        for entry in sorted(p for p in self.dir.iterdir() if p.is_dir()):
            raw = read_bytes(entry / MANIFEST)
            with contextlib.suppress(orjson.JSONDecodeError, TypeError):
                doc = orjson.loads(raw or b"")
                if isinstance(doc, dict) and isinstance(doc.get("files"), list):
                    out.append((entry, doc))
        return out

    def _trim(self) -> None:
        """Drop the oldest entries beyond the count or size limit (never the newest)."""
        entries = self.entries()
        sizes = [sum(f.stat().st_size for f in e.iterdir()) for e, _ in entries]
        while len(entries) > 1 and (len(entries) > self.max_entries
                                    or sum(sizes) > self.max_bytes):
            shutil.rmtree(entries[0][0], ignore_errors=True)
            entries, sizes = entries[1:], sizes[1:]

    def undo(self) -> Undone | None:
        """Put back the files of the newest change (None when there is nothing to undo)."""
        with locked(self.dir / "journal"):
            entries = self.entries()
            if not entries:
                return None
            entry, doc = entries[-1]
            restored, drifted = [], []
            for item in reversed(doc["files"]):
                path = Path(item["path"])
                if item.get("after") and _digest(path) != item["after"]:
                    drifted.append(str(path))
                with locked(path):
                    if item["exists"]:
                        data = read_bytes(entry / item["blob"])
                        if data is None:
                            raise StoreError(f"{entry}: journal entry is incomplete; not undone")
                        atomic_write_bytes(path, data)
                    else:
                        path.unlink(missing_ok=True)
                        fsync_dir(path.parent)
                restored.append(str(path))
            shutil.rmtree(entry, ignore_errors=True)
        return Undone(str(doc.get("label", "")), restored, drifted)
