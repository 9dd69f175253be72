"""The browser's New tab: the inbox list in place of the table, the viewer following it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.widgets.inbox import InboxView
from tui.widgets.paper_table import PaperTable

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

MODE = "inbox-mode"  # the screen class that swaps the table (and its status) for the inbox


def view(screen: BrowserScreen) -> InboxView | None:
    """The mounted inbox widget, if any."""
    found = screen.query(InboxView)
    return found.first() if found else None


def ensure(screen: BrowserScreen) -> InboxView | None:
    """The inbox widget, mounted (first in the main area) when the state has an inbox."""
    inbox = screen.state.inbox
    widget = view(screen)
    if inbox is None or (widget is not None and widget.state is inbox):
        return widget
    if widget is not None:
        widget.remove()
    widget = InboxView(inbox, id="inbox")
    screen.query_one("#main").mount(widget, before=0)
    return widget


def show(screen: BrowserScreen) -> None:
    """Show the inbox when the New tab is current, else the table; focus follows."""
    on = screen.state.in_inbox
    widget = ensure(screen) if on else view(screen)
    screen.set_class(on and widget is not None, MODE)
    if on and widget is not None:
        screen.set_focus(widget.options)
        follow(screen)
    elif widget is not None and screen.focused is not None and widget in screen.focused.ancestors:
        screen.set_focus(screen.query_one(PaperTable))


def follow(screen: BrowserScreen) -> None:
    """The viewer shows the highlighted inbox paper."""
    widget = view(screen)
    if widget is None or not screen.state.in_inbox:
        return
    item = widget.current()
    pid = item.paper.id if item is not None else None
    if pid != screen.state.current_id:
        screen.state.current_id = pid
        screen.refresh_viewer()


def changed(screen: BrowserScreen) -> None:
    """Marks changed in the inbox: the table, the viewer and the search index learn them."""
    screen.state.reread_annotations()
    screen.query_one(PaperTable).refresh()
    follow(screen)
    screen.refresh_viewer(keep_scroll=True)


def reloaded(screen: BrowserScreen) -> None:
    """The library was re-read (an update, an undo): redraw the inbox from its state."""
    widget = ensure(screen)
    if widget is not None and widget.is_mounted:
        widget.refresh_items(widget.options.highlighted)
    show(screen)



def check_disk(screen: BrowserScreen) -> None:
    """Adopt what another process wrote to inbox.json or follows.json (called by the
    browser's watcher): seen marks from `paperdeck new --mark-seen` or a second app."""
    widget = view(screen)
    if widget is not None and widget.is_mounted:
        widget.check_disk()
