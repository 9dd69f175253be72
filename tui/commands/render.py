"""Shared output helpers: papers as Rich tables on a terminal, tab-separated lines when piped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.text import clean_inline
from store.venue_year import venue_without_year

if TYPE_CHECKING:
    from store.models import Row
    from tui.commands.context import Context, Marks


def flags(row: Row, marks: tuple[bool, bool, bool]) -> str:
    """Compact flag column: C code, R read, * starred, N note."""
    read, starred, noted = marks
    shown = (("C", row.has_code), ("R", read), ("*", starred), ("N", noted))
    return "".join(ch for ch, on in shown if on)


def paper_lines(ctx: Context, rows: list[Row], marks: Marks) -> None:
    """Print a list of papers: a Rich table on a terminal, TSV when piped."""
    if not ctx.tty:
        for p in rows:
            venue = venue_without_year(p.venue_short, p.year)
            cells = [p.id, str(p.year or ""), venue, p.title, p.first_author]
            ctx.write("\t".join(clean_inline(c).replace("\t", " ") for c in cells))
        return
    from rich.table import Table  # (Rich only on a terminal: piped output stays light)
    from rich.text import Text

    table = Table(show_edge=False, pad_edge=False, expand=False)
    for name, kw in (
        ("id", {"style": "dim", "no_wrap": True}),
        ("year", {"justify": "right", "no_wrap": True}),
        ("venue", {"style": "cyan", "no_wrap": True}),
        ("title", {"ratio": 3}),
        ("first author", {"style": "green", "ratio": 1}),
        ("", {"no_wrap": True}),
    ):
        table.add_column(name, **kw)
    for p in rows:
        table.add_row(
            Text(clean_inline(p.id)),
            Text(str(p.year or "")),
            Text(clean_inline(venue_without_year(p.venue_short, p.year))),
            Text(clean_inline(p.title)),
            Text(clean_inline(p.first_author)),
            Text(flags(p, marks(p.id))),
        )
    ctx.out.print(table)
