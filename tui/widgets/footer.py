"""The key footer, recomposed only when the keys it shows change (not at every focus move)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class PaperFooter(Footer):
    """Textual's Footer recomposes (a dozen widgets unmounted and mounted again) whenever the
    screen's bindings may have changed: three times before the first query at start, and at
    each `/`. This one skips a recompose when the keys shown are the same, and asks for one
    recompose at a time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A footer that has composed nothing yet."""
        super().__init__(*args, **kwargs)
        self._composed: tuple[Any, ...] | None = None
        self._pending = False

    def shown(self) -> tuple[Any, ...]:
        """What compose shows: each shown binding's key, label, action, group and state."""
        active = self.screen.active_bindings
        palette = self.app.COMMAND_PALETTE_BINDING if self.show_command_palette else None
        return tuple(
            (key, b.key_display, b.description, b.action, id(b.group), enabled, tooltip)
            for key, (_, b, enabled, tooltip) in active.items() if b.show or key == palette)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Recompose when the keys shown changed (one pending recompose covers many calls);
        otherwise as Textual's Footer does."""
        self._bindings_ready = True
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        if self._pending or self.shown() == self._composed:
            return
        self._pending = True
        self.call_after_refresh(self.recompose)

    def compose(self) -> Iterator[Widget]:  # type: ignore[override]
        """The keys, remembering which ones were composed."""
        self._pending = False
        self._composed = self.shown() if self._bindings_ready else None
        yield from super().compose()
