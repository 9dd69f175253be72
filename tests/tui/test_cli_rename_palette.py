"""Palette → "Rename this collection…": the CLI's rename from the browser (issue 8, friction)."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input

from store.repository import Store
from tests.tui.library import PROFILE, ready
from tui.app import PaperDeckApp
from tui.widgets.section_tabs import SectionTabs


async def test_palette_renames_the_current_collection(home: Path) -> None:
    """On the profile's tab, the palette entry asks for a name; the tab shows it at once."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.show_view(f"{PROFILE}/all")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"rename this collection")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen.query_one(Input)
        assert editor.value == "Zhiyong Gao"
        editor.value = "Gao lab"
        await pilot.press("enter")
        await ready(pilot)
        labels = [g.label for g in app.query_one(SectionTabs).groups]
        assert "Gao lab" in labels and "Zhiyong Gao" not in labels
    assert "Gao lab" in [c.title for c in Store(home).collections()]


async def test_palette_rename_on_all_papers_says_what_to_do(home: Path) -> None:
    """On "All papers" there is no collection to rename: a notice, no dialog."""
    from tui.rename_dialog import rename_current_collection

    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.show_view("all")
        await pilot.pause()
        rename_current_collection(app)
        await pilot.pause()
        assert any("Move to a collection" in n.message for n in app._notifications)
