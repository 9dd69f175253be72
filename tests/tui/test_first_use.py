"""What a first-time user meets: flags explained, tabs, empty states, dialogs, clipboard."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Tab

from store.repository import Store
from tests.tui.library import ready, status
from tests.tui.test_palette_io import _answer, _palette
from tui.app import PaperDeckApp
from tui.screens.help import KEYS
from tui.widgets.paper_table import PaperTable


def screen_text(app: PaperDeckApp) -> str:
    """Every visible line of the screen, as plain text."""
    from rich.console import Console

    console = Console(width=app.size.width, height=app.size.height, record=True,
                      file=open(os.devnull, "w"), legacy_windows=False)  # noqa: SIM115
    update = app.screen._compositor.render_update(full=True)
    console.print(update)
    return console.export_text()


def table_text(app: PaperDeckApp) -> str:
    """The table's painted lines."""
    table = app.query_one(PaperTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


async def test_flag_column_is_explained(store: Store) -> None:
    """Hovering the header explains each flag; the help screen has the same legend."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.hover(PaperTable, offset=(1, 0))
        tip = str(app.query_one(PaperTable).tooltip)
        for word in ("code", "read", "starred", "note"):
            assert word in tip
    legend = dict(next(rows for heading, rows in KEYS if "flag" in heading.lower()))
    assert {"C", "✓", "*", "✎"} <= set(legend)


async def test_active_tab_stands_out_and_all_papers_is_not_repeated(store: Store) -> None:
    """The active page tab has its own background; "All papers" is said at most twice."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert screen_text(app).count("All papers") <= 2
        await pilot.press("right_square_bracket")
        await pilot.pause()
        row = app.query_one("#page-tabs-1")
        active = row.query_one("Tab.-active", Tab)
        other = next(t for t in row.query(Tab) if t is not active)
        assert active.styles.background != other.styles.background
        assert active.rich_style.bold and not other.rich_style.bold


async def test_no_match_says_the_query_and_how_to_widen_it(store: Store) -> None:
    """An empty result names the query and offers w (all papers) and Esc."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "slash", *"zebra", "enter")
        await pilot.pause()
        text = table_text(app)
        assert "zebra" in text and "w " in text and "Esc" in text and "all papers" in text


async def test_empty_library_says_how_to_import(tmp_path: Path) -> None:
    """An empty library names the palette entry and the CLI command."""
    (tmp_path / "home").mkdir()
    app = PaperDeckApp(Store(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        text = table_text(app)
        assert "Import a path" in text and "paperdeck import" in text
        assert "0 papers" in status(app)


async def test_import_dialog_says_import(store: Store) -> None:
    """The import dialog's button says Import, not Save."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _palette(pilot, "import a path")
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert "Import" in labels and "Save" not in labels


async def test_export_shows_an_absolute_path_and_asks_before_overwriting(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The prefilled path is absolute; an existing file is replaced only after a yes."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "paperdeck-export.json"
    target.write_text("precious", encoding="utf-8")
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _palette(pilot, "export current")
        assert app.screen.query_one(Input).value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "Overwrite" in [str(b.label) for b in app.screen.query(Button)]
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "precious"
        await _palette(pilot, "export current")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert target.read_text(encoding="utf-8").startswith("[")


async def test_export_with_an_unknown_suffix_is_an_error(home: Path, tmp_path: Path) -> None:
    """A .txt export writes nothing and says which suffixes work."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _palette(pilot, "export current")
        await _answer(pilot, str(tmp_path / "out.txt"))
        messages = [n.message for n in app._notifications]
    assert not (tmp_path / "out.txt").exists()
    assert any(".json, .md or .bib" in m for m in messages)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)")
async def test_copy_inside_tmux_with_set_clipboard_off_says_so(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside a tmux whose set-clipboard is off, y warns instead of saying "Copied"."""
    from tui import actions

    sock = tmp_path / "tmux.sock"
    tmux = ["tmux", "-S", str(sock), "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-s", "t", "sleep 60"], check=True, timeout=10)
    try:
        subprocess.run([*tmux, "set-option", "-s", "set-clipboard", "off"], check=True,
                       timeout=10)
        monkeypatch.setenv("TMUX", f"{sock},1,0")
        actions.tmux_clipboard_mode.cache_clear()
        app = PaperDeckApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await pilot.press("y")
            messages = [n.message for n in app._notifications]
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)
        actions.tmux_clipboard_mode.cache_clear()
    assert not any(m.startswith("Copied") for m in messages)
    assert any("set-clipboard off" in m and "may not reach" in m for m in messages)

