"""Hostile data: markup and escape payloads display literally and never reach the terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from importers.base import ImportResult
from store.models import Collection, Link, Paper, Section, SectionRef
from tests.tui.library import make_store, ready
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer

OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"
OSC_52 = "\x1b]52;c;UFdORUQtQ0xJUA==\x07"
OSC_8 = "\x1b]8;;https://evil.example/\x1b\\evil-link\x1b]8;;\x1b\\"
CLEAR = "\x1b[2J"
CSI8 = "\x9b2J"
MARKUP = ["a[/]b", "[bold]x[/bold]", "[@click=app.quit]click-me[/]", "[link=https://x]lnk[/link]"]
ESCAPES = [OSC_TITLE, OSC_52, OSC_8, CLEAR, CSI8, "\x07\x08\x7f\x85"]
EVERYTHING = " ".join(MARKUP) + " " + "".join(ESCAPES)
GOOD_URL = "https://example.org/good"


def _payload_result() -> ImportResult:
    """A library whose every imported string carries the payloads (unsanitised on purpose)."""
    cid = "site:evil"
    res = ImportResult(
        collections=[Collection(id=cid, kind="site", title="Research Topic: " + EVERYTHING)],
        sections=[Section(id=f"{cid}/p{i}", collection=cid, label=f"{m}{ESCAPES[i]}", order=i,
                          imported=i != 1, permalink=f"/evil/{m}")
                  for i, m in enumerate(MARKUP)],
    )
    for i, m in enumerate(MARKUP + ESCAPES):
        res.papers.append(Paper(
            id=f"pe{i:08d}", title=f"{m} title {i}", authors=[f"{m} Author", "B [i]c[/i]"],
            venue=f"{m} venue", venue_short=m[:12], year=2020 + i, abstract=f"{EVERYTHING} abs",
            comments=EVERYTHING, badges=[m], category=m[:5],
            links=[Link(m, f"javascript:alert({i})"), Link("Good", GOOD_URL),
                   Link("esc", f"https://ok.example/{OSC_TITLE}")],
            sections=[SectionRef(cid, f"{cid}/p{i % len(MARKUP)}", m)],
        ))
    return res


def frame(app: PaperDeckApp) -> str:
    """Exactly what the app would write to a real terminal for its current screen."""
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      width=app.size.width, height=app.size.height, legacy_windows=False)
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens)
    return update.render_segments(console)  # type: ignore[union-attr]


OSC8_OPEN = re.compile(r"\x1b\]8;[^;\x1b\x07]*;([^\x1b\x07]*)(?:\x1b\\|\x07)")


def check_clean(out: str) -> None:
    """No injected control sequence in out; OSC 8 only for the one good URL."""
    assert "PWNED" not in out
    assert "\x1b]0;" not in out and "\x1b]2;" not in out and "\x1b]52;" not in out
    assert "\x1b[2J" not in out and "evil.example" not in out
    assert not re.search(r"[\x80-\x9f]", out), "C1 control reached the terminal"
    assert "\x07" not in out.replace("\x1b]8;", "")  # BEL only as an OSC terminator, if ever
    for url in OSC8_OPEN.findall(out):
        # the import strips the OSC from "https://ok.example/<OSC>": what is left is inert
        assert url in ("", GOOD_URL, "https://ok.example/"), url
    without_sgr = re.sub(r"\x1b\[[0-9;:?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\", "", out)
    assert "\x1b" not in without_sgr, repr(without_sgr[without_sgr.index("\x1b"):][:40])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_payloads_are_inert_in_every_view(tmp_path: Path, size: tuple[int, int],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Every tab, the viewer with all abstracts, search, dialogs, help and palette stay clean."""
    monkeypatch.setattr(PaperDeckApp, "copy_to_clipboard", lambda self, text: None)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(var, raising=False)
    app = PaperDeckApp(make_store(tmp_path / "h", _payload_result()))
    frames: list[str] = []
    written: list[str] = []
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        app._driver.write = written.append  # type: ignore[union-attr, method-assign]

        async def snap(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            frames.append(frame(app))

        await snap("A")
        for _ in range(len(MARKUP) + 1):
            for _ in range(3):
                await snap("j")
            await snap("right_square_bracket")
        await snap("G")
        await snap("slash", "b", "o", "l", "d")
        await snap("enter", "o")
        await snap("1", "2", "3")
        await snap("n")
        await snap("escape", "t")
        await snap("escape", "question_mark")
        await snap("escape", "ctrl+p")
        await snap("escape", "f")
        await snap("escape")
        table = app.query_one(PaperTable)
        # click every payload: in the table (title column) and on the viewer's text
        for row in range(1, min(table.size.height, table.row_count + 1, 6)):
            await pilot.click(PaperTable, offset=(6, row))
            await pilot.click(PaperTable, offset=(20, row))
            for y in range(0, 4):
                await pilot.click(PaperViewer, offset=(4, y))
        frames.append(frame(app))
        assert app.is_running and app.return_code is None
    assert app._exception is None
    assert len(frames) > 20
    for out in frames:
        check_clean(out)
    assert all("\x1b]52;" not in w or "UFdORUQ" not in w for w in written)
    for w in written:
        check_clean(w.replace("\x1b]52;c;", "").split("\a")[-1])


async def test_payload_text_is_shown_literally(tmp_path: Path) -> None:
    """Markup payloads appear as their literal characters."""
    app = PaperDeckApp(make_store(tmp_path / "h", _payload_result()))
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("A")
        await pilot.pause()
        text = str(app.query_one("#viewer-body").render())
        for m in ("a[/]b", "[bold]x[/bold]", "[@click=app.quit]click-me[/]",
                  "[link=https://x]lnk[/link]"):
            assert m in text
        table_lines = [app.query_one(PaperTable).render_line(y).text for y in range(1, 5)]
        assert any("a[/]b title 0" in line for line in table_lines)


@pytest.mark.parametrize("bad", [OSC_TITLE, OSC_52, CLEAR, CSI8, OSC_8])
def test_checker_catches_each_injection(bad: str) -> None:
    """The frame checker itself fails on every payload written raw."""
    with pytest.raises(AssertionError):
        check_clean(f"\x1b[1;1Hsome text {bad} more")
