"""Painting the paper table's lines: the header with its sort arrow, and one row's segments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from store.models import Annotation, Row
from tui.results import sort_arrow
from tui.safe import clean
from tui.widgets.columns import COLUMNS, SORTABLE, fit, fit_author, venue_label
from tui.widgets.table_scroll import bar_colors

if TYPE_CHECKING:
    from tui.widgets.paper_table import PaperTable

CELLS_KEPT = 1024  # rows whose fitted text cells are kept (a few screens' worth)
Styles = dict[str, Style]


def paint_styles(table: Widget) -> Styles:
    """Rich styles of a table's parts (base, cursor, flag, dim and their mixes, header)."""
    base = table.rich_style
    cursor = base + table.get_component_rich_style("paper-table--cursor")
    flag = table.get_component_rich_style("paper-table--flag", partial=True)
    dim = table.get_component_rich_style("paper-table--dim", partial=True)
    return {
        "base": base, "cursor": cursor, "flag": base + flag, "dim": base + dim,
        "cursor_flag": cursor + flag, "cursor_dim": cursor + dim,
        "header": table.get_component_rich_style("paper-table--header"),
    }


def line_keys(table: PaperTable) -> list[object]:
    """What each line of the table shows now, comparable between repaints: the header's
    widths and sort, then per line its row, whether it is the cursor's, its marks, and the
    scrollbar's cell beside it."""
    scroll = table.scroll
    bar = scroll.bar(*bar_colors(table)) if scroll.bar_shown else []
    widths = tuple(table.widths())
    keys: list[object] = [(widths, table.sort_key, table.sort_reverse, bar[0] if bar else None)]
    annotations, cursor, source = table.annotations, table.cursor, table.source
    for y in range(1, table.size.height):
        pos = scroll.top + y - 1
        row = source.row(pos)
        keys.append((row, pos == cursor, annotations.get(row.id) if row else None, widths,
                     bar[y] if y < len(bar) else None))
    return keys


def header_strip(widths: list[int], sort_key: str, reverse: bool, style: Style,
                 width: int) -> Strip:
    """The column header line, the sorted column with its arrow."""
    parts = []
    arrow = sort_arrow(sort_key, reverse)
    for (key, label), w in zip(COLUMNS, widths, strict=True):
        if key in SORTABLE and SORTABLE[key] == sort_key and arrow:
            label = fit(label, w - 2).rstrip() + " " + arrow
        parts.append(fit(label, w))
    return Strip([Segment(" ".join(parts), style)]).adjust_cell_length(width, style)


class RowCells:
    """Rows' text cells cleaned and fitted to the columns, kept per row content and widths
    (the rows of one search are mostly those of the keystroke before)."""

    def __init__(self) -> None:
        """An empty cache."""
        self._cache: dict[tuple[object, ...], tuple[str, str, str, str]] = {}

    def cells(self, row: Row, widths: list[int]) -> tuple[str, str, str, str]:
        """Title, authors, venue and year of row, each fitted (with its separator)."""
        w = widths
        key = (row.title, row.first_author, row.venue_short, row.year, w[1], w[2], w[3], w[4])
        cells = self._cache.get(key)
        if cells is None:
            if len(self._cache) >= CELLS_KEPT:
                self._cache.clear()
            cells = self._cache[key] = (
                fit(clean(row.title), w[1]) + " ",
                fit_author(clean(row.first_author), w[2]) + " ",
                fit(venue_label(row), w[3]) + " ",
                fit(str(row.year or ""), w[4]),
            )
        return cells

    def segments(self, row: Row, ann: Annotation | None, widths: list[int], st: Styles,
                 selected: bool) -> list[Segment]:
        """The segments of one row (the cursor's styles when selected)."""
        base = st["cursor"] if selected else st["base"]
        flag = st["cursor_flag"] if selected else st["flag"]
        dim = st["cursor_dim"] if selected else st["dim"]
        flags = (
            "C" if row.has_code else "·",
            "✓" if ann and ann.read else "·",
            "*" if ann and ann.starred else "·",
            "✎" if ann and (ann.note or ann.tags) else "·",
        )
        title, author, venue, year = self.cells(row, widths)
        # Each column carries its separator at its end, in its own style: no text run starts
        # with a blank, which SVG viewers drop (the cursor row's title then sat a cell left).
        segs = [Segment(f, flag if f != "·" else dim) for f in flags[:3]]
        segs.append(Segment(flags[3] + " ", flag if flags[3] != "·" else dim))
        segs.append(Segment(title, base))
        segs.append(Segment(author, dim))
        segs.append(Segment(venue, base))
        segs.append(Segment(year, dim))
        return segs


def content_line(table: PaperTable, y: int) -> Strip:
    """Line y of the table without the scrollbar: the header, a row, or the empty text."""
    width = table.rows_width()
    st = table.styles_for_paint()
    if y == 0:
        return header_strip(table.widths(), table.sort_key, table.sort_reverse, st["header"],
                            width)
    pos = table.scroll.top + y - 1
    if not table.source and pos < len(table.empty_lines):
        segs = list(table.empty_lines[pos].render(table.app.console, end=""))
        return Strip(segs).apply_style(st["base"]).adjust_cell_length(width, st["base"])
    row = table.source.row(pos)
    if row is None:
        return Strip.blank(width, st["base"])
    selected = pos == table.cursor
    segs = table.cells.segments(row, table.annotations.get(row.id), table.widths(), st,
                                selected)
    return Strip(segs).adjust_cell_length(width, st["cursor"] if selected else st["base"])
