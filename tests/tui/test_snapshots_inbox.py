"""SVG snapshots of the New tab in the real app at 80x24 and 120x40 (fixed arrivals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.test_inbox import arrive
from tui.app import PaperDeckApp

SIZES = [(80, 24), (120, 40)]


async def settle(pilot: object) -> None:
    """Wait for the background load and a repaint."""
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES)
def test_new_tab(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """New first and current: day heading, the watched paper highlighted, the viewer beside."""
    app = PaperDeckApp(arrive(tmp_path / "home"))
    assert snap_compare(app, terminal_size=size, run_before=settle)  # type: ignore[operator]
