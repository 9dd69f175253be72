"""Layout follows the terminal: resizes, column widths, full-screen viewer and focus."""

from __future__ import annotations

from pathlib import Path

from store.repository import Store
from tests.tui.library import ready
from tests.tui.test_snapshots import demo_store
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer


def beside(app: PaperDeckApp) -> bool:
    """Whether the viewer sits beside the table (else under it)."""
    table, viewer = app.query_one(PaperTable).region, app.query_one(PaperViewer).region
    return viewer.x >= table.right and viewer.y == table.y


def row_texts(table: PaperTable) -> list[str]:
    """The painted text of every visible row (without the scrollbar drawn at its end)."""
    return [table.render_line(y).crop(0, table.rows_width()).text
            for y in range(1, min(table.size.height, table.row_count + 1))]


def years_whole(table: PaperTable) -> bool:
    """Every visible row ends with its full four-digit year."""
    top = round(table.scroll_y)
    shown = [table.row_at(i) for i in range(top, table.row_count)]
    for line, row in zip(row_texts(table), shown, strict=False):
        year = row.year if row else None
        if year and not line.rstrip().endswith(str(year)):
            return False
    return True


async def test_resize_switches_between_stacked_and_side_by_side(store: Store) -> None:
    """80x24 → 120x40 → 200x50 → 100x30 → 80x24: the layout follows each size at once."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert not beside(app)
        for size, side in (((120, 40), True), ((200, 50), True), ((100, 30), False),
                           ((80, 24), False), ((200, 50), True)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert beside(app) is side, size
            table = app.query_one(PaperTable)
            assert table.widths()[1] >= 30, (size, table.widths())
            assert years_whole(table), size


async def test_title_column_gets_the_room_at_120(store: Store) -> None:
    """At 120 columns titles get more room than the viewer; authors keep "et al." whole."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        assert table.widths()[1] >= 38
        assert app.query_one(PaperViewer).region.width < table.region.width
        lines = row_texts(table)
        assert any("et al." in line for line in lines)
        assert not any("et a…" in line or "et al…" in line for line in lines)


async def test_year_column_survives_tab_full_screen_and_back(tmp_path: Path) -> None:
    """], f, f, [ on the demo (a scrollbar comes and goes): every year is still whole."""
    app = PaperDeckApp(demo_store(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for key in ("right_square_bracket", "f", "f", "left_square_bracket"):
            await pilot.press(key)
            await pilot.pause()
            table = app.query_one(PaperTable)
            if table.display and table.size.width:
                assert years_whole(table), key
        await pilot.press("d")
        await pilot.pause()
        header = app.query_one(PaperTable).render_line(0).text
        assert "Year ↓" in header


async def test_full_screen_twice_gives_the_keys_back_to_the_table(store: Store) -> None:
    """After f, f the table has focus again: j moves its cursor, not the viewer."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.focused, PaperViewer)
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is table
        await pilot.press("j", "j")
        assert table.cursor == 2


async def test_full_screen_from_the_viewer_returns_to_the_viewer(store: Store) -> None:
    """Leaving full screen gives focus back to where it was (here: the viewer)."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("v", "f", "f")
        await pilot.pause()
        assert isinstance(app.focused, PaperViewer)


async def test_years_stay_whole_when_a_scrollbar_appears(store: Store) -> None:
    """From a one-paper tab (no scrollbar) to All papers (scrollbar): years are not cut to 20."""
    from tests.tui.library import LISTING

    store.set_setting("tui.tab", f"{LISTING}/all")
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.pause()
        table = app.query_one(PaperTable)
        assert table.row_count == 10 and table.size.height < 11  # it scrolls
        assert years_whole(table)
