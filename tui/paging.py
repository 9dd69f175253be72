"""Result pages: the table's rows for one query, fetched from the search index page by page."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Protocol

from store.models import Row

PAGE = 50  # rows per fetch: a screenful or two (a keystroke fetches one page)
KEPT = 32  # pages kept (least recently used dropped): memory does not grow with the library
SORT_NAMES = {"authors": "author"}  # the table's sort keys -> the index's


class Searcher(Protocol):
    """What a source needs from the store: Store.search and the user's edits overlay."""

    def search(self, query: Any = "", *, view: str | None = None, sort: str = "relevance",
               reverse: bool = False, offset: int = 0, limit: int = 50,
               progress: Any = None) -> Any:
        """A ResultPage (total, rows, fuzzy, errors)."""
        ...


@dataclass(frozen=True, slots=True)
class Ask:
    """One result list: query, view (section id, "c:<collection>", None for all), sort."""

    query: str = ""
    view: str | None = None
    sort: str = "relevance"
    reverse: bool = False


class PagedResults:
    """The exact total of one result list and its rows, fetched a page at a time on demand."""

    def __init__(self, store: Searcher, ask: Ask, *, page: int = PAGE, kept: int = KEPT) -> None:
        """Ask the index for the first page (and with it the exact total)."""
        self.store, self.ask = store, ask
        self.page_size, self.kept = max(page, 1), max(kept, 1)
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        first = self._fetch(0)
        self.total: int = int(first.total)
        self.fuzzy: bool = bool(first.fuzzy)
        self.errors: list[str] = [str(e) for e in first.errors]
        self._keep(0, first.rows)

    @classmethod
    def empty(cls) -> PagedResults:
        """A source with no rows (the index is not ready yet)."""
        return cls(_Nothing(), Ask())

    def __len__(self) -> int:
        """Number of rows in the whole list."""
        return self.total

    def __bool__(self) -> bool:
        """True when there is at least one row."""
        return self.total > 0

    def _fetch(self, number: int) -> Any:
        """Page number from the store."""
        a = self.ask
        return self.store.search(a.query, view=a.view, sort=SORT_NAMES.get(a.sort, a.sort),
                                 reverse=a.reverse, offset=number * self.page_size,
                                 limit=self.page_size)

    def _keep(self, number: int, rows: list[Row]) -> list[Row]:
        """Remember a page, dropping the least recently used beyond kept."""
        overlay = getattr(self.store, "overlay", None)
        if overlay is not None and rows:
            rows = overlay.rows(list(rows), self.store.get)  # type: ignore[attr-defined]
        self._pages[number] = rows
        self._pages.move_to_end(number)
        while len(self._pages) > self.kept:
            self._pages.popitem(last=False)
        return rows

    def page(self, number: int) -> list[Row]:
        """The rows of page number (fetched when not kept)."""
        rows = self._pages.get(number)
        if rows is None:
            rows = self._keep(number, list(self._fetch(number).rows))
        else:
            self._pages.move_to_end(number)
        return rows

    def row(self, index: int) -> Row | None:
        """The row at index of the list, or None outside it."""
        if not 0 <= index < self.total:
            return None
        rows = self.page(index // self.page_size)
        at = index % self.page_size
        return rows[at] if at < len(rows) else None

    def cached(self, paper_id: str) -> Row | None:
        """The row of paper_id when it is on a page already fetched (no query)."""
        for rows in self._pages.values():
            for row in rows:
                if row.id == paper_id:
                    return row
        return None

    def index_of(self, paper_id: str | None, near: int | None = None) -> int:
        """Where paper_id is: on a kept page; in library order, counted by the index; else on
        the page of near or a neighbour (at most three fetches); -1 when not found there."""
        if not paper_id:
            return -1
        for number, rows in list(self._pages.items()):
            for i, row in enumerate(rows):
                if row.id == paper_id:
                    return number * self.page_size + i
        a = self.ask
        if not a.query and a.sort in ("order", "relevance"):  # library order: counted
            rank = getattr(self.store, "order_rank", lambda *_: None)(paper_id, a.view)
            if rank is None:
                return -1
            return self.total - 1 - rank if a.sort == "order" and a.reverse else rank
        if near is None or not 0 <= near < self.total:
            return -1
        first = near // self.page_size
        for number in (first, first + 1, first - 1):
            if 0 <= number * self.page_size < self.total and number not in self._pages:
                for i, row in enumerate(self.page(number)):
                    if row.id == paper_id:
                        return number * self.page_size + i
        return -1


class _Nothing:
    """A searcher with no papers."""

    def search(self, query: Any = "", **_: Any) -> Any:
        """An empty page."""
        from types import SimpleNamespace

        return SimpleNamespace(total=0, rows=[], fuzzy=False, errors=[])
