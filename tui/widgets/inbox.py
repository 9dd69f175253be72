"""The "New" tab: papers that arrived since the user last looked, with one-key triage."""

from __future__ import annotations

import contextlib
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.daily.inbox import InboxItem, InboxState
from tui.widgets.inbox_rows import Fit, Prompts, Row

FIRST_ROWS = 120  # rows made first, before the rest of a big day (more than a screen holds)


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
        self._prompts = Prompts()
        self._fit = Fit()  # shared with the worker, which sizes the rows it builds
        self._partial = False  # only the first rows are made yet

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
            if self._partial and not self._prompts.has(items[0]):
                break  # the rest of the rows are still being made in the worker
            heading = Content.assemble((f"{day or 'undated'}  ({len(items)})", "bold"))
            prompts.append(Option(heading, disabled=True))
            for item in items:
                if self._partial and not self._prompts.has(item):
                    break
                key = f"p{len(prompts)}"
                self._rows[key] = item
                note = notes.get(item.paper.id)
                first = len(prompts) if first is None else first
                prompts.append(Option(self._prompts.get(item, bool(note and note.starred)),
                                      id=key))
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
        """Worker thread: build the items and their rows (store reads, no widget), and hand
        them over: the first screens' rows at once, the rest when they are made."""
        built = self.state.build()
        notes = self.state.store.annotations()

        def starred(pid: str) -> bool:
            return pid in notes and notes[pid].starred

        items = built[1]
        head = Prompts.build(items[:FIRST_ROWS], starred, self._fit)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self._adopt, built, head, keep, len(items) > FIRST_ROWS)
            if len(items) > FIRST_ROWS:
                rest = Prompts.build(items[FIRST_ROWS:], starred, self._fit)
                self.app.call_from_thread(self._extend, built[0], rest)

    def _adopt(self, built: tuple[int, list[InboxItem]], prompts: dict[str, Row],
               keep: int | None, partial: bool) -> None:
        """Main thread: show the built items unless the arrivals were re-read meanwhile."""
        if self.state.adopt(*built) and self.is_mounted:
            self._prompts.adopt(prompts)
            self._partial = partial
            self.refresh_items(keep)

    def _extend(self, generation: int, prompts: dict[str, Row]) -> None:
        """Main thread: the rest of the rows are made; list them all."""
        if generation == self.state.generation and self.is_mounted:
            self._prompts.update(prompts)
            self._partial = False
            self.refresh_items(self.options.highlighted)

    def on_resize(self) -> None:
        """Remember the list's text width, so rows built in a worker come sized for it."""
        options = self.options
        padding = options.get_component_styles("option-list--option").padding
        self._fit.rules = {key: options.styles.get(key, default) for key, default in (
            ("line_pad", 0), ("text_overflow", "fold"), ("text_wrap", "wrap"))}
        self._fit.width = options.scrollable_content_region.width - padding.width

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
