"""The one error the store raises: a one-line message that names the file."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A store file cannot be read or written; the message is one line and names the file."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        """Keep the offending path next to a single-line message."""
        line = " ".join(message.split())
        super().__init__(line)
        self.message = line
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        """The one-line message."""
        return self.message


class ArxivError(Exception):
    """A one-line, user-facing failure to talk to the arXiv API."""
