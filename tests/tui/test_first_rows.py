"""What runs before the first rows: no settings write, no imports only later screens need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store.repository import Store
from tests.tui.library import make_store, ready
from tui.app import PaperDeckApp

ROOT = Path(__file__).resolve().parents[2]


async def test_a_start_on_the_remembered_tab_writes_no_settings(tmp_path: Path) -> None:
    """Opening on the tab remembered from last time writes nothing (a locked, fsynced write
    of settings.json used to come before the first rows at every start)."""
    home = tmp_path / "home"
    make_store(home)
    async with PaperDeckApp(Store(home), watch_interval=0).run_test(size=(100, 30)) as pilot:
        await ready(pilot)
    settings = home / "settings.json"
    before = settings.stat().st_mtime_ns if settings.exists() else None
    inode = settings.stat().st_ino if settings.exists() else None
    async with PaperDeckApp(Store(home), watch_interval=0).run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert pilot.app.state.view_key == Store(home).setting("tui.tab", "all")
    after = settings.stat() if settings.exists() else None
    assert (after.st_mtime_ns, after.st_ino) == (before, inode) if after else before is None


def test_the_browser_imports_no_dialog_editor_or_palette() -> None:
    """Importing the app and its screen loads neither Textual's TextArea (the note editor)
    nor the command palette's provider: both are imported when first used."""
    code = ("import sys; import tui.app, tui.screens.browser, tui.paper_keys; "
            "print([m for m in ('textual.widgets._text_area', 'tui.commands_palette'"
            ") if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_start_up_lays_the_screen_out_once_and_real_resizes_still_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three Resize events of the same size arrive at start-up (driver, app, first layout):
    none re-lays the screen out (each was a full layout and repaint, just as a fast typist's
    first keys arrive). A real resize still does, and back again."""
    from textual.screen import Screen

    laid: list[object] = []
    real = Screen._screen_resized

    def counted(self: Screen[object], size: object) -> None:
        laid.append(size)
        real(self, size)

    monkeypatch.setattr(Screen, "_screen_resized", counted)
    home = tmp_path / "home"
    make_store(home)
    async with PaperDeckApp(Store(home), watch_interval=0).run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert len(laid) == 1  # the first layout, as the app installs the screen
        screen = pilot.app.screen
        assert screen.has_class("-narrow")
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert screen.size.width == 140 and screen.has_class("-wide")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert screen.size.width == 100 and screen.has_class("-narrow")
        assert len(laid) == 3


async def test_the_current_theme_follows_the_theme_and_its_registration(
        tmp_path: Path) -> None:
    """current_theme is looked up once per theme name, and follows a change of theme or a
    theme registered again under the same name."""
    from textual.theme import Theme

    home = tmp_path / "home"
    make_store(home)
    app = PaperDeckApp(Store(home), watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.theme = "nord"
        assert app.current_theme.name == "nord"
        app.theme = "textual-light"
        assert app.current_theme.name == "textual-light" and not app.current_theme.dark
        mine = Theme(name="textual-light", primary="#123456", dark=True)
        app.register_theme(mine)
        assert app.current_theme is mine


async def test_a_wide_terminal_gets_the_wide_layout_in_its_first_frame(tmp_path: Path) -> None:
    """At 140 columns the screen has its -wide class (viewer beside the table) from the first
    layout on, not after a later Resize event re-laid it out."""
    from tui.screens.screen_size import breakpoint_classes

    assert breakpoint_classes([(0, "-narrow"), (120, "-wide")], 119) == {
        "-narrow": True, "-wide": False}
    assert breakpoint_classes([(0, "-narrow"), (120, "-wide")], 120) == {
        "-narrow": False, "-wide": True}
    assert breakpoint_classes([(10, "-a")], 5) == {"-a": False}
    home = tmp_path / "home"
    make_store(home)
    app = PaperDeckApp(Store(home), watch_interval=0)
    seen: list[bool] = []
    async with app.run_test(size=(140, 40)) as pilot:
        seen.append(app.screen.has_class("-wide"))
        await ready(pilot)
        assert app.screen.has_class("-wide") and not app.screen.has_class("-narrow")
    assert seen == [True]


async def test_start_up_restyles_the_screen_once_and_moves_no_focus(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole tree is restyled once before the first rows (the breakpoint class rides on
    Textual's own restyle), and the table has focus from the start (no focus moved later:
    each move restyled both widgets)."""
    from textual.app import App

    from tui.screens.browser import BrowserScreen
    from tui.widgets.paper_table import PaperTable

    restyled: list[str] = []
    real = App.update_styles

    def counted(self: App[object], node: object, animate: bool = True) -> None:
        restyled.append(type(node).__name__)
        real(self, node, animate=animate)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "update_styles", counted)
    home = tmp_path / "home"
    make_store(home)
    app = PaperDeckApp(Store(home), watch_interval=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.focused, PaperTable)
    assert restyled.count(BrowserScreen.__name__) == 1
    assert "SearchBar" not in restyled and "SectionTabs" not in restyled
