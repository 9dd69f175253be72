"""The user's UI settings and search history: arbitrary JSON-able values by key."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson

from store.errors import StoreError
from store.jsonfile import JsonFile

SETTINGS_VERSION = 1


class Settings:
    """settings.json: a flat mapping of keys to JSON-able values."""

    def __init__(self, path: Path) -> None:
        """Manage the settings file at path (created on first write)."""
        self.file = JsonFile(path, key="settings", version=SETTINGS_VERSION)

    def get(self, key: str, default: Any = None) -> Any:
        """The value stored under key (a copy), else default (also when the file is unreadable,
        corrupt or foreign: settings never stop the app)."""
        try:
            data = self.file.read()
        except StoreError:
            return default
        return copy.deepcopy(data[key]) if key in data else default

    def set(self, key: str, value: Any) -> bool:
        """Store a JSON-able value under key (None removes it), best effort: False when the
        file cannot be written (read-only home, full disk, a foreign file left untouched)."""
        try:
            value = orjson.loads(orjson.dumps(value))
        except TypeError as exc:
            raise StoreError(
                f"{self.file.path}: setting {key!r} is not JSON-able ({exc})", path=self.file.path
            ) from exc

        def change(payload: dict[str, Any]) -> None:
            """Put or drop the key in the reloaded payload."""
            if value is None:
                payload.pop(key, None)
            else:
                payload[key] = value

        try:
            self.file.update(change)
        except StoreError:
            return False
        return True

