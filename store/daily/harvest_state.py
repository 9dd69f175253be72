"""Where each harvest resumes (harvest.json): per OAI-PMH set the last completed datestamp,
the resumption token of an unfinished pass and the newest datestamp that pass has seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.daily.files import harvest_file


class HarvestState:
    """harvest.json; each commit is one locked, atomic write."""

    def __init__(self, home: Path) -> None:
        """Manage the harvest state of the user whose data directory is home."""
        self.file = harvest_file(home)

    def get(self, spec: str) -> dict[str, str]:
        """{"done": date, "token": str, "top": date} of one set (empty when never harvested)."""
        found = self.file.read().get("sets", {}).get(spec, {})
        return {k: str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def commit(self, spec: str, state: dict[str, str]) -> None:
        """Store the resumption point of one set."""

        def change(payload: dict[str, Any]) -> None:
            """Replace this set's entry."""
            payload.setdefault("sets", {})[spec] = dict(state)

        self.file.update(change)

    def commit_author(self, name: str, day: str) -> None:
        """Remember when a followed author was last checked."""

        def change(payload: dict[str, Any]) -> None:
            """Replace this author's entry."""
            payload.setdefault("authors", {})[name] = {"checked": day}

        self.file.update(change)

    def all(self) -> dict[str, Any]:
        """The whole state (for `paperdeck follows`)."""
        return dict(self.file.read())
