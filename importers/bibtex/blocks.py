"""Cutting a .bib text before bibtexparser reads it: the entry limit, oversized blocks, and
one line for each block it could not read."""

from __future__ import annotations

import re

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


