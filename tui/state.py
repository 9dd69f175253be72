"""The browser's state as a plain object: tab, query, sort, abstracts, results (no Textual)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from store import search_bits
from store.daily.inbox import InboxState
from store.models import Annotation, Paper, Row
from store.query import parse_query
from store.repository import Store
from tui.inbox_tab import NEW, open_inbox, with_inbox
from tui.results import ALL, SORT_KEYS, ResultModel, sort_arrow
from tui.views import Group, View, load_groups

K_TAB, K_SORT, K_ABS, K_THEME, K_HIST = (
    "tui.tab", "tui.sort", "tui.abstracts", "tui.theme", "tui.history")


@dataclass(slots=True)
class Results:
    """What the table shows: row positions in order, the tab's size, query problems."""

    order: Sequence[int]
    total: int
    errors: list[str] = field(default_factory=list)


class BrowserState:
    """Everything the browser shows, computed from the store; tests drive it directly."""

    def __init__(self, store: Store) -> None:
        """Read rows, tabs, annotations and remembered preferences from store."""
        self.store = store
        self.rows: list[Row] = store.rows()
        self.model = ResultModel(self.rows)
        self.annotations: dict[str, Annotation] = store.annotations()
        self.papers: dict[str, Paper] | None = None
        self.index: Any = None
        self.index_aligned = False
        self.loading = True
        self.inbox: InboxState | None = open_inbox(store)
        self.groups: list[Group] = with_inbox(load_groups(store), self.inbox)
        last = NEW if self.inbox is not None and self.inbox.unseen() else store.setting(K_TAB, ALL)
        self.view_key: str = last if self.view(last) is not None else ALL
        sort = store.setting(K_SORT, ["order", False])
        ok = isinstance(sort, list) and len(sort) == 2 and sort[0] in SORT_KEYS
        self.sort_key, self.sort_reverse = (str(sort[0]), bool(sort[1])) if ok else ("order", False)
        self.abstracts_all: bool = bool(store.setting(K_ABS, False))
        self.abstract_flipped: set[str] = set()
        self.scope_all = False
        self.query = ""
        self.cursors: dict[str, str] = {}
        self.current_id: str | None = None
        self.status_note = ""
        self.fingerprints = self._fingerprints()

    # -- tabs ---------------------------------------------------------------------------
    def views(self) -> list[View]:
        """Every page tab in nav order, across collections."""
        return [view for group in self.groups for view in group.views]

    def view(self, key: object) -> View | None:
        """The page tab keyed key, or None."""
        return next((v for v in self.views() if v.key == key), None)

    def labels(self) -> dict[str, str]:
        """"Collection › page" labels of every section, for the viewer's "In:" line."""
        return {v.key: f"{g.label} › {v.label}" if g.label != v.label else v.label
                for g in self.groups for v in g.views}

    def set_view(self, key: str) -> None:
        """Switch to the tab keyed key (remembered across runs), keeping each tab's cursor."""
        if self.current_id is not None:
            self.cursors[self.view_key] = self.current_id
        self.view_key = key if self.view(key) is not None else ALL
        self.store.set_setting(K_TAB, self.view_key)

    def step_view(self, step: int) -> str:
        """The key of the tab step places after the current one (wrapping)."""
        keys = [v.key for v in self.views()]
        i = keys.index(self.view_key) if self.view_key in keys else 0
        return keys[(i + step) % len(keys)]

    # -- results ------------------------------------------------------------------------
    @property
    def in_inbox(self) -> bool:
        """True when the New tab (the inbox list, not the table) is shown."""
        return self.view_key == NEW

    def results(self) -> Results:
        """The rows to show for the current tab, scope, query and sort."""
        scope = ALL if self.scope_all else self.view_key
        base = self.model.members(scope)
        key, rev = self.sort_key, self.sort_reverse
        if not self.query.strip():
            return Results(self.model.sort(base, key, rev), len(base))
        if self.index is None:
            return Results(self.model.sort(self.model.simple_filter(base, self.query), key, rev),
                           len(base))
        query = parse_query(self.query)
        errors = [str(e) for e in getattr(query, "errors", [])]
        within = self.model.member_ids(scope)
        if self.index_aligned:
            mask = search_bits.unpack(self.index.search_bits(query, within), len(self.rows))
            return Results(self.model.sort_mask(mask, key, rev), len(base), errors)
        positions = self.model.positions(self.index.search(query, within=within))
        return Results(self.model.sort(sorted(positions), key, rev), len(base), errors)

    def sort_by(self, key: str) -> None:
        """Sort by key; the same key again reverses (remembered across runs)."""
        if key == self.sort_key and key != "order":
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, False
        self.store.set_setting(K_SORT, [self.sort_key, self.sort_reverse])

    def sort_label(self) -> str:
        """The sort as the status line says it, with an arrow that tells the truth."""
        arrow = sort_arrow(self.sort_key, self.sort_reverse)
        return f"{self.sort_key} {arrow}".strip()

    # -- abstracts ------------------------------------------------------------------------
    def abstract_open(self, paper_id: str) -> bool:
        """Whether this paper's abstract is shown."""
        return self.abstracts_all != (paper_id in self.abstract_flipped)

    def toggle_abstract(self, paper_id: str) -> None:
        """Open or shut one paper's abstract."""
        self.abstract_flipped ^= {paper_id}

    def toggle_all_abstracts(self) -> None:
        """Open or shut every abstract (remembered across runs)."""
        self.abstracts_all = not self.abstracts_all
        self.abstract_flipped.clear()
        self.store.set_setting(K_ABS, self.abstracts_all)

    # -- papers -----------------------------------------------------------------------------
    def row(self, paper_id: str | None) -> Row | None:
        """The row of a paper id."""
        pos = self.model.pos.get(paper_id or "")
        return None if pos is None else self.rows[pos]

    def paper(self, paper_id: str | None) -> Paper | None:
        """A paper in full: from the loaded library, else (once loading is over) the store."""
        if not paper_id:
            return None
        if self.papers is not None and paper_id in self.papers:
            return self.papers[paper_id]
        return None if self.loading else self.store.get(paper_id)

    def current_paper(self) -> Paper | None:
        """The highlighted paper in full, read from the store when the library is loading."""
        return self.paper(self.current_id) or (
            self.store.get(self.current_id) if self.current_id else None)

    def adopt(self, papers: list[Paper], index: Any) -> None:
        """Take the fully loaded papers and search index (from the loading worker)."""
        self.papers = {p.id: p for p in papers}
        self.index = index
        self.index_aligned = list(getattr(index, "ids", ())) == [r.id for r in self.rows]
        self.loading = False

    def load_failed(self) -> None:
        """The full load failed: keep browsing rows with the simple filter."""
        self.loading = False

    def reload(self) -> None:
        """Re-read rows, tabs and annotations after the library changed on disk."""
        self.rows = self.store.rows()
        self.model = ResultModel(self.rows)
        self.annotations = self.store.annotations()
        if self.inbox is None:
            self.inbox = open_inbox(self.store)
        else:
            self.inbox.reload()
        self.groups = with_inbox(load_groups(self.store), self.inbox)
        self.papers, self.index, self.index_aligned, self.loading = None, None, False, True
        if self.view(self.view_key) is None:
            self.view_key = ALL
        self.fingerprints = self._fingerprints()

    # -- other processes --------------------------------------------------------------------
    def _fingerprints(self) -> tuple[str, str]:
        """Freshness keys of the library and the annotations files."""
        return self.store.library_fingerprint(), self.store.annotations_fingerprint()

    def changed_on_disk(self) -> tuple[bool, bool]:
        """(library changed, annotations changed) since the last look; cheap (two stats)."""
        now = self._fingerprints()
        lib, ann = now[0] != self.fingerprints[0], now[1] != self.fingerprints[1]
        self.fingerprints = now
        return lib, ann

    def reread_annotations(self) -> None:
        """Adopt marks another process wrote (the search index learns them too)."""
        fresh = self.store.annotations()
        if self.index is not None:
            for pid in set(fresh) | set(self.annotations):
                if fresh.get(pid) != self.annotations.get(pid):
                    self.index.update_annotation(pid, fresh.get(pid, Annotation()))
        self.annotations = fresh

    def mark(self, paper_id: str, **changes: Any) -> Annotation:
        """Write a change to the paper's marks and keep the shown copy and the index in step."""
        ann = self.store.mark(paper_id, **changes)
        self.annotations[paper_id] = ann
        if self.index is not None:
            self.index.update_annotation(paper_id, ann)
        return ann

    def shown(self, paper_id: str) -> Annotation:
        """The marks as the screen shows them."""
        return self.annotations.get(paper_id) or Annotation()
