"""SVG snapshots at 80x24 and 120x40 of the main screens (fixed library, no clock)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from store.repository import Store
from tui.app import PaperDeckApp
from tui.importing import apply_sources, read_and_parse

DEMO = Path(__file__).resolve().parents[2] / "tui" / "demo"
TODAY = date(2025, 6, 1)
SIZES = [(80, 24), (120, 40)]


def demo_store(home: Path, *, skip_page: str = "") -> Store:
    """The bundled demo library (site, profile, listing), optionally without one site page."""
    site = home.parent / "site"
    shutil.copytree(DEMO / "site", site)
    if skip_page:
        next(site.rglob(skip_page)).unlink()
    home.mkdir()
    store = Store(home)
    paths = [str(site), str(DEMO / "profile"), str(DEMO / "listing")]
    apply_sources(store, read_and_parse(paths, today=TODAY))
    return store


async def settle(pilot: object) -> None:
    """Wait for the background load (search index) and a repaint."""
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES)
def test_first_screen(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The first screen of the demo library: All papers, first paper in the viewer."""
    app = PaperDeckApp(demo_store(tmp_path / "home"))
    assert snap_compare(app, terminal_size=size, run_before=settle)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES)
def test_search_with_highlights(snap_compare: object, tmp_path: Path,
                                size: tuple[int, int]) -> None:
    """A typed query: narrowed table, match count, highlighted words in the viewer."""
    app = PaperDeckApp(demo_store(tmp_path / "home"))
    keys = ["slash", *"video interp", "enter", "a"]
    keys = [{" ": "space"}.get(k, k) for k in keys]
    assert snap_compare(app, terminal_size=size, run_before=settle,  # type: ignore[operator]
                        press=keys)


@pytest.mark.parametrize("size", SIZES)
def test_open_abstract(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """A site page tab with the second paper's abstract open."""
    app = PaperDeckApp(demo_store(tmp_path / "home"))
    assert snap_compare(app, terminal_size=size, run_before=settle,  # type: ignore[operator]
                        press=["right_square_bracket", "j", "a"])


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The help screen over the demo library."""
    app = PaperDeckApp(demo_store(tmp_path / "home"))
    assert snap_compare(app, terminal_size=size, run_before=settle,  # type: ignore[operator]
                        press=["question_mark"])


@pytest.mark.parametrize("size", SIZES)
def test_page_not_imported(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The demo site without its Enhancement page: that tab says which page to import."""
    app = PaperDeckApp(demo_store(tmp_path / "home", skip_page="hdr-enhancement.md"))
    assert snap_compare(app, terminal_size=size, run_before=settle,  # type: ignore[operator]
                        press=["right_square_bracket"] * 3)


@pytest.mark.parametrize(("start", "end"), [((80, 24), (120, 40)), ((200, 50), (100, 30)),
                                            ((120, 40), (200, 50))])
def test_after_resize(snap_compare: object, tmp_path: Path, start: tuple[int, int],
                      end: tuple[int, int]) -> None:
    """Started at one size and resized: the layout is the one of the new size."""
    app = PaperDeckApp(demo_store(tmp_path / "home"))

    async def resize(pilot: object) -> None:
        await settle(pilot)
        await pilot.resize_terminal(*end)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=start, run_before=resize)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES)
def test_after_full_screen_twice(snap_compare: object, tmp_path: Path,
                                 size: tuple[int, int]) -> None:
    """], f, f, [ and j: the table is back, focused, with whole years and the cursor moved."""
    app = PaperDeckApp(demo_store(tmp_path / "home"))
    assert snap_compare(app, terminal_size=size, run_before=settle,  # type: ignore[operator]
                        press=["right_square_bracket", "f", "f", "left_square_bracket", "j"])
