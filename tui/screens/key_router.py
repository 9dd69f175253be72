"""Where each key and paste goes, decided in arrival order, before any focus change is due.

Textual moves focus after the current message, so keys already queued would reach the old
focus: `/cat` typed in one write would run `c`, `a` and `t` as commands. The app hands every
key and paste to `KeyRouter.route` first; after `/` they go straight into the search box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.message_pump import MessagePump

from tui.results import ALL
from tui.widgets.paper_table import PaperTable

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

Input = events.Key | events.Paste


def input_queued(app: MessagePump) -> bool:
    """Whether keys or pastes wait in the app's queue (other messages do not count: a search
    waits for typed text only). Reads Textual's and asyncio's queue internals; where they
    are not there, nothing is taken to wait (then every key searches, as before)."""
    waiting = [getattr(app, "_pending_message", None),
               *getattr(getattr(app, "_message_queue", None), "_queue", ())]
    return any(isinstance(m, (events.Key, events.Paste)) for m in waiting)


class KeyRouter:
    """Routes the browser screen's keys: search mode, and keys that came before the first paint."""

    def __init__(self, screen: BrowserScreen) -> None:
        """A router for screen; keys are held until the screen is up (see replay)."""
        self.screen = screen
        self.early: list[Input] | None = []
        self._narrow_due = False  # a narrow waits for the queued input to be handled

    async def route(self, event: Input) -> bool:
        """Handle a key or paste now, in arrival order; False lets Textual deliver it."""
        if self.early is not None:
            self.early.append(event)  # before the first paint: kept, in order
            return True
        return await self._route(event)

    async def replay(self) -> None:
        """The screen is up: handle the held keys in order, then route keys as they come."""
        while self.early:
            event = self.early.pop(0)
            if not await self._route(event):
                await self.screen.app.deliver_input(event)  # type: ignore[attr-defined]
        self.early = None

    async def _route(self, event: Input) -> bool:
        """Route one key once the screen is up; a key that is not text for the box acts
        after the search the keys before it asked for (a deferred one is run first)."""
        fed = await self._route_text(event)
        if fed:
            self.narrow()
        elif self._narrow_due:
            self._narrow_due = False
            self.screen.query_changed()
        return fed or await self._route_other(event)

    async def _route_text(self, event: Input) -> bool:
        """Put a typed key or a paste into the box if search mode takes it."""
        screen = self.screen
        bar = screen.bar
        screen.searching = screen.focused is bar  # a click may have moved focus meanwhile
        if not screen.searching:
            return False
        if isinstance(event, events.Paste):
            bar.type_text(event.text)
            return True
        if event.key in ("enter", "ctrl+j", "escape", "tab", "shift+tab"):
            return False
        return await bar.feed(event)

    async def _route_other(self, event: Input) -> bool:
        """Route a key the box did not take: `/`, leaving search mode, or not handled."""
        screen = self.screen
        if isinstance(event, events.Paste):
            return False
        if not screen.searching:
            if event.key == "slash":
                self.start_search()
                return True
            return False
        if event.key in ("enter", "ctrl+j", "escape"):  # ctrl+j: an Enter typed before the
            self.end_search(clear=event.key == "escape")  # tty was raw arrives as a newline
            return True
        if event.key in ("tab", "shift+tab"):
            self.end_search(clear=False)
        return False

    def start_search(self) -> None:
        """Search mode: the box has focus from this very key on (from New: over all papers)."""
        screen = self.screen
        if screen.state.in_inbox:
            screen.show_view(ALL)
        screen.searching = True
        screen.full = False
        screen.set_focus(screen.bar)
        screen.bar.cursor_position = len(screen.bar.value)

    def end_search(self, *, clear: bool) -> None:
        """Leave the box (Enter keeps the query, Esc clears it); both remember it."""
        screen = self.screen
        screen.remember_query(screen.bar.value)
        if clear:
            screen.bar.clear()
        screen.searching = False
        screen.set_focus(screen.query_one(PaperTable))

    def narrow(self) -> None:
        """Search for the box's value now, with the key (then the next frame paints box, rows
        and viewer at once), unless more input is queued already: then once the queue is
        empty, so that a burst of keys is searched once, for its last key."""
        if not input_queued(self.screen.app):
            self._narrow_due = False
            self.screen.query_changed()
        elif not self._narrow_due:  # (a timer, not call_later: the app must run meanwhile)
            self._narrow_due = True
            self.screen.set_timer(0.001, self._narrow_later)

    def _narrow_later(self) -> None:
        """The deferred narrow: now, or again later if input is still queued."""
        self._narrow_due = False
        self.narrow()
