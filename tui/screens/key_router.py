"""Where each key and paste goes, decided in arrival order, before any focus change is due.

Textual moves focus after the current message, so keys already queued would reach the old
focus: `/cat` typed in one write would run `c`, `a` and `t` as commands. The app hands every
key and paste to `KeyRouter.route` first; after `/` they go straight into the search box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

Input = events.Key | events.Paste


class KeyRouter:
    """Routes the browser screen's keys: search mode, and keys that came before the first paint."""

    def __init__(self, screen: BrowserScreen) -> None:
        """A router for screen; keys are held until the screen is up (see replay)."""
        self.screen = screen
        self.early: list[Input] | None = []

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
        """Route one key once the screen is up."""
        screen = self.screen
        bar = screen.bar
        screen.searching = screen.focused is bar  # a click may have moved focus meanwhile
        if isinstance(event, events.Paste):
            if screen.searching:
                bar.type_text(event.text)
                self.narrow()
                return True
            return False
        if not screen.searching:
            if event.key == "slash":
                screen.start_search()
                return True
            return False
        if event.key in ("enter", "ctrl+j", "escape"):  # ctrl+j: an Enter typed before the
            screen.end_search(clear=event.key == "escape")  # tty was raw arrives as a newline
            return True
        if event.key in ("tab", "shift+tab"):
            screen.end_search(clear=False)
            return False
        fed = await bar.feed(event)
        if fed:
            self.narrow()
        return fed

    def narrow(self) -> None:
        """Search for the box's new value now, with the key (then the next frame paints box,
        rows and viewer at once), unless more input is already queued: a burst of keys is
        searched once, for its last key (Input.Changed narrows too, whatever happens)."""
        if self.screen.app.message_queue_size == 0:
            self.screen.query_changed()
