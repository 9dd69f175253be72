"""Opening links: a launcher that fails or a display that is gone is noticed, not "Opened"."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.repository import Store
from tests.tui.conftest import browser_script, fresh_webbrowser
from tests.tui.library import ready
from tui import browser
from tui.app import PaperDeckApp


@pytest.fixture
def x_display() -> Iterator[str]:
    """A DISPLAY that answers: a TCP listener on 127.0.0.1 at 6000 + the display number."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert port > 6000
        yield f"127.0.0.1:{port - 6000}"


def use_xdg_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, display: str,
                 exit_code: int) -> Path:
    """A DISPLAY, no $BROWSER, and an xdg-open on PATH that exits exit_code; its log."""
    script = browser_script(tmp_path / "bin", "xdg-open", exit_code)
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin:/bin")
    monkeypatch.setenv("DISPLAY", display)
    for var in ("BROWSER", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    fresh_webbrowser(monkeypatch)
    return script.with_name("xdg-open.log")


def test_failing_launcher_is_a_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        x_display: str) -> None:
    """xdg-open starts but fails (no browser behind it): copy instead, and say why."""
    log = use_xdg_open(tmp_path, monkeypatch, x_display, 3)
    result = browser.open_link("https://example.org/a")
    assert log.read_text().split() == ["https://example.org/a"]
    assert result.action == "fallback" and result.url == "https://example.org/a"
    assert "xdg-open failed with exit status 3" in result.message


def test_working_launcher_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                x_display: str) -> None:
    """xdg-open that succeeds: "opened"."""
    log = use_xdg_open(tmp_path, monkeypatch, x_display, 0)
    assert browser.open_link("https://example.org/a").action == "opened"
    assert log.read_text().split() == ["https://example.org/a"]


def test_stale_display_is_a_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A DISPLAY nobody answers (left over in tmux): the launcher is not even tried."""
    with socket.socket() as probe:  # a port nobody listens on any more
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = use_xdg_open(tmp_path, monkeypatch, f"127.0.0.1:{port - 6000}", 0)
    result = browser.open_link("https://example.org/a")
    assert result.action == "fallback" and "does not answer" in result.message
    assert not log.exists()


async def test_o_with_a_failing_launcher_copies_and_says_so(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, x_display: str) -> None:
    """In the app, o says the browser could not open and that the URL was copied."""
    use_xdg_open(tmp_path, monkeypatch, x_display, 4)
    texts: list[str] = []
    monkeypatch.setattr(PaperDeckApp, "copy_to_clipboard", lambda self, text: texts.append(text))
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        messages = [n.message for n in app._notifications]
    assert texts == ["https://example.org/accv.pdf"]
    assert not any(m.startswith("Opened") for m in messages)
    assert any("Could not open a browser" in m and "copied" in m for m in messages)
