"""The key footer recomposes when the keys it shows change, not at every focus move."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from store.repository import Store
from tests.tui.library import make_store, ready
from tui.app import PaperDeckApp
from tui.widgets.footer import PaperFooter


def labels(app: PaperDeckApp) -> list[str]:
    """The descriptions of the keys the footer shows."""
    return [key.description for key in app.screen.query_one(Footer).query(FooterKey)]


async def test_footer_recomposes_only_when_its_keys_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One recompose at start, one when `/` and Esc change the keys shown, none while
    typing; a new shown binding is shown after the next bindings refresh."""
    home = tmp_path / "home"
    make_store(home)
    recomposed: list[int] = []
    original = Footer.recompose

    async def counted(self: PaperFooter) -> None:
        recomposed.append(1)
        await original(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = PaperDeckApp(Store(home), watch_interval=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert "Search" in labels(app) and "Quit" in labels(app)
        assert len(recomposed) == 1  # Textual's Footer: five times here
        await pilot.press("slash")  # the box shadows the one-letter keys: fewer are shown
        await ready(pilot)
        assert len(recomposed) == 2 and "Quit" not in labels(app)
        await pilot.press(*"video")
        await ready(pilot)
        assert len(recomposed) == 2
        await pilot.press("escape")
        await ready(pilot)
        assert len(recomposed) == 3 and "Quit" in labels(app)
        app.screen._bindings.bind("z", "app.bell", "Zed bell")
        app.screen.refresh_bindings()
        await ready(pilot)
        assert len(recomposed) == 4 and "Zed bell" in labels(app)
