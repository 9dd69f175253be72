"""A virtual paper table: a line-API ScrollView that renders only the visible rows."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.models import Annotation, Row
from tui.paging import PagedResults
from tui.results import sort_arrow
from tui.safe import clean
from tui.widgets.columns import (  # re-exported for callers of the table
    COLUMNS,
    FLAG_HELP,
    FLAGS,
    SORTABLE,
    column_widths,
    fit,
    fit_author,
    venue_label,
)

__all__ = ["COLUMNS", "FLAGS", "FLAG_HELP", "SORTABLE", "PaperTable", "column_widths", "fit",
           "fit_author", "venue_label"]


Source = PagedResults  # len(), bool(), row(i)
CELLS_KEPT = 1024  # rows whose fitted text cells are kept (a few screens' worth)


class PaperTable(ScrollView, can_focus=True):
    """The paper list: fixed columns, a cursor, and rows painted on demand."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paper-table--header",
        "paper-table--cursor",
        "paper-table--flag",
        "paper-table--dim",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
    ]
    DEFAULT_CSS = """
    PaperTable { overflow-x: hidden; overflow-y: auto; }
    PaperTable > .paper-table--header { text-style: bold; background: $panel; }
    PaperTable > .paper-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    PaperTable:blur > .paper-table--cursor { background: $block-cursor-blurred-background;
        text-style: none; }
    PaperTable > .paper-table--flag { color: $accent; }
    PaperTable > .paper-table--dim { color: $foreground-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CursorMoved(Message):
        """The highlighted paper changed."""

        def __init__(self, paper_id: str | None) -> None:
            """Carry the new paper id (None when the table is empty)."""
            super().__init__()
            self.paper_id = paper_id

    class HeaderClicked(Message):
        """A column header was clicked: sort by its key."""

        def __init__(self, sort_key: str) -> None:
            """Carry the sort key of the clicked column."""
            super().__init__()
            self.sort_key = sort_key

    def __init__(self, *, id: str | None = None) -> None:
        """An empty table."""
        super().__init__(id=id)
        self.source: Source = PagedResults.empty()
        self.annotations: dict[str, Annotation] = {}
        self.sort_key = "order"
        self.sort_reverse = False
        self._widths: list[int] = column_widths(80)
        self._widths_for = -1
        self.empty_lines: list[Text] = []
        self._style_key: tuple[object, ...] = ()
        self._styles: dict[str, Style] = {}
        self._cell_cache: dict[tuple[object, ...], tuple[str, str, str, str]] = {}

    # -- data -------------------------------------------------------------------
    def set_data(self, source: Source, annotations: dict[str, Annotation],
                 cursor: int | None = None) -> None:
        """Show the rows of source (fetched as they are painted), the cursor at index cursor."""
        self.source, self.annotations = source, annotations
        self.virtual_size = Size(self.size.width, max(len(source), len(self.empty_lines)) + 1)
        self.cursor = max(cursor or 0, 0)
        self.refresh()

    def row_at(self, index: int) -> Row | None:
        """The row shown at index (0 is the first row under the header)."""
        return self.source.row(index)

    @property
    def current_id(self) -> str | None:
        """The highlighted paper's id, or None when the table is empty."""
        row = self.source.row(min(self.cursor, len(self.source) - 1))
        return None if row is None else row.id

    @property
    def row_count(self) -> int:
        """Number of rows shown."""
        return len(self.source)

    # -- cursor -----------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        """Clamp the cursor into the rows."""
        return max(0, min(value, len(self.source) - 1)) if self.source else 0

    def watch_cursor(self, value: int) -> None:
        """Scroll the cursor into view, repaint and tell the app."""
        body = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        if value < top:
            self.scroll_to(y=value, animate=False, force=True, immediate=True)
        elif value >= top + body:
            self.scroll_to(y=value - body + 1, animate=False, force=True, immediate=True)
        self.refresh()
        self.post_message(self.CursorMoved(self.current_id))

    def _page(self) -> int:
        """Rows per page."""
        return max(self.size.height - 2, 1)

    def action_cursor_down(self) -> None:
        """Move down one row."""
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """Move up one row."""
        self.cursor -= 1

    def action_page_down(self) -> None:
        """Move down a page."""
        self.cursor += self._page()

    def action_page_up(self) -> None:
        """Move up a page."""
        self.cursor -= self._page()

    def action_first(self) -> None:
        """Go to the first row."""
        self.cursor = 0

    def action_last(self) -> None:
        """Go to the last row."""
        self.cursor = len(self.source) - 1

    # -- mouse ------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        """Header click sorts; row click moves the cursor."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for (key, _), width in zip(COLUMNS, self.widths(), strict=True):
                if offset.x < x + width + 1:
                    if key in SORTABLE:
                        self.post_message(self.HeaderClicked(SORTABLE[key]))
                    return
                x += width + 1
            return
        self.cursor = round(self.scroll_y) + offset.y - 1

    # -- painting ---------------------------------------------------------------
    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Over the header, the tooltip explains the flag column and the sort."""
        offset = event.get_content_offset(self)
        tip = f"{FLAG_HELP}\nClick a header to sort by it (again: reverse)."
        self.tooltip = tip if offset is not None and offset.y == 0 else None

    def widths(self) -> list[int]:
        """Column widths for the width the rows really have now (scrollbar or not)."""
        width = self.scrollable_content_region.width
        if width != self._widths_for:
            self._widths, self._widths_for = column_widths(width), width
        return self._widths

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual size in step with the new size."""
        self.virtual_size = Size(event.size.width,
                                 max(len(self.source), len(self.empty_lines)) + 1)
        self.refresh()

    def set_empty_lines(self, lines: list[Text]) -> None:
        """What the table says when it has no rows (what to do next)."""
        self.empty_lines = lines
        self.refresh()

    def styles_for_paint(self) -> dict[str, Style]:
        """Rich styles of the parts, computed once per focus/theme state (cheap paints)."""
        key = (self.has_focus, self.app.theme, self.app.current_theme.dark)
        if key != self._style_key:
            base = self.rich_style
            cursor = base + self.get_component_rich_style("paper-table--cursor")
            flag = self.get_component_rich_style("paper-table--flag", partial=True)
            dim = self.get_component_rich_style("paper-table--dim", partial=True)
            self._styles = {
                "base": base, "cursor": cursor, "flag": base + flag, "dim": base + dim,
                "cursor_flag": cursor + flag, "cursor_dim": cursor + dim,
                "header": self.get_component_rich_style("paper-table--header"),
            }
            self._style_key = key
        return self._styles

    def on_focus(self) -> None:
        """Repaint with the focused cursor style."""
        self.refresh()

    def on_blur(self) -> None:
        """Repaint with the blurred cursor style."""
        self.refresh()

    def _header_strip(self, width: int) -> Strip:
        """The column header line with the sort arrow."""
        style = self.styles_for_paint()["header"]
        parts = []
        for (key, label), w in zip(COLUMNS, self.widths(), strict=True):
            arrow = sort_arrow(self.sort_key, self.sort_reverse)
            if key in SORTABLE and SORTABLE[key] == self.sort_key and arrow:
                label = fit(label, w - 2).rstrip() + " " + arrow
            parts.append(fit(label, w))
        return Strip([Segment(" ".join(parts), style)]).adjust_cell_length(width, style)

    def _row_segments(self, row: Row, selected: bool) -> list[Segment]:
        """The segments of one row."""
        st = self.styles_for_paint()
        base = st["cursor"] if selected else st["base"]
        flag = st["cursor_flag"] if selected else st["flag"]
        dim = st["cursor_dim"] if selected else st["dim"]
        ann = self.annotations.get(row.id)
        flags = (
            "C" if row.has_code else "·",
            "✓" if ann and ann.read else "·",
            "*" if ann and ann.starred else "·",
            "✎" if ann and (ann.note or ann.tags) else "·",
        )
        title, author, venue, year = self._cells(row)
        # Each column carries its separator at its end, in its own style: no text run starts
        # with a blank, which SVG viewers drop (the cursor row's title then sat a cell left).
        segs = [Segment(f, flag if f != "·" else dim) for f in flags[:3]]
        segs.append(Segment(flags[3] + " ", flag if flags[3] != "·" else dim))
        segs.append(Segment(title, base))
        segs.append(Segment(author, dim))
        segs.append(Segment(venue, base))
        segs.append(Segment(year, dim))
        return segs

    def _cells(self, row: Row) -> tuple[str, str, str, str]:
        """The row's text cells cleaned and fitted to the columns; kept per row content and
        widths, since the rows of one search are mostly those of the keystroke before."""
        w = self.widths()
        key = (row.title, row.first_author, row.venue_short, row.year, w[1], w[2], w[3], w[4])
        cells = self._cell_cache.get(key)
        if cells is None:
            if len(self._cell_cache) >= CELLS_KEPT:
                self._cell_cache.clear()
            cells = self._cell_cache[key] = (
                fit(clean(row.title), w[1]) + " ",
                fit_author(clean(row.first_author), w[2]) + " ",
                fit(venue_label(row), w[3]) + " ",
                fit(str(row.year or ""), w[4]),
            )
        return cells

    def render_line(self, y: int) -> Strip:
        """Line y of the widget: the header, or the row under it at the scroll offset."""
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header_strip(width)
        pos = round(self.scroll_y) + y - 1
        st = self.styles_for_paint()
        if not self.source and pos < len(self.empty_lines):
            line = self.empty_lines[pos]
            segs = list(line.render(self.app.console, end=""))
            return Strip(segs).apply_style(st["base"]).adjust_cell_length(width, st["base"])
        row = self.source.row(pos)
        if row is None:
            return Strip.blank(width, st["base"])
        strip = Strip(self._row_segments(row, pos == self.cursor))
        return strip.adjust_cell_length(width, st["cursor"] if pos == self.cursor else st["base"])
