"""The search box: type-to-narrow, up/down to recall earlier searches, keys applied in order."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

HISTORY_LIMIT = 50


class SearchBar(Input):
    """An Input with a search history, fed keys by its screen in the order they arrived."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Older search", show=False),
        Binding("down", "history(1)", "Newer search", show=False),
    ]
    # Input sets its virtual size (the text's width, for scrolling) on every change, and
    # Widget's reactive asks for a relayout of the whole screen each time; the box is one line
    # of a fixed size, so its scroll bounds need no layout: a typed key repaints the box alone.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)

    def __init__(self, history: list[str] | None = None, *, id: str | None = None) -> None:
        """A search box remembering history (oldest first)."""
        super().__init__(
            placeholder="/ search: words, \"phrases\", -exclude, author: year:2020..2022 …",
            id=id,
            select_on_focus=False,
        )
        self.history: list[str] = list(history or [])[-HISTORY_LIMIT:]
        self._pos = len(self.history)

    def remember(self, query: str) -> bool:
        """Add a query to the history (most recent last); True when the history changed."""
        query = query.strip()
        self._pos = len(self.history)
        if not query or (self.history and self.history[-1] == query):
            return False
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_LIMIT]
        self._pos = len(self.history)
        return True

    def action_history(self, step: int) -> None:
        """Recall an older (-1) or newer (+1) search."""
        if not self.history:
            return
        self._pos = max(0, min(self._pos + step, len(self.history)))
        self.value = self.history[self._pos] if self._pos < len(self.history) else ""
        self.cursor_position = len(self.value)

    def clear(self) -> None:
        """Empty the box and reset the history position."""
        self.value = ""
        self._pos = len(self.history)

    def type_text(self, text: str) -> None:
        """Insert typed or pasted text at the cursor now (a paste keeps its first line)."""
        lines = text.splitlines()
        if not lines:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(lines[0])
        else:
            self.replace(lines[0], *selection)

    async def feed(self, event: events.Key) -> bool:
        """Apply a key to the box now; False when it is not a key the box uses."""
        if event.is_printable and event.character:
            self.type_text(event.character)
            return True
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.action != "submit":
                await self.run_action(binding.action)
                return True
        return False
