"""Piped `paperdeck search` shows the user's layer (edits, enrich's filled venue) like the TUI."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.repository import Store
from tests.conftest import SHARED, seed
from tui.cli import main

CVPR = "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The lab's rendered site, then a researcher's profile page (papers without a venue)."""
    h = tmp_path / "home"
    assert run(h, "import", str(SHARED / "samples" / "vidar-site-rendered")) == 0
    assert run(h, "import", str(seed("000"))) == 0
    return h


def _profile_paper(home: Path, title: str) -> str:
    """The id of the profile paper with this title (it has no venue of its own)."""
    row = next(r for r in Store(home).rows() if r.title == title)
    assert row.venue_short == ""
    return row.id


def test_piped_search_shows_the_venue_enrich_filled(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`enrich` fills the published venue of a profile's preprint (the "filled" layer beside
    the library): the TUI's rows show it, and so must `search` through the index."""
    pid = _profile_paper(home, "Depth-Aware Video Frame Interpolation")
    store = Store(home)
    store.overlay.edits.set_layer(pid, "filled", {"venue": CVPR, "venue_short": "CVPR 2019"})
    assert next(r for r in Store(home).rows() if r.id == pid).venue_short == "CVPR 2019"
    capsys.readouterr()
    assert run(home, "search", "interpolation") == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(pid))
    assert line.split("\t")[1:3] == ["2019", "CVPR"]


def test_piped_search_shows_the_users_own_venue(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A venue the user typed (`paperdeck edit`) shows in piped search and in --json."""
    pid = _profile_paper(home, "Blurry Video Frame Interpolation")
    Store(home).set_edits(pid, {"venue_short": "CVPR"})
    capsys.readouterr()
    assert run(home, "search", "blurry", "interpolation") == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(pid))
    assert line.split("\t")[2] == "CVPR"
