"""Input limits and the input error: shared by the command line and the import service."""

from __future__ import annotations

DEFAULT_MAX_SIZE = 20 * 1024 * 1024


class InputError(Exception):
    """A user's input that cannot be read: one line, naming the file."""
