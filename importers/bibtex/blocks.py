"""Cutting a .bib text before bibtexparser reads it: the entry limit, oversized blocks, and
one line for each block it could not read."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from bibtexparser.model import DuplicateBlockKeyBlock

from importers.base import MAX_ENTRIES
from store.text import clean_inline


def failure_message(block: object) -> str:
    """One line saying why bibtexparser could not read a block."""
    if isinstance(block, DuplicateBlockKeyBlock):
        return f"duplicate cite key {block.key!r}; entry skipped"
    lines = [line for line in str(getattr(block, "error", "") or "").splitlines() if line.strip()]
    reason = clean_inline(lines[-1]) if lines else "syntax error"
    raw = clean_inline(str(getattr(block, "raw", "") or ""))[:40]
    return f"broken BibTeX entry skipped ({raw}…): {reason}"


_ANY_ENTRY = re.compile(r"^[ \t]*@", re.M)
MAX_ENTRY_CHARS = 256 * 1024  # no real entry (or comment between entries) comes near this


def bounded(text: str, limit: int | None = None) -> tuple[str, list[tuple[int, str]]]:
    """text with at most limit entries and no block over MAX_ENTRY_CHARS (such a block is
    blanked, keeping its line count so later lines keep their numbers); (line, message) notes
    of what was left out."""
    limit = MAX_ENTRIES if limit is None else limit
    starts = [0]
    cut: int | None = None
    for n, match in enumerate(_ANY_ENTRY.finditer(text)):
        if n == limit:
            cut = match.start()
            break
        starts.append(match.start())
    end = len(text) if cut is None else cut
    starts.append(end)
    pieces: list[str] = []
    notes: list[tuple[int, str]] = []
    line = 1
    for begin, stop in zip(starts, starts[1:], strict=False):
        piece = text[begin:stop]
        newlines = piece.count("\n")
        if len(piece) > MAX_ENTRY_CHARS:
            size = f"{len(piece) / 1024:.0f} KB"
            notes.append((line, f"block of {size} skipped: entries over 256 KB are not read"))
            piece = "\n" * newlines
        pieces.append(piece)
        line += newlines
    if cut is not None:
        notes.append((line, ""))
    return "".join(pieces), notes




# Long runs of blank lines: bibtexparser steps through every newline in Python (20 MB of them
# ran past 30 s), so a run of whitespace holding blank lines is read as one blank line. The
# pattern repeats one character class (a fast loop in C) and only matches long runs.
_BLANK_RUN = re.compile(r"\n[ \t\n]{63,}\n")


@dataclass(slots=True)
class LineMap:
    """Line numbers of a compacted text back to those of the text as given."""

    starts: list[int] = field(default_factory=list)  # compacted lines after each removed run
    removed: list[int] = field(default_factory=list)  # lines removed up to that run, in all

    def line(self, start_line: int | None) -> int:
        """The 1-based line, in the text as given, of a block's 0-based compacted start line."""
        n = start_line or 0
        i = bisect_right(self.starts, n)
        return n + 1 + (self.removed[i - 1] if i else 0)


def compact(text: str) -> tuple[str, LineMap]:
    """text with each long run of blank lines read as one blank line (a paragraph break in a
    value stays one), and the map of line numbers back to text's own."""
    lines = LineMap()
    if _BLANK_RUN.search(text) is None:
        return text, lines
    pieces: list[str] = []
    pos, line, removed = 0, 0, 0  # line: 0-based line of pos in text
    for run in _BLANK_RUN.finditer(text):
        newlines = text.count("\n", run.start(), run.end())
        if newlines < 3:  # spaces between two line ends: no blank line to take out
            continue
        pieces.append(text[pos : run.start()])
        line += text.count("\n", pos, run.start())
        pieces.append("\n\n")
        removed += newlines - 2
        lines.starts.append(line + newlines - removed)
        lines.removed.append(removed)
        line += newlines
        pos = run.end()
    pieces.append(text[pos:])
    return "".join(pieces), lines
