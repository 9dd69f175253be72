"""What the user set over imported data (edits, stable cite keys), applied to papers the Store
returns; the one place that knows the order of the layers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from store.cite.keys import CiteKeys
from store.cite.pattern import DEFAULT_PATTERN
from store.edits import Edits
from store.edits import overlay as edit_overlay
from store.errors import StoreError
from store.models import Paper, Row
from store.storage import file_stamp

FEW = 8  # up to this many papers, their cite keys are looked up without parsing the key map


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

    def assign_keys(self, papers: Sequence[Paper]) -> None:
        """Give papers without a key theirs (after an import), so no later read must parse the
        whole library to assign them; a read-only home leaves them for later."""
        try:  # (the key map is not parsed: ~800 MB and 4 CPU s a batch at 2.5M papers)
            self.keys.add_missing(self._edited(papers), self.pattern() or DEFAULT_PATTERN)
        except StoreError:
            return

    def paper_id(self, key: str, ids: Iterable[str],
                 everything: Callable[[], Sequence[Paper]]) -> str:
        """The id of the paper holding cite key (assigning missing keys first), or ""."""
        found = self.keys.paper_id(key)
        known = self.keys.file.read()
        if not found and any(pid not in known for pid in ids):
            self.key_map(everything)
            found = self.keys.paper_id(key)
        return found

    def apply(
        self, papers: Sequence[Paper], everything: Callable[[], Sequence[Paper]]
    ) -> list[Paper]:
        """papers with the user's layer on top: edited papers are copies (the library's stay
        as imported); the stable key is set on the paper itself (a new extra dict), once."""
        few = self.keys.keys_of([p.id for p in papers]) if len(papers) <= FEW or \
            self.keys.large() else None
        keys = self.keys.all() if few is None else few
        missing = [p for p in papers if p.id not in keys]
        if missing and self.keys.oversized():  # keys for these only: not the whole library
            self.assign_keys(missing)
            keys = {**keys, **(self.keys.keys_of([p.id for p in missing]) or {})}
        elif missing:
            keys = self.key_map(everything)
        out = self._edited(papers)
        for paper in out:
            key = keys.get(paper.id, "")
            if key and paper.extra.get("citekey") != key:
                paper.extra = {**paper.extra, "citekey": key}
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
