"""A virtual paper table: a line-API widget that renders only the visible rows."""

from __future__ import annotations

from typing import ClassVar, Self

from rich.color import Color as RichColor
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from store.models import Annotation, Row
from tui.paging import PagedResults
from tui.widgets.columns import (  # re-exported for callers of the table
    COLUMNS,
    FLAG_HELP,
    FLAGS,
    SORTABLE,
    column_at,
    column_widths,
    fit,
    fit_author,
    venue_label,
)
from tui.widgets.table_rows import RowCells, content_line, line_keys, paint_styles
from tui.widgets.table_scroll import BAR_WIDTH, TableScroll, bar_colors

__all__ = ["COLUMNS", "FLAGS", "FLAG_HELP", "SORTABLE", "PaperTable", "column_widths", "fit",
           "fit_author", "venue_label"]


Source = PagedResults  # len(), bool(), row(i)


class PaperTable(Widget, can_focus=True):
    """The paper list: fixed columns, a cursor, and rows painted on demand.

    It scrolls itself (`tui/widgets/table_scroll.py`): new results change no virtual size,
    so a keystroke's rows repaint the table alone, with no relayout of the screen.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paper-table--header",
        "paper-table--cursor",
        "paper-table--flag",
        "paper-table--dim",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(1, True)", "Page down", show=False),
        Binding("pageup", "move(-1, True)", "Page up", show=False),
        Binding("g,home", "to(0)", "First", show=False),
        Binding("G,end", "to(-1)", "Last", show=False),
    ]
    DEFAULT_CSS = """
    PaperTable { overflow: hidden hidden; }
    PaperTable > .paper-table--header { text-style: bold; background: $panel; }
    PaperTable > .paper-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    PaperTable:blur > .paper-table--cursor { background: $block-cursor-blurred-background;
        text-style: none; }
    PaperTable > .paper-table--flag { color: $accent; }
    PaperTable > .paper-table--dim { color: $foreground-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

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
        self.scroll = TableScroll()
        self._widths: list[int] = column_widths(80)
        self._widths_for = -1
        self.empty_lines: list[Text] = []
        self._style_key: tuple[object, ...] = ()
        self._styles: dict[str, Style] = {}
        self.cells = RowCells()
        self._dragging = False
        self._painted: list[object] | None = None  # what each line showed when last repainted
        self._frame: tuple[int, dict[str, Style], tuple[RichColor, RichColor]] | None = None

    # -- data -------------------------------------------------------------------
    def set_data(self, source: Source, annotations: dict[str, Annotation],
                 cursor: int | None = None) -> None:
        """Show the rows of source (fetched as they are painted), the cursor at index cursor."""
        self.source, self.annotations = source, annotations
        self._rescroll()
        self.cursor = max(cursor or 0, 0)  # repaints the lines that changed

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

    # -- scrolling --------------------------------------------------------------
    @property
    def scroll_y(self) -> int:
        """The first row shown (0: the first row under the header)."""
        return self.scroll.top

    def _rescroll(self) -> None:
        """Keep the scroll inside the rows (plus the header) and the widget's height."""
        lines = max(len(self.source), len(self.empty_lines)) + 1
        self.scroll.resize(lines, self.size.height)

    def scroll_rows(self, top: int) -> None:
        """Show the rows from top on (the cursor stays where it is)."""
        if self.scroll.scroll_to(top):
            self.repaint_changed()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls the rows, as a scrolling widget's does."""
        event.stop()
        self.scroll_rows(self.scroll.top + round(self.app.scroll_sensitivity_y))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls the rows, as a scrolling widget's does."""
        event.stop()
        self.scroll_rows(self.scroll.top - round(self.app.scroll_sensitivity_y))

    def _on_bar(self, offset_x: int) -> bool:
        """Whether a content x is on the scrollbar."""
        return self.scroll.bar_shown and offset_x >= self.size.width - BAR_WIDTH

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A press on the scrollbar jumps there and drags the rows with the mouse."""
        offset = event.get_content_offset(self)
        if offset is not None and self._on_bar(offset.x):
            self._dragging = True
            self.capture_mouse()
            self.scroll_rows(self.scroll.top_at(offset.y))
            event.stop()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """The end of a drag on the scrollbar."""
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            event.stop()

    # -- cursor -----------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        """Clamp the cursor into the rows."""
        return max(0, min(value, len(self.source) - 1)) if self.source else 0

    def watch_cursor(self, value: int) -> None:
        """Scroll the cursor into view, repaint and tell the app."""
        self.scroll.follow(value, max(self.size.height - 1, 1))
        self.repaint_changed()
        self.post_message(self.CursorMoved(self.current_id))

    def action_move(self, step: int, pages: bool = False) -> None:
        """Move the cursor by step rows (or pages: the body's height less one)."""
        self.cursor += step * (max(self.size.height - 2, 1) if pages else 1)

    def action_to(self, index: int) -> None:
        """Go to row index (-1: the last row)."""
        self.cursor = index if index >= 0 else len(self.source) + index

    # -- mouse ------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        """Header click sorts; row click moves the cursor."""
        offset = event.get_content_offset(self)
        if offset is None or self._on_bar(offset.x):
            return
        if offset.y > 0:
            self.cursor = self.scroll.top + offset.y - 1
        elif (key := column_at(offset.x, self.widths())) in SORTABLE:
            self.post_message(self.HeaderClicked(SORTABLE[key]))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """A drag on the scrollbar scrolls; over the header, a tooltip explains it."""
        offset = event.get_content_offset(self)
        if self._dragging:
            self.scroll_rows(self.scroll.top_at(event.y))  # relative to the table
            return
        tip = f"{FLAG_HELP}\nClick a header to sort by it (again: reverse)."
        self.tooltip = tip if offset is not None and offset.y == 0 else None

    # -- painting ---------------------------------------------------------------
    def rows_width(self) -> int:
        """Cells the rows have: the width less the scrollbar's when it is shown."""
        width = self._frame[0] if self._frame else self.size.width
        return max(width - (BAR_WIDTH if self.scroll.bar_shown else 0), 0)

    def widths(self) -> list[int]:
        """Column widths for the width the rows really have now (scrollbar or not)."""
        width = self.rows_width()
        if width != self._widths_for:
            self._widths, self._widths_for = column_widths(width), width
        return self._widths

    def on_resize(self, event: events.Resize) -> None:
        """Keep the scroll in step with the new height."""
        self._rescroll()
        self.scroll.follow(self.cursor, max(self.size.height - 1, 1))
        self.refresh()

    def set_empty_lines(self, lines: list[Text]) -> None:
        """What the table says when it has no rows (what to do next)."""
        if lines != self.empty_lines:
            self.empty_lines = lines
            self._rescroll()
            self.refresh()

    def refresh(self, *regions: Region, **options: bool) -> Self:
        """Textual's refresh; a whole repaint forgets what the lines showed."""
        if not regions:
            self._painted = None
        return super().refresh(*regions, **options)

    def repaint_changed(self) -> None:
        """Repaint only the lines whose content changed since the last repaint (a search whose
        top rows stay, a cursor step): Textual re-renders every line of a refreshed widget."""
        shown = line_keys(self) if self.source and self.size else None
        painted = self._painted
        if shown is None or painted is None or len(shown) != len(painted):
            self.refresh()
        else:
            width = self.size.width
            changed = [Region(0, y, width, 1)
                       for y, (now, before) in enumerate(zip(shown, painted, strict=True))
                       if now != before]
            if changed:
                self.refresh(*changed)
        self._painted = shown

    def styles_for_paint(self) -> dict[str, Style]:
        """Rich styles of the parts, computed once per focus/theme state (cheap paints)."""
        if self._frame:
            return self._frame[1]
        key = (self.has_focus, self.app.theme, self.app.current_theme.dark)
        if key != self._style_key:
            self._styles, self._style_key = paint_styles(self), key
        return self._styles

    def on_focus(self) -> None:
        """Repaint with the focused cursor style."""
        self.refresh()

    def on_blur(self) -> None:
        """Repaint with the blurred cursor style."""
        self.refresh()

    def _with_bar(self, strip: Strip, y: int) -> Strip:
        """Line y of the rows with the scrollbar's cell at its end, when one is shown."""
        if not self.scroll.bar_shown:
            return strip
        bar = self.scroll.bar(*(self._frame[2] if self._frame else bar_colors(self)))
        return Strip([*strip, bar[y]]) if y < len(bar) else strip

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's, with width, styles and bar colors looked up once for all its lines."""
        self._frame = (self.size.width, self.styles_for_paint(), bar_colors(self))
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        """Line y of the widget: the header, or the row under it at the scroll offset."""
        return self._with_bar(content_line(self, y), y)
