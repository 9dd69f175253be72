"""The `paperdeck` subcommands, one module each, imported only when that command runs.

`SPECS` names every command, its module and its one-line help, so that `paperdeck --help`
and `paperdeck search ...` import no other command's module (and none of their libraries).
"""

from __future__ import annotations

import importlib
from types import ModuleType


class CommandSpec:
    """One subcommand: its name on the command line, its module and its one-line help (a plain
    class: a NamedTuple would import typing and build a class for every `paperdeck` run)."""

    __slots__ = ("name", "module", "help")

    def __init__(self, name: str, module: str, help: str) -> None:
        """Keep the three."""
        self.name, self.module, self.help = name, module, help

    def __repr__(self) -> str:
        """CommandSpec('search', 'search', '...')."""
        return f"CommandSpec({self.name!r}, {self.module!r}, {self.help!r})"


SPECS: tuple[CommandSpec, ...] = (
    CommandSpec("demo", "demo", "open the TUI on a throwaway copy of the bundled demo library"),
    CommandSpec("import", "import_cmd", "import listings: files, directories (a site root or "
                "_pages/), - for stdin, arxiv:ID, doi:10.…, URL"),
    CommandSpec("search", "search", "search the library with the TUI's query language"),
    CommandSpec("show", "show", "show one paper (by id, id prefix, arXiv id or DOI)"),
    CommandSpec("export", "export", "export papers (all, or those matching QUERY) as json, "
                "bibtex, markdown, csljson or ris"),
    CommandSpec("mark", "mark", "mark a paper read/unread, star it, tag it or attach a note"),
    CommandSpec("stats", "stats", "show library and annotation counts"),
    CommandSpec("sections", "sections", "list collections and their sections (tabs) in nav order"),
    CommandSpec("rename", "rename", "rename a collection (by id, title or a unique start of "
                "either); '' restores its name"),
    CommandSpec("enrich", "enrich", "fill missing titles/authors of arXiv listing entries, and a "
                "missing DOI or published venue of preprints, from the arXiv API"),
    CommandSpec("follow", "follow", "follow arXiv categories (cs.CV), authors (--author) or "
                "keywords (--keyword)"),
    CommandSpec("follows", "follows", "list followed categories, authors and keywords"),
    CommandSpec("unfollow", "unfollow", "stop following a category, author or keyword"),
    CommandSpec("update", "update", "fetch new papers of followed arXiv categories and authors; "
                "re-read file sources"),
    CommandSpec("new", "new", "list papers that arrived since you last looked (watched authors "
                "and keywords first)"),
    CommandSpec("digest", "digest", "write a digest of recent arrivals (markdown or text), e.g. "
                "for cron and e-mail"),
    CommandSpec("rekey", "rekey", "recompute cite keys of papers (ID, cite key or QUERY) from the "
                "key pattern"),
    CommandSpec("bib", "bib", "write the BibTeX entries a LaTeX file cites (\\cite, \\citep, "
                "\\nocite, …) to a .bib"),
    CommandSpec("cite", "cite", "print formatted references (apa, ieee, acm, chicago, nature or "
                "a .csl file)"),
    CommandSpec("edit", "edit", "edit a paper's record as YAML in $EDITOR (your values win over "
                "later imports)"),
    CommandSpec("note", "note", "print a paper's note, or edit it in $EDITOR with --edit"),
    CommandSpec("remove", "remove", "remove papers (ID, cite key or QUERY) or a whole source from "
                "the library (undoable)"),
    CommandSpec("undo", "undo", "revert the last change (import, removal, mark, edit, rekey); "
                "--list shows the journal"),
    CommandSpec("import-snapshot", "snapshot", "stream arXiv's metadata snapshot (JSON Lines) "
                "into the library; resumable"),
)
BY_NAME: dict[str, CommandSpec] = {spec.name: spec for spec in SPECS}


def load(name: str) -> ModuleType:
    """The module of the command called name (imported now)."""
    return importlib.import_module(f"tui.commands.{BY_NAME[name].module}")


def __getattr__(attr: str) -> tuple[ModuleType, ...]:
    """`COMMANDS`: every command module, in help order (imports them all; for tools and tests)."""
    if attr == "COMMANDS":
        return tuple(load(spec.name) for spec in SPECS)
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
