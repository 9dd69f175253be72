"""What every subcommand gets: the parsed arguments, consoles and a lazily opened store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a lookup needs none)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from rich.console import Console

    from store.index.engine import PaperIndex
    from store.index.reader import IndexReader
    from store.models import Annotation, Paper, Row
    from store.query import Query
    from store.repository import Store

    Marks = Callable[[str], tuple[bool, bool, bool]]  # paper id -> (read, starred, noted)

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2
MAX_CANDIDATES = 10


class CommandError(Exception):
    """A user's mistake: printed as one line, exit code 2."""


class Context:
    """Arguments, output consoles and the store for one command run."""

    def __init__(self, args: argparse.Namespace) -> None:
        """Keep args; the store and the consoles are made on first use."""
        self.args = args
        self._store: Store | None = None
        self._reader: IndexReader | None = None
        self._out: Console | None = None
        self._err: Console | None = None

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
        from store.paths import default_home

        home = getattr(self.args, "home", None)
        return Path(home).expanduser() if home else default_home()

    @property
    def store_opened(self) -> bool:
        """True once the store was opened (a read-only lookup answered by the reader never
        opens it)."""
        return self._store is not None

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

    @property
    def reader(self) -> IndexReader:
        """Read-only lookups through a fresh index, without opening the store (see
        tui.commands.quick); the store answers whatever the reader cannot."""
        if self._reader is None:
            from store.index.reader import IndexReader

            library = getattr(self.args, "library", None)
            self._reader = IndexReader(self.home, Path(library).expanduser() if library else None)
        return self._reader

    def index(self) -> PaperIndex | None:
        """The store's search index, built first (with a progress line) when it is missing or
        stale; None when none can be had here (then the library answers)."""
        return self.store.search_index.open(index_progress(self))

    def find_paper(self, ref: str) -> Paper | None:
        """The paper a reference (id, unique id prefix, cite key, arXiv id, DOI) names, read
        through the index; a warning when none; an ambiguous id prefix lists its candidates
        and is a usage error (exit 2)."""
        from store.index.lookup import id_prefix

        ref = ref.strip()
        index = self.index()
        found = self.store.resolve(ref)
        if found is not None:
            return found
        if not ref:
            total, rows = 0, []
        elif index is not None:
            total, rows = id_prefix(index, ref, MAX_CANDIDATES)
        else:  # no index can be built (e.g. an unwritable home): the library answers
            rows = [row for row in self.store.rows() if row.id.startswith(ref)]
            total = len(rows)
        if total == 1:
            return self.store.get(rows[0].id)
        if total > 1:
            self._ambiguous(ref, total, rows[:MAX_CANDIDATES])
        self.warn(f"no paper {ref!r} (try `paperdeck search`)")
        return None

    def find_id(self, ref: str) -> str | None:
        """The id of the paper a reference names (see find_paper), or None."""
        paper = self.find_paper(ref)
        return None if paper is None else paper.id

    def _ambiguous(self, ref: str, total: int, rows: list[Row]) -> None:
        """List the first candidates of an ambiguous id prefix and raise a usage error."""
        from store.text import clean_inline

        self.warn(f"{ref!r} is the start of {total} paper ids; give more of one:")
        for row in rows:
            title = clean_inline(row.title)
            short = title[:60] + ("…" if len(title) > 60 else "")
            sys.stderr.write(f"  {row.id}  {row.year or '    '}  {short}\n")
        if total > len(rows):
            sys.stderr.write(f"  … and {total - len(rows)} more\n")
        raise CommandError(f"ambiguous id prefix {ref!r}")

    def write(self, text: str) -> None:
        """Write plain text to stdout, never interpreted as markup nor as terminal control."""
        from store.text import clean_output

        text = clean_output(text)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    def warn(self, text: str) -> None:
        """One plain line on stderr."""
        from store.text import clean_output

        sys.stderr.write(f"paperdeck: {clean_output(text)}\n")


def annotation_marks(annotations: Mapping[str, Annotation]) -> Marks:
    """The (read, starred, noted) lookup of the store's annotations."""

    def marks(paper_id: str) -> tuple[bool, bool, bool]:
        """One paper's flags."""
        ann = annotations.get(paper_id)
        return (False, False, False) if ann is None else (ann.read, ann.starred, bool(ann.note))

    return marks


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


def index_progress(ctx: Context) -> Callable[[int, int], None]:
    """A progress callback for an index rebuild: one line, then an updating count on a
    terminal stderr."""
    shown = [False]

    def report(done: int, total: int) -> None:
        """Show done/total."""
        if not shown[0]:
            ctx.warn(f"building the search index of {total} papers (once; kept up to date)")
            shown[0] = True
        if sys.stderr.isatty():
            end = "\n" if done >= total else ""
            sys.stderr.write(f"\r  {done}/{total}{end}")
            sys.stderr.flush()

    return report
