"""The paper table: moving keys, sorting by key and by header click, remembered sort."""

from __future__ import annotations

import re
from pathlib import Path

from textual.strip import Strip

from importers.base import ImportResult
from store.models import Paper
from store.repository import Store
from tests.tui.library import make_store, ready, shown_rows, shown_titles
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable, column_widths, fit


def _big_result(n: int) -> ImportResult:
    """n plain papers (for paging)."""
    res = ImportResult()
    for i in range(n):
        paper = Paper(title=f"Paper number {i:03d}", authors=[f"Author {i}"], year=2000 + i % 20)
        paper.id = f"p{i:09x}"
        res.papers.append(paper)
    return res


async def test_moving_keys(tmp_path: Path) -> None:
    """j/k/arrows, PgDn/PgUp, g/G and Home/End move the cursor; it stays visible."""
    app = PaperDeckApp(make_store(tmp_path / "h", _big_result(120)))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        page = table.size.height - 2
        await pilot.press("j", "j", "down")
        assert table.cursor == 3
        await pilot.press("k", "up")
        assert table.cursor == 1
        await pilot.press("pagedown")
        assert table.cursor == 1 + page
        await pilot.press("pageup")
        assert table.cursor == 1
        await pilot.press("G")
        assert table.cursor == 119
        await pilot.pause()
        assert table.scroll_y >= 119 - table.size.height + 1
        await pilot.press("g")
        assert table.cursor == 0 and table.scroll_y == 0
        await pilot.press("end")
        assert table.current_id == f"p{119:09x}"
        await pilot.press("home", "k")
        assert table.cursor == 0


async def test_sort_keys_and_reverse(store: Store) -> None:
    """d sorts newest first (again: oldest first), T by title, V by venue, O back."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        nav_order = shown_titles(app)
        await pilot.press("d")
        years = [r.year for r in shown_rows(app)]
        assert years == sorted(years, reverse=True)
        await pilot.press("d")
        years = [r.year for r in shown_rows(app)]
        assert years == sorted(years)
        await pilot.press("T")
        titles = shown_titles(app)
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("V")
        venues = [r.venue_short for r in shown_rows(app) if r.venue_short]
        assert venues == sorted(venues, key=str.casefold)
        await pilot.press("O")
        assert shown_titles(app) == nav_order


async def test_header_click_sorts(store: Store) -> None:
    """Clicking the Year header sorts by year; clicking again reverses."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        year_x = sum(w + 1 for w in table.widths()[:4]) + 1
        await pilot.click(PaperTable, offset=(year_x, 0))
        assert app.state.sort_key == "year" and not app.state.sort_reverse
        await pilot.click(PaperTable, offset=(year_x, 0))
        assert app.state.sort_reverse
        title_x = table.widths()[0] + 3
        await pilot.click(PaperTable, offset=(title_x, 0))
        assert app.state.sort_key == "title"


async def test_row_click_moves_cursor(store: Store) -> None:
    """Clicking a row highlights it."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.click(PaperTable, offset=(10, 3))
        assert app.query_one(PaperTable).cursor == 2


async def test_sort_remembered_across_runs(home: Path) -> None:
    """The sort chosen in one run is used in the next."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("T", "T")
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert (app.state.sort_key, app.state.sort_reverse) == ("title", True)
        titles = shown_titles(app)
        assert titles == sorted(titles, key=str.casefold, reverse=True)


def test_column_widths_fill_the_width() -> None:
    """Columns plus separators fill exactly the given width, at every size."""
    for total in (50, 79, 80, 120, 200):
        widths = column_widths(total)
        assert sum(widths) + len(widths) - 1 == total
        assert widths[1] >= 8


def test_fit_crops_wide_text_by_cells() -> None:
    """fit() pads and crops by terminal cells, with an ellipsis."""
    assert fit("abc", 5) == "abc  "
    assert fit("abcdefgh", 5) == "abcd…"
    assert fit("漢字漢字漢字", 5).endswith("…")


async def test_sort_arrows_tell_the_truth(store: Store) -> None:
    """d: newest first under "year ↓"; d again: oldest first under "year ↑" (status, header)."""
    from tests.tui.library import status

    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        for arrow, newest_first in (("↓", True), ("↑", False)):
            await pilot.press("d")
            await pilot.pause()
            years = [r.year for r in shown_rows(app)]
            assert years == sorted(years, reverse=newest_first)
            assert f"sort: year {arrow}" in status(app)
            assert f"Year {arrow}" in table.render_line(0).text
        await pilot.press("T")
        await pilot.pause()
        assert "sort: title ↑" in status(app) and "Title ↑" in table.render_line(0).text


async def test_authors_header_sorts_by_first_author(store: Store) -> None:
    """Clicking Authors sorts by the first author (not by title); again reverses."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        authors_x = sum(w + 1 for w in table.widths()[:2]) + 1
        await pilot.click(PaperTable, offset=(authors_x, 0))
        await pilot.pause()
        firsts = [r.first_author.casefold() for r in shown_rows(app)]
        assert firsts == sorted(firsts)
        assert shown_titles(app) != sorted(shown_titles(app), key=str.casefold)
        await pilot.click(PaperTable, offset=(authors_x, 0))
        await pilot.pause()
        firsts = [r.first_author.casefold() for r in shown_rows(app)]
        assert firsts == sorted(firsts, reverse=True)


async def test_cursor_row_title_lines_up(store: Store) -> None:
    """No styled run of a table row starts with a blank: SVG viewers drop it, and the cursor
    row's title (a run of its own, in the cursor style) then sat one cell left of the rest."""
    app = PaperDeckApp(store, watch_interval=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("j")
        await pilot.pause()
        table = app.query_one(PaperTable)
        lines = [table.render_line(y) for y in range(1, 6)]
    runs = [seg.text for line in lines for seg in Strip(list(line)).simplify()]
    assert len(lines[1].text) == len(lines[2].text) and lines[1].text.index("MLP") == 5
    assert [r for r in runs if re.match(r"\s+\S", r)] == []
