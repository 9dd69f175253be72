"""The paper table's own scrolling: the first row shown and the scrollbar drawn beside the rows.

The table scrolls itself instead of being a Textual ScrollView: a new result count then
changes no virtual size, so a keystroke's new rows cost no relayout of the screen and no
re-render of a separate scrollbar widget; the bar is one more segment on each painted line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.scrollbar import ScrollBarRender
from textual.widget import Widget

BAR_WIDTH = 2  # cells, as Textual's default vertical scrollbar


def bar_colors(widget: Widget) -> tuple[RichColor, RichColor]:
    """The track and thumb colors of widget's scrollbar, mixed as Textual's ScrollBar does."""
    styles = widget.styles
    back, color = styles.scrollbar_background, styles.scrollbar_color
    if back.a < 1:
        back = widget.background_colors[0] + back
    return back.rich_color, (back + color).rich_color


@dataclass
class TableScroll:
    """Where the table is scrolled to: its first shown row, over lines (rows plus the header)
    in a window of height lines."""

    top: int = 0
    lines: int = 1
    height: int = 1
    _bar: tuple[object, list[Segment]] = field(default=((), []), repr=False)

    @property
    def bar_shown(self) -> bool:
        """Whether the rows overflow the window (then the bar takes BAR_WIDTH cells)."""
        return self.lines > self.height

    @property
    def max_top(self) -> int:
        """The last valid top."""
        return max(self.lines - self.height, 0)

    def resize(self, lines: int, height: int) -> None:
        """New content or window height; top kept inside the new bounds."""
        self.lines, self.height = max(lines, 1), max(height, 1)
        self.top = self.clamp(self.top)

    def clamp(self, top: int) -> int:
        """top kept within 0..max_top."""
        return max(0, min(top, self.max_top))

    def scroll_to(self, top: int) -> bool:
        """Scroll so that top is the first row shown; True when it moved."""
        top = self.clamp(top)
        moved, self.top = top != self.top, top
        return moved

    def follow(self, row: int, body: int) -> bool:
        """Scroll the least that shows row in a body of body rows; True when it moved."""
        if row < self.top:
            return self.scroll_to(row)
        if row >= self.top + body:
            return self.scroll_to(row - body + 1)
        return False

    def top_at(self, y: int) -> int:
        """The top that puts the thumb at line y of the bar (a click or drag on it)."""
        span = max(self.height - 1, 1)
        return self.clamp(round(min(max(y, 0), span) / span * self.max_top))

    def bar(self, back: RichColor, color: RichColor) -> list[Segment]:
        """The bar's segment for each line of the window (Textual's own glyphs and colors)."""
        key = (self.top, self.lines, self.height, back, color)
        if self._bar[0] != key:
            window = self.height if self.height < self.lines else 0
            drawn = ScrollBarRender.render_bar(
                size=self.height, virtual_size=self.lines, window_size=window,
                position=self.top, thickness=BAR_WIDTH, vertical=True,
                back_color=back, bar_color=color)
            # Textual's bar carries mouse actions for its own widget: the table handles the
            # mouse itself, so only the look is kept
            plain = [Segment(s.text, Style(color=s.style.color, bgcolor=s.style.bgcolor,
                                           reverse=s.style.reverse) if s.style else None)
                     for s in drawn.segments]
            self._bar = (key, plain)
        return self._bar[1]
