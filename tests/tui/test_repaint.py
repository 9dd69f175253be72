"""A keystroke repaints only what changed: no relayout of the screen for new rows, a new count,
a longer query or a viewer text of the same height; the table scrolls itself."""

from __future__ import annotations

import gc
from pathlib import Path

from rich.text import Text
from textual import events
from textual.strip import Strip

from tests.tui.library import make_store, ready
from tests.tui.test_table import _big_result
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperBody
from tui.widgets.search_bar import SearchBar


def big_app(tmp_path: Path, n: int = 120) -> PaperDeckApp:
    """An app over n plain papers (more rows than the screen shows)."""
    return PaperDeckApp(make_store(tmp_path / "h", _big_result(n)), watch_interval=0)


async def test_new_results_repaint_the_table_without_a_layout(tmp_path: Path) -> None:
    """A search with another count repaints the table alone: no virtual size changes, so the
    screen is not laid out again (before: every new count relaid out the whole screen)."""
    app = big_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        assert table.row_count == 120
        app.state.query = "number 01"
        app.browser.refresh_results()
        assert table.row_count == 10
        assert not table._layout_required
        assert not app.screen._layout_required
        await pilot.pause()
        assert [table.row_at(i).title for i in (0, 9)] == ["Paper number 010",
                                                             "Paper number 019"]


async def test_a_typed_key_repaints_the_box_without_a_layout(tmp_path: Path) -> None:
    """A key in the search box changes its scroll bounds without a layout (Input's virtual
    size asked for one), and a query longer than the box still scrolls to its cursor."""
    app = big_app(tmp_path, 3)
    async with app.run_test(size=(40, 20)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        bar = app.query_one(SearchBar)
        bar.insert_text_at_cursor("p")
        assert not bar._layout_required
        long = "paper number and a query much longer than this narrow box"
        await pilot.press(*[{" ": "space"}.get(c, c) for c in long[1:]])
        await pilot.pause()
        assert bar.value == long
        assert bar.scroll_x > 0  # the end of the query, where the cursor is, is shown
        assert bar.cursor_position == len(long)


async def test_viewer_text_of_the_same_height_needs_no_layout(tmp_path: Path) -> None:
    """The viewer relays out only when its text's height changes."""
    app = big_app(tmp_path, 3)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(PaperBody)
        await pilot.pause()
        height = body.size.height
        body.show(Text("\n".join(f"line {i}" for i in range(height))))
        assert not body._layout_required
        await pilot.pause()
        body.show(Text("\n".join(f"line {i}" for i in range(height + 5))))
        assert body._layout_required
        await pilot.pause()
        assert body.size.height == height + 5


async def test_wheel_and_scrollbar_scroll_the_rows(tmp_path: Path) -> None:
    """The wheel scrolls the rows, a press or drag on the scrollbar jumps there, and a click
    on a row then picks the row shown there."""
    app = big_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        assert table.scroll.bar_shown and table.scroll_y == 0
        step = round(app.scroll_sensitivity_y)
        table.post_message(events.MouseScrollDown(table, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert table.scroll_y == step and table.cursor == 0
        await pilot.click(PaperTable, offset=(5, 3))
        assert table.cursor == step + 2
        height = table.size.height
        await pilot.mouse_down(PaperTable, offset=(table.size.width - 1, height - 1))
        await pilot.pause()
        assert table.scroll_y == table.scroll.max_top == 120 + 1 - height
        assert table.render_line(height - 1).text.startswith("···· Paper number 119")
        await pilot.mouse_up(PaperTable, offset=(table.size.width - 1, 0))
        await pilot.pause()
        assert table.cursor == step + 2  # scrolling never moves the cursor


async def test_cursor_keys_keep_the_cursor_in_view(tmp_path: Path) -> None:
    """End shows the last row at the bottom; a search back to fewer rows scrolls to the top."""
    app = big_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        await pilot.press("end")
        await pilot.pause()
        assert table.scroll_y == table.scroll.max_top
        last = table.size.height - 1
        assert table.render_line(last).text.startswith("···· Paper number 119")
        app.state.query = "number 01"
        app.browser.refresh_results()
        await pilot.pause()
        assert table.scroll_y == 0 and not table.scroll.bar_shown


async def test_start_up_objects_are_frozen_while_the_browser_is_up(tmp_path: Path) -> None:
    """What is alive once the first rows are up is left out of full collections (a full pass
    over it cost ~50 ms in a key's frame), and given back when the app ends."""
    gc.unfreeze()
    app = big_app(tmp_path, 3)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert gc.get_freeze_count() > 1000
    assert gc.get_freeze_count() == 0


async def test_a_cursor_step_repaints_two_lines(tmp_path: Path) -> None:
    """j repaints the line the cursor left and the one it reached, not the whole table; a
    step past the bottom scrolls, and then every row's line is painted again (all moved)."""
    app = big_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        await pilot.press("j")  # the first step after a whole repaint repaints all
        await pilot.pause()
        painted: list[int] = []
        paint = table.render_line

        def counting(y: int) -> Strip:
            painted.append(y)
            return paint(y)

        table.render_line = counting  # type: ignore[method-assign]
        await pilot.press("j")
        await pilot.pause()
        assert sorted(painted) == [2, 3]
        assert table.cursor == 2
        assert table.render_line(3).text.startswith("···· Paper number 002")
        painted.clear()
        await pilot.press(*["j"] * (table.size.height - 3))
        await pilot.pause()
        assert table.scroll_y == 1
        assert set(range(1, table.size.height)) <= set(painted)


async def test_wheel_up_scrolls_back(tmp_path: Path) -> None:
    """The wheel scrolls up again, never above the first row."""
    app = big_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        for _ in range(3):
            table.post_message(events.MouseScrollDown(table, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        down = table.scroll_y
        assert down == 3 * round(app.scroll_sensitivity_y)
        for _ in range(5):
            table.post_message(events.MouseScrollUp(table, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert table.scroll_y == 0
