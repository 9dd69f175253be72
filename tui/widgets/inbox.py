"""The "New" tab: papers that arrived since the user last looked, with one-key triage."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.daily.inbox import InboxItem, InboxState
from store.text import clean_inline

WATCHED_STYLE = "bold yellow"
TAG_STYLE = "italic magenta"


def item_text(item: InboxItem, starred: bool) -> Text:
    """One row as Text (imported strings never become markup)."""
    paper = item.paper
    row = Text()
    row.append("★ " if item.watched else "  ", style=WATCHED_STYLE)
    row.append("* " if starred else "  ", style="bold")
    row.append(clean_inline(paper.display_title), style=WATCHED_STYLE if item.watched else "")
    row.append(f" — {clean_inline(paper.first_author)}", style="green")
    if item.cross_list:
        row.append(" [cross-list]", style=TAG_STYLE)
    if item.kind == "replaced":
        row.append(" [replaced]", style=TAG_STYLE)
    if item.reasons:
        row.append(f"  {clean_inline('; '.join(item.reasons))}", style="yellow")
    return row


class InboxView(Vertical):
    """The inbox list, grouped by day, watched authors and keywords first and highlighted."""

    DEFAULT_CSS = """
    InboxView { height: 1fr; }
    InboxView #inbox-status { height: 1; padding: 0 1; color: $text-muted; }
    InboxView OptionList { height: 1fr; border: none; }
    """
    BINDINGS = [
        Binding("s", "star", "Star"),
        Binding("r", "read", "Read"),
        Binding("d", "skip", "Skip"),
        Binding("x", "toggle_extras", "Cross-lists/replacements"),
        Binding("M", "mark_all_seen", "All seen"),
    ]

    class Opened(Message):
        """The user pressed Enter on a paper (the app may show it in its viewer)."""

        def __init__(self, paper_id: str) -> None:
            """Carry the paper id."""
            super().__init__()
            self.paper_id = paper_id

    def __init__(self, state: InboxState, *, id: str | None = None) -> None:  # noqa: A002
        """Show state (an InboxState over the user's store)."""
        super().__init__(id=id)
        self.state = state
        self._rows: dict[str, InboxItem] = {}

    def compose(self) -> ComposeResult:
        """A status line over the list."""
        yield Static(id="inbox-status")
        yield OptionList(id="inbox-list")

    def on_mount(self) -> None:
        """Fill the list."""
        self.refresh_items()

    @property
    def options(self) -> OptionList:
        """The list widget."""
        return self.query_one("#inbox-list", OptionList)

    def refresh_items(self, keep: int | None = None) -> None:
        """Rebuild the list from the state; the cursor stays near where it was."""
        options = self.options
        options.clear_options()
        self._rows = {}
        notes = self.state.store.annotations() if hasattr(self.state.store, "annotations") else {}
        first: int | None = None
        index = 0
        for day, items in self.state.groups():
            options.add_option(Option(Text(f"{day or 'undated'}  ({len(items)})", style="bold"),
                                      disabled=True))
            index += 1
            for item in items:
                key = f"p{index}"
                self._rows[key] = item
                note = notes.get(item.paper.id)
                options.add_option(Option(item_text(item, bool(note and note.starred)), id=key))
                first = index if first is None else first
                index += 1
        self._status()
        if first is not None:
            wanted = first if keep is None else max(first, min(keep, index - 1))
            target = options.get_option_at_index(wanted)
            options.highlighted = wanted if not target.disabled else min(wanted + 1, index - 1)

    def reload(self) -> None:
        """Re-read arrivals and follows (after an update) and redraw."""
        self.state.reload()
        self.refresh_items()

    def _status(self) -> None:
        """Counts and the hidden/shown state of cross-lists and replacements."""
        shown = len(self.state.items())
        hidden = self.state.hidden_count()
        text = f"New: {shown}" if shown else "Nothing new. `paperdeck update` fetches."
        if hidden:
            text += f" · {hidden} cross-lists/replacements hidden (x shows)"
        self.query_one("#inbox-status", Static).update(Text(text))

    def current(self) -> InboxItem | None:
        """The highlighted item."""
        options = self.options
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self._rows.get(option.id or "")

    def action_star(self) -> None:
        """Star or unstar the highlighted paper (it stays in the list)."""
        item = self.current()
        if item is not None:
            starred = self.state.star(item)
            self.refresh_items(self.options.highlighted)
            self.notify("starred" if starred else "unstarred", timeout=2)

    def action_read(self) -> None:
        """Mark the highlighted paper read; it leaves the list."""
        item = self.current()
        if item is not None:
            self.state.read(item)
            self.refresh_items(self.options.highlighted)

    def action_skip(self) -> None:
        """Skip the highlighted paper (seen, not read)."""
        item = self.current()
        if item is not None:
            self.state.skip(item)
            self.refresh_items(self.options.highlighted)

    def action_toggle_extras(self) -> None:
        """Show or hide cross-lists and replacements."""
        self.state.toggle_extras()
        self.refresh_items()

    def action_mark_all_seen(self) -> None:
        """Everything listed is seen: the tab is empty until the next update."""
        count = self.state.mark_all_seen()
        self.refresh_items()
        self.notify(f"{count} marked seen", timeout=2)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a paper: tell the app which one."""
        item = self._rows.get(event.option.id or "")
        if item is not None:
            self.post_message(self.Opened(item.paper.id))
