"""A small JSON file with a version field, cached reads and locked read-modify-write updates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import orjson

from store.atomic import atomic_write_bytes, locked, read_bytes
from store.errors import StoreError
from store.storage import file_stamp

T = TypeVar("T")


class JsonFile:
    """One small versioned JSON object on disk (annotations, settings)."""

    def __init__(self, path: Path, *, key: str, version: int = 1) -> None:
        """Manage path, whose payload sits under `key` next to `schema_version`."""
        self.path = path
        self.key = key
        self.version = version
        self._cache: dict[str, Any] | None = None
        self._stamp: tuple[int, int, int] | None = None

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
        if not isinstance(doc, dict) or not isinstance(doc.get(self.key, {}), dict):
            raise StoreError(
                f"{self.path}: not a paperdeck {self.key} file; it was left untouched: "
                "move it away (a new empty one will be made)",
                path=self.path,
            )
        found = doc.get("schema_version", 1)
        if not isinstance(found, int) or found > self.version:
            raise StoreError(
                f"{self.path}: schema version {found} is newer than this paperdeck supports "
                f"({self.version}); upgrade paperdeck to open it",
                path=self.path,
            )
        return doc.get(self.key, {})

    def read(self) -> dict[str, Any]:
        """The payload (empty when the file is missing); re-read only when the file changed."""
        stamp = file_stamp(self.path)
        if stamp is None:
            self._cache, self._stamp = None, None
            return {}
        if self._cache is not None and stamp == self._stamp:
            return self._cache
        raw = read_bytes(self.path)
        payload = self._parse(raw) if raw and raw.strip() else {}
        self._cache, self._stamp = payload, stamp
        return payload

    def update(self, change: Callable[[dict[str, Any]], T]) -> T:
        """Under the lock: reload, let change() edit the payload in place, write it atomically."""
        with locked(self.path):
            self._cache = None
            payload = dict(self.read())
            result = change(payload)
            doc = {"schema_version": self.version, self.key: payload}
            atomic_write_bytes(self.path, orjson.dumps(doc))
            self._cache, self._stamp = payload, file_stamp(self.path)
        return result
