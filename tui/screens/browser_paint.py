"""Painting the browser from its state: the table's result source, the status, the viewer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from store.query.highlight import highlight
from tui.screens.browser_text import empty_lines, status_text
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer, render_paper

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen


def results(screen: BrowserScreen, cursor_id: str | None = None,
            near: int | None = None) -> None:
    """Ask the index for the current results; the cursor stays on cursor_id (default: the
    highlighted paper) when it is on the first pages or near row near, else goes to the top."""
    state, table = screen.state, screen.query_one(PaperTable)
    if cursor_id is None:
        cursor_id, near = table.current_id, table.cursor
    source = state.results()
    table.sort_key, table.sort_reverse = state.sort_key, state.sort_reverse
    table.set_empty_lines(empty_lines(state, source))
    table.set_data(source, state.annotations, cursor=source.index_of(cursor_id, near))
    status(screen)
    if not source and not state.in_inbox:  # on New, the inbox holds the cursor
        state.current_id = None
        viewer(screen)


def narrow(screen: BrowserScreen) -> None:
    """Narrow the results to the box's value (once per distinct value; the key router calls it
    with the key, so that the next frame paints box, rows and viewer at once); a typed query
    puts the cursor on the best match, a cleared one keeps the paper it was on."""
    value = screen.bar.value
    if value != screen.state.query:
        screen.state.query = value
        shown = screen.state.current_id
        results(screen, "" if value.strip() else None)
        screen.sync_cursor()  # the viewer follows the new top row now, painted once
        if screen.state.current_id == shown:  # same paper: its highlights changed
            viewer(screen, keep_scroll=True)


def status(screen: BrowserScreen) -> None:
    """Repaint the status line (counts, sort, indexing progress, notes)."""
    # one line high and as wide as the screen: a new text never changes its size (no layout)
    screen.query_one("#status", Static).update(
        status_text(screen.state, screen.state.source), layout=False)


def viewer(screen: BrowserScreen, keep_scroll: bool = False) -> None:
    """Show the highlighted paper in the viewer, the query's words highlighted."""
    state = screen.state
    pid = state.current_id
    query = state.query
    spans = (lambda text: highlight(text, query)) if query.strip() else None
    content = render_paper(
        state.paper(pid), state.row(pid), state.annotations.get(pid or ""),
        abstract_open=bool(pid) and state.abstract_open(pid or ""),
        spans=spans, section_labels=state.labels(),
    )
    screen.query_one(PaperViewer).show(content, keep_scroll=keep_scroll)


def full_viewer(screen: BrowserScreen, full: bool) -> None:
    """The viewer full screen, or back beside the table with focus where it was before."""
    table, viewer = screen.query_one(PaperTable), screen.query_one(PaperViewer)
    if full:
        screen.focus_before_full = screen.focused
        screen.add_class("viewer-full")
        screen.set_focus(viewer)
    else:
        screen.remove_class("viewer-full")
        back = screen.focus_before_full
        screen.set_focus(back if back is not None and back.is_attached else table)
        screen.focus_before_full = None
