"""The browser's state as a plain object: tab, query, sort, abstracts, results (no Textual)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from store.daily.inbox import InboxState
from store.models import Annotation, Paper, Row
from store.repository import Store
from tui.inbox_tab import NEW, open_inbox, with_inbox
from tui.paging import Ask, PagedResults
from tui.results import ALL, SORT_KEYS, sort_arrow
from tui.views import Group, View, load_groups

K_TAB, K_SORT, K_ABS, K_THEME, K_HIST = (
    "tui.tab", "tui.sort", "tui.abstracts", "tui.theme", "tui.history")
SORT_FORMAT = 2  # [key, reverse, 2]: before it, "order" was the unchosen default
Progress = Callable[[int, int], None]


def load_sort(value: Any) -> tuple[str, bool]:
    """The remembered sort; an old unchosen "order" becomes relevance (nav order without a
    query, ranked with one)."""
    if not isinstance(value, list) or len(value) not in (2, 3) or value[0] not in SORT_KEYS:
        return "relevance", False
    key, reverse = str(value[0]), bool(value[1])
    if len(value) == 2 and key == "order":
        key = "relevance"
    return key, reverse


class BrowserState:
    """Everything the browser shows, read through the store's search index; tests drive it."""

    def __init__(self, store: Store) -> None:
        """Read tabs, annotations and remembered preferences (never every paper)."""
        self.store = store
        self.annotations: dict[str, Annotation] = store.annotations()
        self.ready = store.index_is_fresh()  # else the index is rebuilt before any search
        self.progress: tuple[int, int] | None = None
        self.inbox: InboxState | None = open_inbox(store)
        self.groups: list[Group] = with_inbox(load_groups(store), self.inbox)
        last = NEW if self.inbox is not None and self.inbox.unseen() else store.setting(K_TAB, ALL)
        self.view_key: str = last if self.view(last) is not None else ALL
        self.sort_key, self.sort_reverse = load_sort(store.setting(K_SORT))
        self.abstracts_all: bool = bool(store.setting(K_ABS, False))
        self.abstract_flipped: set[str] = set()
        self.scope_all = False
        self.query = ""
        self.cursors: dict[str, str] = {}
        self.cursor_rows: dict[str, int] = {}
        self.current_id: str | None = None
        self.status_note = ""
        self.source = PagedResults.empty()
        self._sizes: dict[str | None, int] = {}
        self.fingerprints = self._fingerprints()

    # -- the index ----------------------------------------------------------------------
    def build_index(self, progress: Progress | None = None) -> None:
        """Bring the index up to date (rebuilt when missing or stale); slow: run in a worker.
        Asked again while the library changed meanwhile (a schema-1 library is migrated by
        its first read, after the index took its fingerprint)."""
        for _ in range(3):
            self.store.search("", limit=0, progress=progress)
            if self.store.index_is_fresh():
                return

    def warm(self) -> None:
        """Read what every keystroke looks up (the cite-key map) once, ahead of typing; slow
        at 100k papers (tens of ms): run in a worker after the first rows."""
        self.store.overlay.keys.warm()

    def index_ready(self) -> None:
        """The index is fresh: searches may run."""
        self.ready, self.progress = True, None
        self._sizes.clear()

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

    def set_view(self, key: str, cursor_row: int = 0) -> None:
        """Switch to the tab keyed key (remembered across runs), keeping each tab's cursor."""
        if self.current_id is not None:
            self.cursors[self.view_key] = self.current_id
            self.cursor_rows[self.view_key] = cursor_row
        self.view_key = key if self.view(key) is not None else ALL
        if self.store.setting(K_TAB) != self.view_key:  # no locked write at every start
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

    @property
    def scope(self) -> str | None:
        """The view searched: the tab, or None for every paper."""
        return None if self.scope_all or self.view_key == ALL else self.view_key

    def ask(self) -> Ask:
        """The current result list's query, scope and sort."""
        return Ask(self.query.strip(), self.scope, self.sort_key, self.sort_reverse)

    def results(self) -> PagedResults:
        """The rows to show for the current tab, scope, query and sort (none until ready)."""
        self.source = PagedResults(self.store, self.ask()) if self.ready else (
            PagedResults.empty())
        return self.source

    def tab_size(self) -> int:
        """Exact number of papers in the scope (counted by the index, once per library)."""
        scope = self.scope
        if scope not in self._sizes:
            self._sizes[scope] = self.store.count(view=scope) if self.ready else 0
        return self._sizes[scope]

    def library_size(self) -> int:
        """Exact number of papers in the library."""
        if None not in self._sizes:
            self._sizes[None] = self.store.count() if self.ready else 0
        return self._sizes[None]

    def sort_by(self, key: str) -> None:
        """Sort by key; the same key again reverses (remembered across runs)."""
        if key == self.sort_key and key not in ("order", "relevance"):
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, False
        self.store.set_setting(K_SORT, [self.sort_key, self.sort_reverse, SORT_FORMAT])

    def sort_label(self) -> str:
        """The sort as the status line says it, with an arrow that tells the truth."""
        key = self.sort_key
        if key == "relevance":
            return "relevance" if self.query.strip() else "order"
        return f"{key} {sort_arrow(key, self.sort_reverse)}".strip()

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
        """The row of a paper id, when it is on a page already fetched."""
        return self.source.cached(paper_id) if paper_id else None

    def paper(self, paper_id: str | None) -> Paper | None:
        """A paper in full, from the store (through the index when it is fresh)."""
        return self.store.get(paper_id) if paper_id else None

    def current_paper(self) -> Paper | None:
        """The highlighted paper in full."""
        return self.paper(self.current_id)

    def reload(self) -> None:
        """Re-read tabs and annotations after the library changed on disk (rows come from
        the index: nothing else is read)."""
        self.annotations = self.store.annotations()
        if self.inbox is None:
            self.inbox = open_inbox(self.store)
        else:
            self.inbox.reload()
        self.groups = with_inbox(load_groups(self.store), self.inbox)
        self._sizes.clear()
        self.ready = self.store.index_is_fresh()
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
        """Adopt marks another process wrote (the index repairs its marks on the next read)."""
        self.annotations = self.store.annotations()

    def mark(self, paper_id: str, **changes: Any) -> Annotation:
        """Write a change to the paper's marks (the store updates the index too)."""
        ann = self.store.mark(paper_id, **changes)
        self.annotations[paper_id] = ann
        # our own write is not another process's: the watcher need not re-read it
        self.fingerprints = (self.fingerprints[0], self.store.annotations_fingerprint())
        return ann

    def shown(self, paper_id: str) -> Annotation:
        """The marks as the screen shows them."""
        return self.annotations.get(paper_id) or Annotation()
