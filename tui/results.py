"""The table's result set: tab membership, search filtering and sorting, without widgets."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import itemgetter

from store.models import Row
from store.text import fold

ALL = "all"
SORT_KEYS = ("order", "year", "title", "authors", "venue")
DESCENDING_FIRST = frozenset({"year"})  # these sort high-to-low before the first reverse


def sort_arrow(key: str, reverse: bool) -> str:
    """↓ when values fall down the table (newest year first), ↑ when they rise, "" for none."""
    if key not in SORT_KEYS or key == "order":
        return ""
    return "↓" if (key in DESCENDING_FIRST) != reverse else "↑"


class ResultModel:
    """Rows plus cached per-tab members and per-key sort orders, for fast re-filtering."""

    def __init__(self, rows: Sequence[Row]) -> None:
        """Index rows by id; everything else is computed on first use."""
        self.rows = rows
        self.pos: dict[str, int] = {row.id: i for i, row in enumerate(rows)}
        self._members: dict[str, list[int]] = {}
        self._member_ids: dict[str, frozenset[str]] = {}
        self._orders: dict[str, list[int]] = {}
        self._ranks: dict[str, list[int]] = {}
        self._folded: list[str] | None = None
        self._pickers: dict[str, itemgetter[int]] = {}

    def members(self, view: str) -> Sequence[int]:
        """Row positions of a tab, in library order (every row for "all")."""
        if view == ALL:
            return range(len(self.rows))
        if view not in self._members:
            self._members[view] = [i for i, r in enumerate(self.rows) if view in r.sections]
        return self._members[view]

    def member_ids(self, view: str) -> frozenset[str] | None:
        """Paper ids of a tab (None for "all": no restriction)."""
        if view == ALL:
            return None
        if view not in self._member_ids:
            self._member_ids[view] = frozenset(self.rows[i].id for i in self.members(view))
        return self._member_ids[view]

    def counts(self) -> dict[str, int]:
        """Number of papers per section id."""
        out: dict[str, int] = {}
        for row in self.rows:
            for sec in row.sections:
                out[sec] = out.get(sec, 0) + 1
        return out

    def positions(self, ids: Sequence[str]) -> list[int]:
        """Row positions of paper ids (unknown ids are dropped)."""
        get = self.pos.get
        return [p for p in map(get, ids) if p is not None]

    def _order(self, key: str) -> list[int]:
        """Every row position sorted by key (ascending meaning: newest year first)."""
        if key not in self._orders:
            rows = self.rows
            n = range(len(rows))
            if key == "year":
                order = sorted(n, key=lambda i: -(rows[i].year or 0))
            elif key == "title":
                order = sorted(n, key=lambda i: fold(rows[i].title))
            elif key == "authors":
                order = sorted(n, key=lambda i: (fold(rows[i].first_author) or "\uffff",
                                                 fold(rows[i].title)))
            elif key == "venue":
                order = sorted(n, key=lambda i: (fold(rows[i].venue_short) or "\uffff",
                                                 -(rows[i].year or 0)))
            else:
                order = list(n)
            rank = [0] * len(rows)
            for r, i in enumerate(order):
                rank[i] = r
            self._orders[key], self._ranks[key] = order, rank
        return self._orders[key]

    def sort_mask(self, mask: bytes | bytearray, key: str, reverse: bool = False) -> list[int]:
        """Positions whose mask byte is set, sorted by key (C-speed: no per-row Python)."""
        n = len(self.rows)
        if key not in SORT_KEYS or key == "order":
            out = list(compress(range(n), mask))
        else:
            order = self._order(key)
            if n < 2:
                picked: Sequence[int] = [mask[i] for i in order]
            else:
                if key not in self._pickers:
                    self._pickers[key] = itemgetter(*order)
                picked = self._pickers[key](mask)
            out = list(compress(order, picked))
        if reverse:
            out.reverse()
        return out

    def sort(self, positions: Sequence[int], key: str, reverse: bool = False) -> Sequence[int]:
        """positions sorted by key; a stable result whatever the input order."""
        total = len(self.rows)
        key = key if key in SORT_KEYS else "order"
        if key == "order" and isinstance(positions, range) and not reverse:
            return positions
        order = self._order(key)
        if len(positions) == total:
            out = list(order)
        elif len(positions) * 8 < total:
            out = sorted(positions, key=self._ranks[key if key in SORT_KEYS else "order"]
                         .__getitem__)
        else:
            keep = set(positions)
            out = [p for p in order if p in keep]
        if reverse:
            out.reverse()
        return out

    def simple_filter(self, positions: Sequence[int], text: str) -> Sequence[int]:
        """Until the search index is built: rows whose title/author/venue hold every word."""
        words = [w for w in fold(text).split() if ":" not in w and not w.startswith("-")]
        words = [w.strip('"') for w in words if w.strip('"')]
        if not words:
            return positions
        if self._folded is None:
            self._folded = [
                fold(f"{r.title} {r.first_author} {r.venue_short} {r.year or ''}")
                for r in self.rows
            ]
        hay = self._folded
        return [p for p in positions if all(w in hay[p] for w in words)]
