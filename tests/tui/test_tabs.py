"""Tabs: nav order, switching by key and by click, not-imported pages, remembered cursors."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, Tabs

from store.repository import Store
from tests.tui.library import LISTING, PROFILE, SITE, ready, shown_titles, status
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable
from tui.widgets.section_tabs import SectionTabs


def _labels(tabs: Tabs) -> list[str]:
    """Plain labels of a Tabs row."""
    return [str(t.label) for t in tabs.query("Tab")]


async def test_first_view_is_all_papers_and_groups_in_nav_order(store: Store) -> None:
    """All papers first; the site topic, the profile (owner's name) and the listing follow."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.state.view_key == "all"
        assert _labels(app.query_one("#group-tabs", Tabs)) == [
            "All papers", "Manipulation", "Zhiyong Gao", "arXiv listing"]
        assert _labels(app.query_one("#page-tabs-1", Tabs)) == [
            "2024 New", "Generation", "Enhancement ∅", "Denoising"]
        assert len(shown_titles(app)) == 10
        assert "10 papers" in status(app)


async def test_bracket_keys_walk_tabs_in_nav_order(store: Store) -> None:
    """] goes through every page in nav order and wraps; [ goes back."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        seen = []
        for _ in range(8):
            await pilot.press("right_square_bracket")
            seen.append(app.state.view_key)
        assert seen == [
            f"{SITE}/2024-new", f"{SITE}/editing-generation", f"{SITE}/hdr-enhancement",
            f"{SITE}/denoising", f"{PROFILE}/all", f"{LISTING}/all", "all", f"{SITE}/2024-new"]
        await pilot.press("left_square_bracket")
        assert app.state.view_key == "all"
        await pilot.press("left_square_bracket")
        assert app.state.view_key == f"{LISTING}/all"
        assert shown_titles(app) == ["Blurry Video Frame Interpolation"]


async def test_clicking_tabs_switches_collection_and_page(store: Store) -> None:
    """A click on a collection shows its first page; a click on a page shows that page."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.click("#g2")
        await pilot.pause()
        assert app.state.view_key == f"{PROFILE}/all"
        assert len(shown_titles(app)) == 2
        await pilot.click("#g1")
        await pilot.pause()
        assert app.state.view_key == f"{SITE}/2024-new"
        await pilot.click("#v1_3")
        await pilot.pause()
        assert app.state.view_key == f"{SITE}/denoising"
        assert "Denoising" in status(app) and "3 papers" in status(app)


async def test_not_imported_page_says_what_to_import(store: Store) -> None:
    """The Enhancement tab's page is missing: its view names the page to import."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for _ in range(3):
            await pilot.press("right_square_bracket")
        assert app.state.view_key == f"{SITE}/hdr-enhancement"
        await pilot.pause()
        missing = app.query_one("#missing", Static)
        assert missing.display and not app.query_one(PaperTable).display
        text = str(missing.render())
        assert "not imported" in text and "/manipulation/hdr-enhancement" in text
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.query_one(PaperTable).display and not missing.display


async def test_each_tab_remembers_its_cursor(store: Store) -> None:
    """Moving in one tab, visiting another and coming back restores the cursor."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "j")
        table = app.query_one(PaperTable)
        here = table.current_id
        assert table.cursor == 3
        await pilot.press("right_square_bracket")
        assert table.cursor == 0
        await pilot.press("j")
        second = table.current_id
        await pilot.press("left_square_bracket")
        assert table.current_id == here
        await pilot.press("right_square_bracket")
        assert table.current_id == second


async def test_last_tab_remembered_across_runs(home: Path) -> None:
    """The tab open at quit is the first view of the next run."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.press("q")
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.state.view_key == f"{SITE}/editing-generation"
        assert app.query_one(SectionTabs).current == f"{SITE}/editing-generation"
        assert app.query_one("#page-tabs-1", Tabs).active == "v1_1"
