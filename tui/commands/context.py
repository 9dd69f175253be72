"""What every subcommand gets: the parsed arguments, consoles and a lazily opened store."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.paths import default_home
from store.text import clean_output

if TYPE_CHECKING:
    from rich.console import Console

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
    _store: Store | None = None
    _out: Console | None = None
    _err: Console | None = None

    @property
    def out(self) -> Console:
        """Rich console on stdout, made on first use (Rich is slow to import)."""
        if self._out is None:
            from rich.console import Console

            self._out = Console(highlight=False)
        return self._out

    @property
    def err(self) -> Console:
        """Rich console on stderr, made on first use."""
        if self._err is None:
            from rich.console import Console

            self._err = Console(stderr=True, highlight=False)
        return self._err

    @property
    def tty(self) -> bool:
        """True when stdout is a terminal (Rich output); False when piped (plain text)."""
        return sys.stdout.isatty()

    @property
    def home(self) -> Path:
        """The user's data directory: --home, else $PAPERDECK_HOME, else platformdirs."""
        home = getattr(self.args, "home", None)
        return Path(home).expanduser() if home else default_home()

    @property
    def store(self) -> Store:
        """The store, opened on first use."""
        if self._store is None:
            from store.repository import Store

            library = getattr(self.args, "library", None)
            command = getattr(self.args, "command", None)
            if library and command != "import" and not os.path.lexists(Path(library).expanduser()):
                raise CommandError(f"{library}: no such library file (import into it first)")
            self._store = Store(self.home, Path(library).expanduser() if library else None)
        return self._store

    def find_id(self, ref: str) -> str | None:
        """The paper id a reference names, warning when none: the rows cache first (fast)."""
        ref = ref.strip()
        if self.store.index_is_fresh():  # the search index answers without the whole library
            found = self.store.resolve(ref)
            if found is None:
                self.warn(f"no paper {ref!r} (try `paperdeck search`)")
            return found.id if found else None
        ids = [row.id for row in self.store.rows()]
        exact = [i for i in ids if i == ref]
        prefixed = exact or [i for i in ids if ref and i.startswith(ref)]
        if len(prefixed) == 1:
            return prefixed[0]
        paper = self.store.resolve(ref)
        if paper is None:
            self.warn(f"no paper {ref!r} (try `paperdeck search`)")
        return paper.id if paper else None

    def write(self, text: str) -> None:
        """Write plain text to stdout, never interpreted as markup nor as terminal control."""
        text = clean_output(text)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    def warn(self, text: str) -> None:
        """One plain line on stderr."""
        sys.stderr.write(f"paperdeck: {clean_output(text)}\n")


def no_color() -> bool:
    """True when the NO_COLOR convention asks for no colour."""
    return bool(os.environ.get("NO_COLOR"))
