"""The table's columns: labels, widths for a given width, cropping by terminal cells."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from store.models import Row
from tui.safe import clean

# (key, header label): the first column holds four one-cell flags, explained in FLAG_HELP.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("flags", "C✓*✎"),
    ("title", "Title"),
    ("authors", "Authors"),
    ("venue", "Venue"),
    ("year", "Year"),
)
FLAGS = (("C", "has code"), ("✓", "read"), ("*", "starred"), ("✎", "has a note or tags"))
FLAG_HELP = "Flags: " + " · ".join(f"{sym} {what}" for sym, what in FLAGS)
SORTABLE = {"title": "title", "authors": "authors", "venue": "venue", "year": "year"}
ET_AL = " et al."


def venue_label(row: Row) -> str:
    """The venue's short form, without a trailing year the Year column already shows."""
    venue = clean(row.venue_short)
    suffix = f" {row.year}" if row.year else ""
    return venue[: -len(suffix)] if suffix and venue.endswith(suffix) else venue


def column_widths(total: int) -> list[int]:
    """Column widths for a table total cells wide (four one-cell separators included)."""
    total = max(total, 30)
    authors = 14 if total < 70 else 16 if total < 100 else 22 if total < 150 else 28
    venue = 8 if total < 70 else 10 if total < 150 else 14
    year = 6  # "Year ↓": the sort arrow always fits
    fixed = 4 + authors + venue + year + 4
    return [4, max(total - fixed, 8), authors, venue, year]


def column_at(x: int, widths: list[int]) -> str | None:
    """The key of the column at cell x (each column followed by a one-cell separator)."""
    start = 0
    for (key, _), width in zip(COLUMNS, widths, strict=True):
        if x < start + width + 1:
            return key
        start += width + 1
    return None


def fit(text: str, width: int) -> str:
    """Crop text to width cells (with an ellipsis) and pad it to exactly width."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def fit_author(text: str, width: int) -> str:
    """Like fit, but a cropped "Name et al." keeps its "et al." whole."""
    if cell_len(text) <= width or not text.endswith(ET_AL) or width < len(ET_AL) + 3:
        return fit(text, width)
    name = text[: -len(ET_AL)]
    return set_cell_size(name, width - len(ET_AL) - 1) + "…" + ET_AL
