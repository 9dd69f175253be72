"""Keeping the browser in step with the store: the index rebuild, other processes' writes."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from store.query import parse_query
from tui.screens import inbox_pane
from tui.widgets.paper_table import PaperTable
from tui.widgets.section_tabs import SectionTabs

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

STEP = 1000  # progress is shown every STEP papers
# The lookups are read in a thread this long after the first rows: not at once, where a
# query typed right after them would wait for the thread's hold on the interpreter.
WARM_AFTER = 1.0


def start_indexing(screen: BrowserScreen) -> None:
    """Make the index fresh: at once when it is, else rebuilt in a worker (or, without
    load_in_background, right here) while the status line shows progress."""
    state = screen.state
    screen.set_timer(WARM_AFTER, partial(warm, screen))
    if state.ready:
        screen.post_message(screen.LibraryLoaded())
        return
    state.progress = (0, 0)
    if not screen.load_in_background:
        state.build_index()
        indexed(screen)
        return
    screen.run_worker(partial(build, screen), thread=True, exclusive=True, group="index")


def warm(screen: BrowserScreen) -> None:
    """A second after the first rows: read the per-keystroke lookups ahead of typing, in a
    thread."""
    if screen.is_attached:
        screen.run_worker(screen.state.warm, thread=True, group="warm")


def build(screen: BrowserScreen) -> None:
    """Worker thread: rebuild the index, reporting progress; touches no widget."""
    app = screen.app

    def progress(done: int, total: int) -> None:
        app.call_from_thread(show_progress, screen, done, total)

    try:
        screen.state.build_index(progress)
    except Exception as exc:  # noqa: BLE001 - searches then scan the library (slow, exact)
        app.call_from_thread(failed, screen, exc)
        return
    app.call_from_thread(indexed, screen)


def show_progress(screen: BrowserScreen, done: int, total: int) -> None:
    """Indexing progress in the status line."""
    screen.state.progress = (done, total)
    screen.set_status_note(screen.state.status_note)


def failed(screen: BrowserScreen, exc: Exception) -> None:
    """The index could not be built: searches scan the library instead; say why."""
    screen.notify(f"Search index unavailable (searches will be slow): {exc}",
                  severity="error", markup=False)
    indexed(screen)


def indexed(screen: BrowserScreen) -> None:
    """The index is fresh: answer the query typed meanwhile, exactly."""
    screen.state.index_ready()
    if screen.is_mounted:
        screen.refresh_results()
        screen.refresh_viewer(keep_scroll=True)
    screen.post_message(screen.LibraryLoaded())


async def check_disk(screen: BrowserScreen) -> None:
    """Adopt what other processes wrote: imports (new rows, tabs) and marks."""
    try:
        lib, ann = screen.state.changed_on_disk()
    except OSError:
        return
    if lib:
        await reload_library(screen)
    elif ann:
        screen.state.reread_annotations()
        if screen.state.ready and parse_query(screen.state.query).uses_marks:
            screen.refresh_results()  # else the rows stay; their flags are repainted
        table = screen.query_one(PaperTable)
        table.annotations = screen.state.annotations
        table.refresh()
        screen.refresh_viewer(keep_scroll=True)
    inbox_pane.check_disk(screen)  # seen marks and follows written by other processes


async def reload_library(screen: BrowserScreen) -> None:
    """Re-read tabs and annotations and re-query the index after the library changed."""
    async with screen.reload_lock:  # the watcher and an import's end may both ask at once
        screen.state.reload()
        await screen.query(SectionTabs).remove()
        await screen.mount(SectionTabs(screen.state.groups, screen.state.view_key, id="tabs"),
                           before="#search")
        if not screen.state.ready:
            start_indexing(screen)
        screen.show_view(screen.state.view_key)
        inbox_pane.reloaded(screen)
        screen.refresh_viewer(keep_scroll=True)  # the shown paper may have changed
