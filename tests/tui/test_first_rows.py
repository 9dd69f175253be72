"""What runs before the first rows: no settings write, no imports only later screens need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
