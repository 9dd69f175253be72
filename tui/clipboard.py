"""Copying text to the user's clipboard over the terminal (OSC 52)."""

from __future__ import annotations

from typing import Protocol

from tui.safe import clean_multiline


class _Copier(Protocol):
    """Anything with Textual's copy_to_clipboard (the App)."""

    def copy_to_clipboard(self, text: str) -> None:
        """Copy text."""
        ...


def copy(app: _Copier, value: str) -> str:
    """Copy value via the app's OSC 52 writer; return the text actually copied."""
    cleaned = clean_multiline(value)
    app.copy_to_clipboard(cleaned)
    return cleaned


def preview(value: str, width: int = 60) -> str:
    """A one-line preview of copied text for a toast."""
    line = " ".join(clean_multiline(value).split())
    return line if len(line) <= width else line[: width - 1] + "…"
