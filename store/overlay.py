"""What the user set over imported data (cite keys, edits), applied to papers the Store returns."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path

from store.cite.keys import CiteKeys
from store.cite.pattern import DEFAULT_PATTERN
from store.errors import StoreError
from store.models import Paper
from store.storage import file_stamp


class Overlay:
    """The user's layer over the library: stable cite keys now, edits kept apart."""

    def __init__(self, home: Path, pattern: Callable[[], str] = lambda: DEFAULT_PATTERN) -> None:
        """Keys and edits live in small files in home; pattern() gives the user's key pattern."""
        self.keys = CiteKeys(home)
        self.pattern = pattern

    def stamp(self) -> str:
        """A string that changes whenever the user's layer changes (for caches over papers)."""
        return repr(file_stamp(self.keys.path))

    def key_map(self, everything: Callable[[], Sequence[Paper]]) -> dict[str, str]:
        """Every paper's key, assigning keys (in library order) to papers that have none."""
        keys = self.keys.all()
        papers = everything()
        if any(p.id not in keys for p in papers):
            try:
                keys = self.keys.assign(papers, self.pattern() or DEFAULT_PATTERN)
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
        for paper in papers:
            key = keys.get(paper.id, "")
            if key and paper.extra.get("citekey") != key:
                paper = copy.copy(paper)
                paper.extra = {**paper.extra, "citekey": key}
            out.append(paper)
        return out
