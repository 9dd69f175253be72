"""The viewer: contents, abstract toggles (one and all, remembered), focus and full screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from store.repository import Store
from tests.tui.library import ready
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer


def viewer_text(app: PaperDeckApp) -> str:
    """The viewer's plain text."""
    return str(app.query_one("#viewer-body", Static).render())


async def test_viewer_shows_the_fields(store: Store) -> None:
    """Title, all authors, venue, year, numbered links and sources are shown."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j")
        text = viewer_text(app)
        for part in ("MLP Embedded Inverse Tone Mapping", "Panjun Liu, Jiacheng Li, Zhiwei Xiong",
                     "ACM International Conference on Multimedia", "2024", "[1] Paper",
                     "[2] Code", "https://github.com/x/itm", "Manipulation › 2024 New",
                     "▸ Abstract"):
            assert part in text, part
        assert "Inverse tone mapping converts" not in text


async def test_abstract_toggles_one_paper(store: Store) -> None:
    """a, Enter and Space open and shut the highlighted paper's abstract only."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for key in ("a", "enter", "space"):
            await pilot.press(key)
            assert "Light field imaging presents" in viewer_text(app), key
            await pilot.press(key)
            assert "Light field imaging presents" not in viewer_text(app), key
        await pilot.press("a", "j")
        assert "Inverse tone mapping converts" not in viewer_text(app)
        await pilot.press("k")
        assert "Light field imaging presents" in viewer_text(app)


async def test_all_abstracts_toggle_is_remembered(home: Path) -> None:
    """A opens every abstract; the preference survives a restart."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("A")
        assert "Light field imaging presents" in viewer_text(app)
        await pilot.press("j")
        assert "Inverse tone mapping converts" in viewer_text(app)
        await pilot.press("a")
        assert "Inverse tone mapping converts" not in viewer_text(app)
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.state.abstracts_all
        assert "Light field imaging presents" in viewer_text(app)
        await pilot.press("A")
        assert "Light field imaging presents" not in viewer_text(app)
    assert Store(home).setting("tui.abstracts") is False


async def test_viewer_focus_and_full_screen(store: Store) -> None:
    """v focuses the viewer and back; f shows it full screen; Esc leaves full screen."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("v")
        assert isinstance(app.focused, PaperViewer)
        await pilot.press("v")
        assert isinstance(app.focused, PaperTable)
        await pilot.press("f")
        await pilot.pause()
        assert not app.query_one(PaperTable).display
        assert app.query_one(PaperViewer).size.height > 15
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(PaperTable).display


async def test_layout_beside_when_wide_under_when_narrow(store: Store) -> None:
    """At 120 columns the viewer sits right of the table; at 80x24 under it."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table, viewer = app.query_one(PaperTable).region, app.query_one(PaperViewer).region
        assert viewer.x >= table.right and viewer.y == table.y
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table, viewer = app.query_one(PaperTable).region, app.query_one(PaperViewer).region
        assert viewer.y >= table.bottom and viewer.height >= 6 and table.height >= 6
