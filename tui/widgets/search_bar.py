"""The search box: type-to-narrow, Esc to clear, up/down to recall earlier searches."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

HISTORY_LIMIT = 50


class SearchBar(Input):
    """An Input with a search history."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Older search", show=False),
        Binding("down", "history(1)", "Newer search", show=False),
        Binding("escape", "clear_search", "Clear search", show=True),
    ]

    class Cleared(Message):
        """Esc was pressed: the search is cleared and focus goes back to the table."""

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

    def action_clear_search(self) -> None:
        """Clear the query and hand focus back."""
        self.value = ""
        self._pos = len(self.history)
        self.post_message(self.Cleared())
