"""The paperdeck Textual app: tabs, a virtual paper table, a search bar and a viewer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.widgets import Footer, Input, Static

from store import search_bits
from store.models import Annotation, Paper, Row
from store.query import parse_query
from store.repository import Store
from tui.actions import ActionsMixin
from tui.commands_palette import PaperDeckCommands
from tui.io_actions import ImportExportMixin
from tui.keys import APP_BINDINGS
from tui.results import ALL, ResultModel
from tui.safe import clean, clean_multiline
from tui.views import load_groups
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer
from tui.widgets.search_bar import SearchBar
from tui.widgets.section_tabs import SectionTabs

WIDE = 120
K_TAB, K_SORT, K_ABS, K_THEME, K_HIST = (
    "tui.tab", "tui.sort", "tui.abstracts", "tui.theme", "tui.history")


class PaperDeckApp(ActionsMixin, ImportExportMixin, App[None]):
    """Browse a paperdeck library: tabs in nav order, search-as-you-type, abstracts."""

    CSS_PATH = str(Path(__file__).with_name("paperdeck.tcss"))
    TITLE = "paperdeck"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {PaperDeckCommands}
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(self, store: Store, *, load_in_background: bool = True) -> None:
        """An app over store; the full library loads in a worker after the first paint."""
        super().__init__()
        self.animation_level = "none"  # instant over SSH, deterministic snapshots
        self.store = store
        self.load_in_background = load_in_background
        self.rows: list[Row] = store.rows()
        self.model = ResultModel(self.rows)
        self.annotations: dict[str, Annotation] = store.annotations()
        self.papers: dict[str, Paper] | None = None
        self.index: Any = None
        self.index_aligned = False
        self.groups = load_groups(store)
        keys = {v.key for g in self.groups for v in g.views}
        last = store.setting(K_TAB, ALL)
        self.view_key: str = last if last in keys else ALL
        sort = store.setting(K_SORT, ["order", False])
        self.sort_key, self.sort_reverse = (str(sort[0]), bool(sort[1])) if isinstance(
            sort, list) and len(sort) == 2 else ("order", False)
        self.abstracts_all: bool = bool(store.setting(K_ABS, False))
        self.abstract_flipped: set[str] = set()
        self.scope_all = False
        self.query_text = ""
        self.cursors: dict[str, str] = {}
        self.current_id: str | None = None
        self.status_note = ""
        theme = store.setting(K_THEME)
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    # -- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Tabs, search, status, table + viewer, footer."""
        yield SectionTabs(self.groups, self.view_key, id="tabs")
        yield SearchBar(self.store.setting(K_HIST, []) or [], id="search")
        yield Static(id="status")
        with Container(id="main"):
            yield PaperTable(id="table")
            yield Static(id="missing")
            yield PaperViewer(id="viewer")
        yield Footer()

    def on_mount(self) -> None:
        """Paint the first rows from the cached rows, then load the rest in the background."""
        self.screen.set_class(self.size.width >= WIDE, "wide")
        self.query_one(PaperTable).focus()
        self.show_view(self.view_key)
        if self.load_in_background:
            self.load_library()

    def on_resize(self) -> None:
        """Viewer beside the table when wide, under it otherwise."""
        self.screen.set_class(self.size.width >= WIDE, "wide")

    @work(thread=True, exclusive=True, group="load")
    def load_library(self) -> None:
        """Load every paper and build the search index (worker thread: no widgets)."""
        try:
            from store.search import SearchIndex

            papers = self.store.papers()
            index = SearchIndex(papers, self.annotations)
        except Exception as exc:  # noqa: BLE001 - keep browsing with the simple filter
            self.call_from_thread(self.library_failed, exc)
            return
        self.call_from_thread(self.library_loaded, papers, index)

    def library_failed(self, exc: Exception) -> None:
        """The full load failed: keep the rows and the simple filter, and say why."""
        self.load_in_background = False
        self.notify(f"Search index unavailable: {exc}", severity="error", markup=False)
        self.refresh_results()

    def library_loaded(self, papers: list[Paper], index: Any) -> None:
        """Adopt the loaded papers and index; redo the search with the real index."""
        self.papers = {p.id: p for p in papers}
        self.index = index
        self.index_aligned = list(getattr(index, "ids", ())) == [r.id for r in self.rows]
        self.refresh_results()
        self.refresh_viewer(keep_scroll=True)

    # -- views and results ------------------------------------------------------
    def show_view(self, key: str) -> None:
        """Switch to the tab keyed key, restoring its cursor."""
        if self.current_id is not None:
            self.cursors[self.view_key] = self.current_id
        self.view_key = key
        self.query_one(SectionTabs).select(key)
        self.store.set_setting(K_TAB, key)
        view = self.query_one(SectionTabs).view(key)
        missing = self.query_one("#missing", Static)
        if view is not None and not view.imported:
            page = view.page or key
            missing.update(Text.assemble(
                ("This page was not imported.\n\n", "bold"),
                "The site's nav lists ", (view.label, "italic"), ", but its page ",
                (page, "bold"), " is not in the library.\n\nImport it with\n  ",
                (f"paperdeck import <site>/_pages/{page.strip('/').split('/')[0]}/", "bold"),
                "\nor ctrl+p → Import a path.",
            ))
        self.screen.set_class(view is not None and not view.imported, "missing-page")
        self.refresh_results(cursor_id=self.cursors.get(key))

    def refresh_results(self, cursor_id: str | None = None) -> None:
        """Recompute the table's rows from tab, scope, query and sort."""
        table = self.query_one(PaperTable)
        if cursor_id is None:
            cursor_id = table.current_id
        scope = ALL if self.scope_all else self.view_key
        base = self.model.members(scope)
        errors: list[str] = []
        order: Sequence[int]
        if not self.query_text.strip():
            order = self.model.sort(base, self.sort_key, self.sort_reverse)
        elif self.index is not None:
            query = parse_query(self.query_text)
            errors = [str(e) for e in getattr(query, "errors", [])]
            within = self.model.member_ids(scope)
            if self.index_aligned:
                mask = search_bits.unpack(self.index.search_bits(query, within), len(self.rows))
                order = self.model.sort_mask(mask, self.sort_key, self.sort_reverse)
            else:
                positions = self.model.positions(self.index.search(query, within=within))
                order = self.model.sort(sorted(positions), self.sort_key, self.sort_reverse)
        else:
            positions = self.model.simple_filter(base, self.query_text)
            order = self.model.sort(positions, self.sort_key, self.sort_reverse)
        table.sort_key, table.sort_reverse = self.sort_key, self.sort_reverse
        table.set_data(self.rows, order, self.annotations,
                       cursor_row=self.model.pos.get(cursor_id or ""))
        self.update_status(len(order), len(base), errors)
        if not order:
            self.current_id = None
            self.refresh_viewer()

    def update_status(self, shown: int, total: int, errors: list[str]) -> None:
        """The status line: tab, match count, scope, sort, query problems."""
        view = self.query_one(SectionTabs).view(self.view_key)
        label = "All papers" if self.scope_all else (view.label if view else self.view_key)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f" {label}", style="bold")
        if self.query_text.strip():
            text.append(f"  {shown} of {total} match", style="bold")
        else:
            text.append(f"  {shown} papers")
        text.append(f"  · scope: {'all papers' if self.scope_all else 'this tab'} (w)")
        arrow = " ↓" if self.sort_reverse else ""
        text.append(f"  · sort: {self.sort_key}{arrow}")
        if self.index is None and self.load_in_background:
            text.append("  · indexing…", style="dim")
        if self.status_note:
            text.append(f"  · {self.status_note}", style="yellow")
        for err in errors[:2]:
            text.append(f"  · {err}", style="yellow")
        self.query_one("#status", Static).update(text)

    def abstract_open(self, paper_id: str) -> bool:
        """Whether this paper's abstract is shown."""
        return self.abstracts_all != (paper_id in self.abstract_flipped)

    def refresh_viewer(self, keep_scroll: bool = False) -> None:
        """Show the highlighted paper in the viewer."""
        from tui.widgets.paper_viewer import render_paper

        pid = self.current_id
        row = self.rows[self.model.pos[pid]] if pid in self.model.pos else None
        paper = self.papers.get(pid) if self.papers is not None and pid else None
        if paper is None and pid and not self.load_in_background:
            paper = self.store.get(pid)
        spans = None
        if self.query_text.strip() and self.index is not None:
            spans = self.highlighter()
        labels = {v.key: f"{g.label} › {v.label}" if g.label != v.label else v.label
                  for g in self.groups for v in g.views}
        content = render_paper(
            paper, row, self.annotations.get(pid or ""),
            abstract_open=bool(pid) and self.abstract_open(pid or ""),
            spans=spans, section_labels=labels,
        )
        self.query_one(PaperViewer).show(content, keep_scroll=keep_scroll)

    def set_status_note(self, note: str) -> None:
        """A short progress note in the status line (e.g. an import running)."""
        self.status_note = note
        self.refresh_results()

    async def reload_library(self) -> None:
        """Re-read rows, tabs and annotations after the library changed."""
        self.rows = self.store.rows()
        self.model = ResultModel(self.rows)
        self.annotations = self.store.annotations()
        self.groups = load_groups(self.store)
        self.papers, self.index, self.index_aligned = None, None, False
        old = self.query_one(SectionTabs)
        keys = {v.key for g in self.groups for v in g.views}
        self.view_key = self.view_key if self.view_key in keys else ALL
        await old.remove()
        await self.mount(SectionTabs(self.groups, self.view_key, id="tabs"), before="#search")
        self.show_view(self.view_key)
        self.load_library()

    # -- events -----------------------------------------------------------------
    @on(PaperTable.CursorMoved)
    def _cursor_moved(self, event: PaperTable.CursorMoved) -> None:
        """Follow the table's cursor in the viewer."""
        if event.paper_id != self.current_id:
            self.current_id = event.paper_id
            if event.paper_id is not None:
                self.cursors[self.view_key] = event.paper_id
            self.refresh_viewer()

    @on(PaperTable.HeaderClicked)
    def _header_clicked(self, event: PaperTable.HeaderClicked) -> None:
        """Sort by the clicked column."""
        self.action_sort(event.sort_key)

    @on(SectionTabs.ViewSelected)
    def _view_selected(self, event: SectionTabs.ViewSelected) -> None:
        """A tab was clicked."""
        self.show_view(event.key)

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        """Narrow the results with every keystroke."""
        self.query_text = event.value
        self.refresh_results()
        self.refresh_viewer(keep_scroll=True)

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        """Enter: remember the query and go to the table."""
        self.remember_query()
        self.query_one(PaperTable).focus()

    @on(SearchBar.Cleared)
    def _query_cleared(self) -> None:
        """Esc in the search box: back to the table."""
        self.remember_query()
        self.query_one(PaperTable).focus()

    def remember_query(self) -> None:
        """Add the current query to the saved history."""
        bar = self.query_one(SearchBar)
        if bar.remember(self.query_text):
            self.store.set_setting(K_HIST, bar.history)

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """Every notice is shown without terminal controls (it may quote file names, data)."""
        super().notify(clean_multiline(message), title=clean(title), **options)

    def watch_theme(self, theme: str) -> None:
        """Remember the theme across runs."""
        if getattr(self, "store", None) is not None and self.is_running:
            self.store.set_setting(K_THEME, theme)


def create_app(store: Store, **options: Any) -> PaperDeckApp:
    """The app for a store (the CLI calls create_app(store).run())."""
    return PaperDeckApp(store, **options)
