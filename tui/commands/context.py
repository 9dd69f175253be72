"""What every subcommand gets: the parsed arguments, consoles and a lazily opened store."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from store.paths import default_home
from store.repository import Store

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A user's mistake: printed as one line, exit code 2."""


@dataclass
class Context:
    """Arguments, output consoles and the store for one command run."""

    args: argparse.Namespace
    out: Console = field(default_factory=lambda: Console(highlight=False))
    err: Console = field(default_factory=lambda: Console(stderr=True, highlight=False))
    _store: Store | None = None

    @property
    def tty(self) -> bool:
        """True when stdout is a terminal (Rich output); False when piped (plain text)."""
        return self.out.is_terminal

    @property
    def home(self) -> Path:
        """The user's data directory: --home, else $PAPERDECK_HOME, else platformdirs."""
        home = getattr(self.args, "home", None)
        return Path(home).expanduser() if home else default_home()

    @property
    def store(self) -> Store:
        """The store, opened on first use."""
        if self._store is None:
            library = getattr(self.args, "library", None)
            self._store = Store(self.home, Path(library).expanduser() if library else None)
        return self._store

    def write(self, text: str) -> None:
        """Write plain text to stdout, never interpreted as markup."""
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    def warn(self, text: str) -> None:
        """One plain line on stderr."""
        sys.stderr.write(f"paperdeck: {text}\n")


def no_color() -> bool:
    """True when the NO_COLOR convention asks for no colour."""
    return bool(os.environ.get("NO_COLOR"))
