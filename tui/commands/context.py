"""What every subcommand gets: the parsed arguments, consoles and a lazily opened store."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.paths import default_home
from store.text import clean_inline, clean_output

if TYPE_CHECKING:
    from rich.console import Console

    from store.query import Query
    from store.repository import Store

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2
MAX_CANDIDATES = 10


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
        """The paper id a reference names, warning when none; an ambiguous id prefix lists its
        candidates and is a usage error (exit 2)."""
        ref = ref.strip()
        fresh = self.store.index_is_fresh()  # the search index answers without the library
        if fresh and (found := self.store.resolve(ref)) is not None:
            return found.id
        rows = self.store.rows()
        if any(row.id == ref for row in rows):
            return ref
        prefixed = [row for row in rows if ref and row.id.startswith(ref)]
        if len(prefixed) == 1:
            return prefixed[0].id
        if not fresh and (found := self.store.resolve(ref)) is not None:
            return found.id
        if len(prefixed) > 1:
            self.warn(f"{ref!r} is the start of {len(prefixed)} paper ids; give more of one:")
            for row in prefixed[:MAX_CANDIDATES]:
                title = clean_inline(row.title)
                short = title[:60] + ("…" if len(title) > 60 else "")
                sys.stderr.write(f"  {row.id}  {row.year or '    '}  {short}\n")
            if len(prefixed) > MAX_CANDIDATES:
                sys.stderr.write(f"  … and {len(prefixed) - MAX_CANDIDATES} more\n")
            raise CommandError(f"ambiguous id prefix {ref!r}")
        self.warn(f"no paper {ref!r} (try `paperdeck search`)")
        return None

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


def checked_query(ctx: Context, text: str) -> Query:
    """The parsed query; its problems (the ones the TUI's status line shows) are a usage error."""
    from store.query import parse_query

    query = parse_query(text)
    if query.errors:
        for problem in query.errors:
            ctx.warn(f"query: {problem}")
        raise CommandError(f"bad query {text!r} (see the query language in the README)")
    return query
