"""A TinyDB Storage that parses with orjson (GC paused) and writes atomically under a lock."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from store.atomic import atomic_write_bytes, is_writable, locked, read_bytes
from store.errors import StoreError
from store.records import gc_paused
from store.schema import backup_label, list_backups


def loads_paused(data: bytes) -> Any:
    """orjson.loads with the garbage collector paused (big documents parse much faster)."""
    with gc_paused():
        return orjson.loads(data)


def corrupt_message(path: Path, detail: str, backups: Path | None = None) -> str:
    """A one-line message for a file that is not valid JSON, saying how to recover; the
    backup it names is always one of this very file."""
    hint = "no backup of this file exists: move the file away (a new empty one will be made)"
    if backups is not None:
        found = list_backups(backups, backup_label(path))
        if found:
            hint = f"restore {found[-1]} or move the file away"
    return f"{path}: corrupt, not valid JSON ({detail}); it was left untouched: {hint}"


Stamp = tuple[int, ...]


def file_stamp(path: Path) -> Stamp | None:
    """(size, mtime_ns, inode, ctime_ns) of path, or None when it is missing; ctime catches an
    in-place rewrite of the same size that kept the old mtime."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})", path=path) from exc
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


class OrjsonStorage(Storage):
    """TinyDB storage over one JSON file: orjson parsing, cached reads, atomic locked writes."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        backups: Path | None = None,
    ) -> None:
        """Open (without creating) the JSON file at path."""
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.backups = backups
        self._cache: Any = None
        self._cache_stamp: Stamp | None = None

    def stamp(self) -> Stamp | None:
        """The current (size, mtime_ns, inode, ctime_ns) of the file."""
        return file_stamp(self.path)

    def invalidate(self) -> None:
        """Forget the cached parse so the next read reloads from disk."""
        self._cache = None
        self._cache_stamp = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The parsed document (None when the file is missing or empty); cached until it changes."""
        before = self.stamp()
        if before is None:
            self.invalidate()
            return None
        if self._cache is not None and before == self._cache_stamp:
            return self._cache
        raw = read_bytes(self.path)
        after = self.stamp()
        for _ in range(5):
            if after == before:
                break
            before, raw, after = after, read_bytes(self.path), self.stamp()
        if not raw or not raw.strip():
            self.invalidate()
            return None
        try:
            data = loads_paused(raw)
        except orjson.JSONDecodeError as exc:
            raise StoreError(
                corrupt_message(self.path, str(exc), self.backups), path=self.path
            ) from exc
        if not isinstance(data, dict):
            raise StoreError(
                corrupt_message(self.path, "top level is not an object", self.backups),
                path=self.path,
            )
        self._cache, self._cache_stamp = data, before
        return data

    def check_writable(self) -> None:
        """StoreError when this file cannot be written (read-only mode or permissions)."""
        if self.read_only or not is_writable(self.path):
            raise StoreError(
                f"{self.path}: library is read-only (a shared file or no write permission); "
                "import into your own library with --library or --home instead",
                path=self.path,
            )

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Write the whole document atomically under the file's lock."""
        self.check_writable()
        payload = orjson.dumps(data)
        with locked(self.path):
            atomic_write_bytes(self.path, payload)
        self._cache, self._cache_stamp = data, self.stamp()

    def close(self) -> None:
        """Drop the cached document."""
        self.invalidate()
