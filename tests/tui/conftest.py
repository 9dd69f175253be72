"""Fixtures for the TUI tests: a fresh home with the fixture library."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path

import pytest

from store.repository import Store
from tests.tui.library import make_store


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home directory holding the fixture library."""
    make_store(tmp_path / "home")
    return tmp_path / "home"


@pytest.fixture
def store(home: Path) -> Store:
    """A fresh Store over the fixture library."""
    return Store(home)


def browser_script(folder: Path, name: str, exit_code: int = 0) -> Path:
    """An executable that records the URL it was given in <name>.log and exits exit_code."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    log = folder / f"{name}.log"
    script.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexit {exit_code}\n', encoding="utf-8")
    script.chmod(0o755)
    return script


def fresh_webbrowser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the webbrowser module look for browsers again (it caches what it found)."""
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """URLs a real (scripted) browser named in $BROWSER was started with, so far."""
    script = browser_script(tmp_path / "bin", "fake-browser")
    monkeypatch.setenv("BROWSER", str(script))
    fresh_webbrowser(monkeypatch)
    log = script.with_name("fake-browser.log")
    return lambda: log.read_text(encoding="utf-8").split() if log.exists() else []
