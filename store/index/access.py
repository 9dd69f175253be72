"""IndexAccess: the Store's door to its search index, opened lazily, never required."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from store.errors import StoreError
from store.index.place import index_root
from store.index.reader import resolve_raw
from store.models import Paper, Row
from store.paths import annotations_file

if TYPE_CHECKING:
    from store.index.engine import PaperIndex, ResultPage
    from store.index.service import LibraryIndex
    from store.repository import Store

Progress = Callable[[int, int], None]
_FAILED = (StoreError, OSError, ValueError)


class IndexAccess:
    """The index of one Store's library: fresh answers, or None when it cannot be had."""

    def __init__(self, store: Store) -> None:
        """Attach to store; nothing is opened yet."""
        self.store = store
        self.root = index_root(store.home, store.library_path)
        self._service: LibraryIndex | None = None

    @property
    def service(self) -> LibraryIndex:
        """The LibraryIndex (created on first use)."""
        if self._service is None:
            from store.index.service import LibraryIndex

            store = self.store
            self._service = LibraryIndex(
                self.root,
                library_fingerprint=store.library_fingerprint,
                annotations_path=annotations_file(store.home),
                load_raw=lambda: store._lib().raw if store.library_path.exists() else [],
                load_annotations=store.annotations,
                edits_path=store.overlay.edits.path,
                load_edits=store.overlay.edits.all,
                stream_raw=lambda: getattr(store._storage, "stream_papers", lambda: None)()
                if store.library_path.exists() else None,
            )
        return self._service

    def open(self, progress: Progress | None = None) -> PaperIndex | None:
        """The fresh index, rebuilt first if needed; None when it cannot be built here."""
        try:
            return self.service.open(progress)
        except _FAILED:
            return None

    def current(self) -> PaperIndex | None:
        """The index only when it is fresh without a rebuild."""
        if not self.root.exists():
            return None
        try:
            return self.service.current()
        except _FAILED:
            return None

    def is_fresh(self) -> bool:
        """True when searching needs no rebuild first (the TUI shows progress otherwise)."""
        return self.root.exists() and self.service.is_fresh()

    def get(self, paper_id: str) -> tuple[Paper | None] | None:
        """(paper or None) from a fresh index; None when the index cannot answer."""
        from store.records import paper_from_raw

        index = self.current()
        if index is None:
            return None
        raw = index.raw(str(paper_id))
        return (None if raw is None else paper_from_raw(raw),)

    def get_many(self, ids: list[str]) -> dict[str, Paper] | None:
        """Papers of many ids in one index call (unknown ids missing); None when the index
        cannot answer."""
        from store.records import paper_from_raw

        index = self.current()
        if index is None:
            return None
        return {pid: paper_from_raw(raw) for pid, raw in index.raws(ids).items()}

    def resolve(self, ref: str) -> tuple[Paper | None] | None:
        """Store.resolve from a fresh index; None when the index cannot answer."""
        from store.records import paper_from_raw

        index = self.current()
        if index is None:
            return None
        raw = resolve_raw(index, ref)
        return (None if raw is None else paper_from_raw(raw),)

    def search(self, query: Any, *, view: str | None = None, sort: str = "relevance",
               reverse: bool = False, offset: int = 0, limit: int = 50,
               progress: Progress | None = None) -> ResultPage:
        """A page of results with the exact total (index, else the matcher over the library)."""
        from store.index.engine import ResultPage

        index = self.open(progress)
        if index is not None:
            return index.search(query, view=view, sort=sort, reverse=reverse, offset=offset,
                                limit=limit, annotations=self.store.annotations)
        return _scan(self.store, query, view, offset, limit, ResultPage)

    def matching(self, query: Any, view: str | None = None) -> list[Paper]:
        """Every paper matching query in library order, read from the index (no library
        parse); from the library when no index can be had."""
        from store.records import paper_from_raw

        index = self.open()
        if index is None:
            page = _scan(self.store, query, view, 0, 10**9, _page_type())
            wanted = set(page.ids)
            return [p for p in self.store.papers() if p.id in wanted]
        total = index.count(query, view)
        ids = index.search(query, view=view, sort="order", limit=total, fuzzy_fallback=False,
                           annotations=self.store.annotations).ids
        raws = index.raws(ids)
        return [paper_from_raw(raws[i]) for i in ids if i in raws]

    def matching_chunks(self, query: Any, view: str | None = None,
                        size: int | None = None) -> Iterator[list[Paper]]:
        """matching() a bounded chunk at a time (at most size papers each), in library
        order: what an export of a whole large library reads."""
        from store.index.chunks import CHUNK, chunks

        size = size or CHUNK
        index = self.open()
        walk = None
        total = index.count(query, view) if index is not None else 0
        if index is not None and total > size:
            walk = chunks(index, query, view, size, total)
        if walk is None:
            found = self.matching(query, view)
            walk = (found[i: i + size] for i in range(0, len(found), size))
        yield from walk

    def after_import(self, before: str, old: list[dict[str, Any]],
                     new: list[dict[str, Any]]) -> None:
        """Bring the index from library version before to now with only the changed papers
        (built whole when it was missing or stale)."""
        old_at = {str(d.get("id", "")): i for i, d in enumerate(old)}
        changes = []
        for i, raw in enumerate(new):
            j = old_at.pop(str(raw.get("id", "")), None)
            if j != i or old[j] != raw:
                changes.append((raw, i))
        with contextlib.suppress(*_FAILED):  # else stale: rebuilt on the next search
            self.service.after_import(before, changes, list(old_at), new)

    def after_changes(self, before: str, changes: list[tuple[dict[str, Any], int]]) -> None:
        """Apply changed and appended papers (raw dict, library position) to the index."""
        with contextlib.suppress(*_FAILED):
            self.service.after_import(before, changes, [], None)

    def after_mark(self) -> None:
        """Reflect changed marks (is:read, tag:...) in the index."""
        if self.root.exists():
            with contextlib.suppress(*_FAILED):
                self.service.sync_marks()

    def drop(self) -> None:
        """Delete the index; nothing is lost, it is rebuilt from the store."""
        self.service.drop()


def _page_type() -> type[ResultPage]:
    """The ResultPage class (imported late)."""
    from store.index.engine import ResultPage

    return ResultPage


def _scan(store: Store, query: Any, view: str | None, offset: int, limit: int,
          page: type[ResultPage]) -> ResultPage:
    """Without an index (e.g. an unwritable home): the matcher over every paper."""
    from store.query import parse_query

    q = parse_query(query) if isinstance(query, str) else query
    anns = store.annotations()
    hits = [p for p in store.papers() if q.matches(p, anns.get(p.id)) and (
        view in (None, "", "all") or any(view in (s.section, "c:" + s.collection)
                                         for s in p.sections))]
    rows = [Row.from_paper(p) for p in hits[offset: offset + limit]]
    return page(len(hits), rows, False, [str(e) for e in q.errors])
