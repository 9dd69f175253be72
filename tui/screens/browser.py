"""The browser screen: tabs, search box, status, table and viewer, and the keys that drive them."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from store.query import parse_query
from tui import collector, paper_keys
from tui.keys import BROWSER_BINDINGS
from tui.screens import browser_paint, inbox_pane, library_sync, screen_size
from tui.screens.browser_text import missing_page_text
from tui.screens.key_router import KeyRouter
from tui.state import K_HIST, BrowserState
from tui.widgets.footer import PaperFooter
from tui.widgets.inbox import InboxView
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer
from tui.widgets.search_bar import SearchBar
from tui.widgets.section_tabs import SectionTabs

WIDE = 120


class BrowserScreen(Screen[None]):
    """Browse a library: tabs in nav order, search-as-you-type, a table and a paper viewer.

    Keys reach `route_input` (called by the app, in arrival order) before any focus change
    is pending: after `/` every key goes into the search box at once, whatever is queued.
    """

    BINDINGS: ClassVar[list[BindingType]] = BROWSER_BINDINGS
    AUTO_FOCUS = "PaperTable"  # focused as the screen composes: no focus moved (restyled) later
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"), (WIDE, "-wide")]

    full: reactive[bool] = reactive(False, init=False)

    class LibraryLoaded(Message):
        """The search index is fresh: every search from now on is exact."""

    def __init__(self, state: BrowserState, *, load_in_background: bool = True,
                 watch_interval: float = 1.0) -> None:
        """A screen over state; a missing or stale index is rebuilt in a worker (or, without
        load_in_background, before the first paint)."""
        super().__init__()
        self.state = state
        self.load_in_background = load_in_background
        self.watch_interval = watch_interval
        self.searching = False
        self.router = KeyRouter(self)
        self.reload_lock = asyncio.Lock()
        self.focus_before_full: Widget | None = None
        self.laid_out: Size | None = None  # the size the screen was last laid out at

    # -- layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Tabs, search, status, table + viewer, footer."""
        yield SectionTabs(self.state.groups, self.state.view_key, id="tabs")
        yield SearchBar(self.state.store.setting(K_HIST, []) or [], id="search")
        yield Static(id="status")
        with Container(id="main"):
            if self.state.inbox is not None:
                yield InboxView(self.state.inbox, id="inbox")
            yield PaperTable(id="table")
            yield Static(id="missing")
            yield PaperViewer(id="viewer")
        yield PaperFooter()

    async def on_mount(self) -> None:
        """Paint the first rows from the index (rebuilt first if needed), then take early keys."""
        self.set_focus(self.query_one(PaperTable))
        collector.freeze_start_up(self)
        library_sync.start_indexing(self)
        self.show_view(self.state.view_key)
        if self.watch_interval > 0:
            self.set_interval(self.watch_interval, self.check_disk)
        await self.router.replay()

    def on_unmount(self) -> None:
        """What start-up froze can be collected again."""
        collector.thaw()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Breakpoint class set before Textual's layout at this size."""
        screen_size.resumed(self, event)

    def on_resize(self, event: events.Resize) -> None:
        """A Resize to the size already laid out changes nothing."""
        screen_size.resized(self, event)

    # -- keys ---------------------------------------------------------------------------
    @property
    def bar(self) -> SearchBar:
        """The search box."""
        return self.query_one(SearchBar)

    async def route_input(self, event: events.Key | events.Paste) -> bool:
        """Handle a key or paste now, in arrival order; False lets Textual deliver it."""
        return await self.router.route(event)

    def remember_query(self, query: str) -> None:
        """Add a query to the saved search history."""
        if self.bar.remember(query):
            self.state.store.set_setting(K_HIST, self.bar.history)

    # -- loading and watching -------------------------------------------------------------
    async def check_disk(self) -> None:
        """Adopt what other processes wrote (called every watch_interval seconds)."""
        await library_sync.check_disk(self)

    async def reload_library(self) -> None:
        """Re-read tabs and annotations and re-query after the library changed."""
        await library_sync.reload_library(self)

    # -- painting -----------------------------------------------------------------------
    def show_view(self, key: str) -> None:
        """Switch to the tab keyed key, restoring its cursor."""
        state = self.state
        state.set_view(key, self.query_one(PaperTable).cursor)
        self.query_one(SectionTabs).select(state.view_key)
        view = state.view(state.view_key)
        missing = view is not None and not view.imported
        if missing and view is not None:
            self.query_one("#missing", Static).update(missing_page_text(view))
        self.set_class(missing, "missing-page")
        self.refresh_results(state.cursors.get(state.view_key) or "",
                             state.cursor_rows.get(state.view_key))
        inbox_pane.show(self)

    def focus_list(self) -> None:
        """Focus the list of the current tab: the inbox on New, else the table."""
        inbox = inbox_pane.view(self) if self.state.in_inbox else None
        self.set_focus(inbox.options if inbox is not None else self.query_one(PaperTable))

    def refresh_results(self, cursor_id: str | None = None, near: int | None = None) -> None:
        """Ask the index for the table's rows from tab, scope, query and sort."""
        browser_paint.results(self, cursor_id, near)

    def set_status_note(self, note: str) -> None:
        """A short progress note in the status line (e.g. an import running)."""
        self.state.status_note = note
        browser_paint.status(self)

    def refresh_viewer(self, keep_scroll: bool = False) -> None:
        """Show the highlighted paper in the viewer."""
        browser_paint.viewer(self, keep_scroll)

    def after_mark(self) -> None:
        """Repaint the flags, the viewer and (for is:/tag: queries) the results."""
        if parse_query(self.state.query).uses_marks:  # else the rows stay where they are
            self.refresh_results()
        self.query_one(PaperTable).refresh()
        self.refresh_viewer(keep_scroll=True)

    def watch_full(self, full: bool) -> None:
        """Viewer full screen; leaving it gives focus back to where it was."""
        browser_paint.full_viewer(self, full)

    # -- widget messages ------------------------------------------------------------------
    @on(PaperTable.CursorMoved)
    def _cursor_moved(self, event: PaperTable.CursorMoved) -> None:
        """Follow the table's cursor in the viewer (the inbox's, on New): where it is now, not
        where the message says it was (a search meanwhile moved it, and was followed)."""
        self.sync_cursor()

    def follow_cursor(self, paper_id: str | None) -> None:
        """Make paper_id the current paper (unless on New) and show it."""
        if paper_id != self.state.current_id and not self.state.in_inbox:
            self.state.current_id = paper_id
            if paper_id is not None:
                self.state.cursors[self.state.view_key] = paper_id
            self.refresh_viewer()

    def sync_cursor(self) -> None:
        """Take the table's cursor now: a key in the same burst as a move (`jjr`) acts on the
        row the moves reached, not on the one whose CursorMoved message is still queued."""
        self.follow_cursor(self.query_one(PaperTable).current_id)

    @on(OptionList.OptionHighlighted, "#inbox-list")
    def _inbox_moved(self) -> None:
        """Follow the inbox's cursor in the viewer."""
        inbox_pane.follow(self)

    @on(InboxView.Changed)
    def _inbox_changed(self) -> None:
        """The inbox changed marks: repaint flags and viewer."""
        inbox_pane.changed(self)

    @on(InboxView.Opened)
    def _inbox_opened(self, event: InboxView.Opened) -> None:
        """Enter on an inbox paper opens or shuts its abstract."""
        self.state.current_id = event.paper_id
        self.action_toggle_abstract()

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
        """The box changed (a routed key narrowed already; history, clear): narrow, when the
        box has not moved past this value already (keys of a burst)."""
        if event.value == self.bar.value:
            self.router.narrow()

    def query_changed(self) -> None:
        """Narrow the results to the box's value (see browser_paint.narrow)."""
        browser_paint.narrow(self)

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        """Enter reached the box some other way: leave it too."""
        self.router.end_search(clear=False)

    # -- actions ------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        """Focus the search box (the / key is routed before bindings: see route_input)."""
        self.router.start_search()

    def action_escape(self) -> None:
        """Leave full screen, clear the search, back to the table."""
        self.full = False
        if self.bar.value:
            self.remember_query(self.bar.value)
            self.bar.clear()
        self.focus_list()

    def action_toggle_abstract(self) -> None:
        """Open or shut the highlighted paper's abstract."""
        self.sync_cursor()
        if self.state.current_id:
            self.state.toggle_abstract(self.state.current_id)
            self.refresh_viewer(keep_scroll=True)

    def action_toggle_all_abstracts(self) -> None:
        """Open or shut every abstract; remembered across runs."""
        self.state.toggle_all_abstracts()
        self.refresh_viewer(keep_scroll=True)
        self.notify("All abstracts shown." if self.state.abstracts_all
                    else "All abstracts hidden.")

    def action_sort(self, key: str) -> None:
        """Sort by key; the same key again reverses."""
        self.state.sort_by(key)
        self.refresh_results()

    def action_toggle_scope(self) -> None:
        """Search within the current tab or within all papers."""
        self.state.scope_all = not self.state.scope_all
        self.refresh_results()

    def action_next_tab(self, step: int) -> None:
        """Go to the next (or previous) tab in nav order."""
        self.show_view(self.state.step_view(step))

    def action_focus_viewer(self) -> None:
        """Focus the viewer (or, from the viewer, the table)."""
        viewer = self.query_one(PaperViewer)
        if self.focused is viewer:
            self.focus_list()
        else:
            self.set_focus(viewer)

    def action_toggle_full(self) -> None:
        """Show the viewer full screen, or back beside/under the table."""
        self.full = not self.full

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_do(self, name: str, *args: object) -> None:
        """Run a paper or palette action by name (the table is in tui/paper_keys.py)."""
        self.sync_cursor()
        await paper_keys.run(self, name, *args)
