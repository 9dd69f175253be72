"""The "New" tab: papers that arrived since the user last looked, with one-key triage."""

from __future__ import annotations

import contextlib
from functools import partial

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
SEP = " · "
INDENT = "    "  # under the title, past the watched and starred marks


def item_text(item: InboxItem, starred: bool) -> Text:
    """One row as Text (imported strings never become markup): the title line, its fields
    apart (" · ", so a wrapped row never runs them together), why on its own indented line."""
    paper = item.paper
    row = Text()
    row.append("★ " if item.watched else "  ", style=WATCHED_STYLE)
    row.append("* " if starred else "  ", style="bold")
    row.append(clean_inline(paper.display_title), style=WATCHED_STYLE if item.watched else "")
    row.append(f" — {clean_inline(paper.first_author)}", style="green")
    fields = [(clean_inline(paper.category), "dim"), ("[cross-list]" if item.cross_list else "",
              TAG_STYLE), ("[replaced]" if item.kind == "replaced" else "", TAG_STYLE)]
    for text, style in fields:
        if text:
            row.append(SEP, style="dim")
            row.append(text, style=style)
    if item.reasons:
        row.append("\n" + INDENT)
        row.append(clean_inline("; ".join(item.reasons)), style="yellow")
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
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    class Changed(Message):
        """The user starred, read, skipped or marked all seen (marks changed)."""

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
        """Rebuild the list from the state; the cursor stays near where it was. Items not
        built yet are built in a worker first (the list says so meanwhile)."""
        if not self.state.loaded:
            self._load(keep)
            return
        options = self.options
        notes = self.state.store.annotations() if hasattr(self.state.store, "annotations") else {}
        self._rows = {}
        prompts: list[Option] = []
        first: int | None = None
        for day, items in self.state.groups():
            prompts.append(Option(Text(f"{day or 'undated'}  ({len(items)})", style="bold"),
                                  disabled=True))
            for item in items:
                key = f"p{len(prompts)}"
                self._rows[key] = item
                note = notes.get(item.paper.id)
                first = len(prompts) if first is None else first
                prompts.append(Option(item_text(item, bool(note and note.starred)), id=key))
        options.clear_options()
        options.add_options(prompts)
        self._status()
        if first is not None:
            last = len(prompts) - 1
            wanted = first if keep is None else max(first, min(keep, last))
            target = options.get_option_at_index(wanted)
            options.highlighted = wanted if not target.disabled else min(wanted + 1, last)

    def _load(self, keep: int | None) -> None:
        """Build the items in a thread worker; the list fills when they are adopted."""
        self.options.clear_options()
        self._rows = {}
        count = self.state.unseen()
        self.query_one("#inbox-status", Static).update(
            Text(f"Reading {count} new arrivals…" if count else "Reading the inbox…"))
        self.run_worker(partial(self._build, keep), thread=True, exclusive=True, group="inbox")

    def _build(self, keep: int | None) -> None:
        """Worker thread: build the items (store reads only), then hand them over."""
        built = self.state.build()
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self._adopt, built, keep)

    def _adopt(self, built: tuple[int, list[InboxItem]], keep: int | None) -> None:
        """Main thread: show the built items unless the arrivals were re-read meanwhile."""
        if self.state.adopt(*built) and self.is_mounted:
            self.refresh_items(keep)

    def reload(self) -> None:
        """Re-read arrivals and follows (after an update) and redraw."""
        self.state.reload()
        self.refresh_items()

    def check_disk(self) -> None:
        """Adopt what another process wrote to inbox.json or follows.json (seen marks, an
        update's arrivals, follows)."""
        if self.state.changed_on_disk():
            self.state.reload()
            self.refresh_items(self.options.highlighted)

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
            self.post_message(self.Changed())

    def action_read(self) -> None:
        """Mark the highlighted paper read; it leaves the list."""
        item = self.current()
        if item is not None:
            self.state.read(item)
            self.refresh_items(self.options.highlighted)
            self.post_message(self.Changed())

    def action_skip(self) -> None:
        """Skip the highlighted paper (seen, not read)."""
        item = self.current()
        if item is not None:
            self.state.skip(item)
            self.refresh_items(self.options.highlighted)
            self.post_message(self.Changed())

    def action_toggle_extras(self) -> None:
        """Show or hide cross-lists and replacements."""
        self.state.toggle_extras()
        self.refresh_items()

    def action_mark_all_seen(self) -> None:
        """Everything listed is seen: the tab is empty until the next update."""
        if not self.state.loaded:
            self.notify("Still reading the arrivals: nothing marked.", timeout=2)
            return
        count = self.state.mark_all_seen()
        self.refresh_items()
        self.notify(f"{count} marked seen", timeout=2)
        self.post_message(self.Changed())

    def action_move(self, step: int) -> None:
        """j / k: the next or previous paper."""
        if step > 0:
            self.options.action_cursor_down()
        else:
            self.options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a paper: tell the app which one."""
        item = self._rows.get(event.option.id or "")
        if item is not None:
            self.post_message(self.Opened(item.paper.id))
