"""Keeping the browser in step with the store: the background load, other processes' writes."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from tui.screens import inbox_pane
from tui.widgets.section_tabs import SectionTabs

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen


def start_loading(screen: BrowserScreen) -> None:
    """Load every paper and the search index in a worker (or not at all)."""
    if not screen.load_in_background:
        screen.state.load_failed()
        return
    screen.run_worker(partial(load, screen), thread=True, exclusive=True, group="load")


def load(screen: BrowserScreen) -> None:
    """Worker thread: read papers, build the index; touches no widget."""
    store, annotations = screen.state.store, dict(screen.state.annotations)
    try:
        from store.search import SearchIndex

        papers = store.papers()
        index = SearchIndex(papers, annotations)
    except Exception as exc:  # noqa: BLE001 - keep browsing with the simple filter
        screen.app.call_from_thread(failed, screen, exc)
        return
    screen.app.call_from_thread(loaded, screen, papers, index)


def failed(screen: BrowserScreen, exc: Exception) -> None:
    """The full load failed: keep the rows and the simple filter, and say why."""
    screen.state.load_failed()
    screen.notify(f"Search index unavailable: {exc}", severity="error", markup=False)
    screen.refresh_results()


def loaded(screen: BrowserScreen, papers: list[Any], index: Any) -> None:
    """Adopt the loaded papers and index; redo the search with the real index."""
    screen.state.adopt(papers, index)
    screen.state.reread_annotations()
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
        screen.refresh_results()
        screen.refresh_viewer(keep_scroll=True)
    inbox_pane.check_disk(screen)  # seen marks and follows written by other processes


async def reload_library(screen: BrowserScreen) -> None:
    """Re-read rows, tabs and annotations after the library changed."""
    async with screen.reload_lock:  # the watcher and an import's end may both ask at once
        screen.state.reload()
        await screen.query(SectionTabs).remove()
        await screen.mount(SectionTabs(screen.state.groups, screen.state.view_key, id="tabs"),
                           before="#search")
        screen.show_view(screen.state.view_key)
        inbox_pane.reloaded(screen)
        start_loading(screen)
