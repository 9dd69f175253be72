"""What the user set over imported data (edits, stable cite keys), applied to papers the Store
returns; the one place that knows the order of the layers."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path

from store.cite.keys import CiteKeys
from store.cite.pattern import DEFAULT_PATTERN
from store.edits import Edits
from store.edits import overlay as edit_overlay
from store.errors import StoreError
from store.models import Paper, Row
from store.storage import file_stamp


class Overlay:
    """The user's layer over the library: edits (user's, then enrich's) and cite keys."""

    def __init__(self, home: Path, pattern: Callable[[], str] = lambda: DEFAULT_PATTERN) -> None:
        """Keys and edits live in small files in home; pattern() gives the user's key pattern."""
        self.keys = CiteKeys(home)
        self.edits = Edits(home)
        self.pattern = pattern

    def stamp(self) -> str:
        """A string that changes whenever the user's layer changes (for caches over papers)."""
        return repr((file_stamp(self.keys.path), file_stamp(self.edits.path)))

    def _edited(self, papers: Sequence[Paper]) -> list[Paper]:
        """papers with the user's edits applied (copies only where there are edits)."""
        edits = self.edits.all()
        if not edits:
            return list(papers)
        return [edit_overlay(p, edits[p.id]) if p.id in edits else p for p in papers]

    def key_map(self, everything: Callable[[], Sequence[Paper]]) -> dict[str, str]:
        """Every paper's key, assigning keys (in library order) to papers that have none."""
        keys = self.keys.all()
        papers = everything()
        if any(p.id not in keys for p in papers):
            try:
                keys = self.keys.assign(self._edited(papers), self.pattern() or DEFAULT_PATTERN)
            except StoreError:  # a read-only home: keys stay unassigned, exports still work
                return keys
        return keys

    def paper_id(self, key: str, everything: Callable[[], Sequence[Paper]]) -> str:
        """The id of the paper holding cite key (assigning missing keys first), or ""."""
        found = self.keys.paper_id(key)
        if not found and self.keys.missing(everything()):
            self.key_map(everything)
            found = self.keys.paper_id(key)
        return found

    def apply(
        self, papers: Sequence[Paper], everything: Callable[[], Sequence[Paper]]
    ) -> list[Paper]:
        """Copies of papers with the user's layer on top (the library's objects stay as read)."""
        keys = self.keys.all()
        if any(p.id not in keys for p in papers):
            keys = self.key_map(everything)
        out: list[Paper] = []
        for paper in self._edited(papers):
            key = keys.get(paper.id, "")
            if key and paper.extra.get("citekey") != key:
                paper = copy.copy(paper)
                paper.extra = {**paper.extra, "citekey": key}
            out.append(paper)
        return out

    def rows(self, rows: list[Row], get: Callable[[str], Paper | None]) -> list[Row]:
        """List rows with edited papers' rows rebuilt from their edited records."""
        edited = self.edits.all()
        if not edited:
            return rows
        out = []
        for row in rows:
            paper = get(row.id) if row.id in edited else None
            out.append(Row.from_paper(paper) if paper is not None else row)
        return out
