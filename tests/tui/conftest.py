"""Fixtures for the TUI tests: a fresh home with the fixture library."""

from __future__ import annotations

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
