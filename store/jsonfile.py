"""A small JSON file with a version field, cached reads and locked read-modify-write updates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import orjson

from store.atomic import atomic_write_bytes, locked, read_bytes, real_file
from store.errors import StoreError
from store.storage import Stamp, file_stamp

T = TypeVar("T")


class JsonFile:
    """One small versioned JSON object on disk (annotations, settings)."""

    def __init__(self, path: Path, *, key: str, version: int = 1) -> None:
        """Manage path, whose payload sits under `key` next to `schema_version`."""
        self.path = path
        self.key = key
        self.version = version
        self._cache: dict[str, Any] | None = None
        self._stamp: Stamp | None = None

    def _parse(self, raw: bytes) -> dict[str, Any]:
        """The payload of raw file bytes; StoreError when the file is corrupt or too new."""
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise StoreError(
                f"{self.path}: corrupt, not valid JSON ({exc}); it was left untouched: "
                "fix it or move it away (a new empty one will be made)",
                path=self.path,
            ) from exc
        foreign = isinstance(doc, dict) and self.key not in doc and set(doc) - {"schema_version"}
        if not isinstance(doc, dict) or not isinstance(doc.get(self.key, {}), dict) or foreign:
            what = f"no {self.key!r} object" if foreign else f"{self.key!r} is not an object"
            raise StoreError(
                f"{self.path}: not a paperdeck {self.key} file ({what}); it was left "
                "untouched: move it away (a new empty one will be made)",
                path=self.path,
            )
        found = doc.get("schema_version", 1)
        if not isinstance(found, int) or isinstance(found, bool) or found < 0:
            raise StoreError(
                f"{self.path}: schema_version {found!r} is not a version number; it was left "
                "untouched: fix it or move the file away",
                path=self.path,
            )
        if found > self.version:
            raise StoreError(
                f"{self.path}: schema version {found} is newer than this paperdeck supports "
                f"({self.version}); upgrade paperdeck to open it",
                path=self.path,
            )
        return doc.get(self.key, {})

    def target(self) -> Path:
        """The file really read and written: a symlink's target (a dangling link is an error)."""
        return real_file(self.path)

    def read(self) -> dict[str, Any]:
        """The payload (empty when the file is missing); re-read only when the file changed."""
        target = self.target()
        stamp = file_stamp(target)
        if stamp is None:
            self._cache, self._stamp = None, None
            return {}
        if self._cache is not None and stamp == self._stamp:
            return self._cache
        raw = read_bytes(target)
        payload = self._parse(raw) if raw and raw.strip() else {}
        self._cache, self._stamp = payload, stamp
        return payload

    def cached(self) -> dict[str, Any] | None:
        """The payload when it was read already and the file is unchanged since (one stat);
        None otherwise (nothing is read)."""
        if self._cache is None:
            return None
        try:
            return self._cache if file_stamp(self.target()) == self._stamp else None
        except (OSError, StoreError):
            return None

    def update(self, change: Callable[[dict[str, Any]], T]) -> T:
        """Under the lock: reload, let change() edit the payload in place, write it atomically."""
        target = self.target()
        with locked(target):
            self._cache = None
            payload = dict(self.read())
            result = change(payload)
            doc = {"schema_version": self.version, self.key: payload}
            atomic_write_bytes(target, orjson.dumps(doc))
            self._cache, self._stamp = payload, file_stamp(target)
        return result
