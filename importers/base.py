"""The importer contract: pure functions from text to papers, sections and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from store.models import Collection, Paper, Section


class ImporterError(Exception):
    """The only error an importer raises: input it cannot parse at all."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        """Keep the source name and line so the CLI can print one clear line."""
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        """`source:line: message`, leaving out what is unknown."""
        where = self.source
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


@dataclass(slots=True)
class ImportWarning:
    """Something skipped or doubtful in an otherwise successful import."""

    source: str
    line: int | None
    message: str

    @property
    def is_skip(self) -> bool:
        """True when the warning reports an entry or page that was left out."""
        return "skipped" in self.message.lower()

    def __str__(self) -> str:
        """`source:line: message`."""
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ImportResult:
    """Everything one importer produced from one input (or one site)."""

    papers: list[Paper] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    def extend(self, other: ImportResult) -> None:
        """Append another result's records and warnings to this one."""
        self.papers.extend(other.papers)
        self.sections.extend(other.sections)
        self.collections.extend(other.collections)
        self.warnings.extend(other.warnings)


MAX_ENTRIES = 20_000  # entries one input may give; the rest is skipped with a warning


def lines_from(text: str, pos: int) -> int:
    """How many lines of text start at or after pos (pos being a line start)."""
    return text.count("\n", pos) + (0 if text.endswith("\n") or pos >= len(text) else 1)


def too_many_entries(source: str, line: int | None, limit: int = MAX_ENTRIES,
                     skipped_lines: int = 0) -> ImportWarning:
    """The warning of an input cut at the entry limit (line: where the first skipped one is;
    skipped_lines: how many lines were left unread from there, 0 when not counted)."""
    counted = f"{skipped_lines:,} lines not read; " if skipped_lines else ""
    return ImportWarning(
        source, line, f"more than {limit} entries: stopped here and skipped the rest "
        f"({counted}split the file to import it all)"
    )


class Importer(Protocol):
    """One input format: it says how sure it is that a text is its own, and parses it."""

    name: str
    description: str

    def detect(self, text: str, filename: str = "") -> float:
        """Confidence from 0.0 (not mine) to 1.0 (certainly mine)."""
        ...

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse text into records; raise ImporterError only when nothing can be read."""
        ...
