"""Actions: opening links, copying, marks that persist, note/tags dialogs, help, palette."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, TextArea

from store.repository import Store
from tests.tui.library import ready, shown_titles
from tui.app import PaperDeckApp
from tui.screens.browser import BrowserScreen
from tui.screens.help import HelpScreen
from tui.widgets.paper_table import PaperTable


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts passed to the app's clipboard writer."""
    texts: list[str] = []
    monkeypatch.setattr(PaperDeckApp, "copy_to_clipboard", lambda self, text: texts.append(text))
    return texts


async def _goto(pilot: object, title: str) -> None:
    """Move the cursor to the paper titled title."""
    app = pilot.app  # type: ignore[attr-defined]
    table = app.query_one(PaperTable)
    table.cursor = shown_titles(app).index(title)
    await pilot.pause()  # type: ignore[attr-defined]


def _toasts(app: PaperDeckApp) -> list[str]:
    """Messages of the current notifications."""
    return [n.message for n in app._notifications]


async def test_open_primary_and_numbered_links(store: Store,
                                              opened: Callable[[], list[str]]) -> None:
    """o opens the first link, 2 opens the second; a missing link n is a notice."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, "MLP Embedded Inverse Tone Mapping")
        await pilot.press("o", "2", "7")
        assert opened() == ["https://dl.acm.org/doi/10.1145/3664647", "https://github.com/x/itm"]
        assert any("no link 7" in m for m in _toasts(app))


async def test_javascript_link_is_refused(store: Store, opened: Callable[[], list[str]],
                                          copied: list[str]) -> None:
    """A javascript: URL is neither opened nor copied; a notice says why."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, "Unsafe Link Paper")
        await pilot.press("o", "1")
        assert opened() == [] and copied == []
        assert sum("Refused" in m for m in _toasts(app)) == 2
        assert app.is_running


async def test_no_browser_copies_the_url_instead(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                 copied: list[str]) -> None:
    """Over SSH (no DISPLAY, no BROWSER) the URL is copied (OSC 52) and shown."""
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: pytest.fail("browser started"))
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert copied == ["https://example.org/accv.pdf"]
        assert any("https://example.org/accv.pdf" in m for m in _toasts(app))


async def test_copy_bibtex_url_and_citation(store: Store, copied: list[str]) -> None:
    """y copies BibTeX, Y the URL and c a reference (APA), each confirmed by a toast."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, "Video Frame Interpolation with Depth")
        await pilot.press("y", "Y", "c")
        await ready(pilot)  # the reference is formatted in a worker, then copied
        bib, url, cite = copied
        assert bib.lstrip().startswith("@") and "Video Frame Interpolation with Depth" in bib
        assert "2019" in bib
        assert url == "https://arxiv.org/abs/1904.00830"
        assert cite.startswith("Bao, W., & Lai, W.-S. (2019). Video Frame Interpolation")
        toasts = _toasts(app)
        assert any(m.startswith("Copied BibTeX") for m in toasts)
        assert any(m.startswith("Copied URL: https://arxiv.org/abs/1904.00830") for m in toasts)
        assert any(m.startswith("Copied reference (apa)") for m in toasts)


async def test_copy_writes_osc52(store: Store) -> None:
    """The real clipboard path writes one OSC 52 sequence with the base64 text."""
    import base64

    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        written: list[str] = []
        app._driver.write = written.append  # type: ignore[union-attr, method-assign]
        await pilot.press("Y")
        expected = base64.b64encode(b"https://example.org/accv.pdf").decode()
        assert written == [f"\x1b]52;c;{expected}\a"]


async def test_read_and_star_persist_after_restart(home: Path) -> None:
    """r and s go to the annotations store at once and survive a restart."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pid = app.query_one(PaperTable).current_id
        await pilot.press("r", "j", "s")
        starred = app.query_one(PaperTable).current_id
        assert Store(home).annotation(pid).read  # written before quitting
    store = Store(home)
    assert store.annotation(pid).read and store.annotation(starred).starred
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        assert table.annotations[pid].read
        await pilot.press("r")
        assert not Store(home).annotation(pid).read


async def test_note_dialog_saves_and_cancels(home: Path) -> None:
    """n opens the note editor; ctrl+s saves to annotations, Esc cancels."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pid = app.query_one(PaperTable).current_id
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        app.focused.insert("read this [bold]again[/bold]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Store(home).annotation(pid).note == "read this [bold]again[/bold]"
        assert "read this [bold]again[/bold]" in str(app.query_one("#viewer-body").render())
        await pilot.press("n")
        await pilot.pause()
        app.focused.insert("discarded ")  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert Store(home).annotation(pid).note == "read this [bold]again[/bold]"


async def test_tags_dialog(home: Path) -> None:
    """t edits tags (comma or space separated); tag: finds the paper."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pid = app.query_one(PaperTable).current_id
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"to-read, video", "enter")
        await pilot.pause()
        assert Store(home).annotation(pid).tags == ["to-read", "video"]
        await pilot.press("slash", *"tag:to-read")
        await pilot.pause()
        assert len(shown_titles(app)) == 1


async def test_help_screen_lists_every_binding(store: Store) -> None:
    """? opens the help screen naming every key of the app; Esc closes it."""
    from tui.screens.help import KEYS

    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = " ".join(k for _, keys in KEYS for k, _ in keys)
        for binding in BrowserScreen.BINDINGS:
            for key in binding.key.split(","):  # type: ignore[union-attr]
                name = {"slash": "/", "question_mark": "?", "escape": "Esc", "enter": "Enter",
                        "space": "Space", "right_square_bracket": "]",
                        "left_square_bracket": "[", "delete": "Delete"}.get(key, key)
                assert name in listed or (key.isdigit() and "1 … 9" in listed), key
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_runs_actions_and_switches_theme(home: Path) -> None:
    """ctrl+p offers the actions; choosing one runs it; the theme is remembered."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"all abstracts")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.abstracts_all
        await pilot.press("ctrl+p")
        await pilot.press(*"theme: nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.theme == "nord"


async def test_palette_screenshot_is_saved_in_the_working_directory(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Palette → Screenshot writes an SVG into the working directory and says where."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "no-downloads-here"))
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.4)
        await pilot.pause()
        saved = list(work.glob("*.svg"))
        assert len(saved) == 1
        assert any(str(saved[0]) in m for m in _toasts(app))
