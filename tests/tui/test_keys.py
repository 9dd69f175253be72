"""Every app binding is documented on the help screen and shown in the Footer."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from store.repository import Store
from tests.tui.library import ready
from tui.app import PaperDeckApp
from tui.keys import BROWSER_BINDINGS
from tui.screens.help import KEYS

NAMES = {
    "slash": "/",
    "escape": "Esc",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "enter": "Enter",
    "space": "Space",
    "delete": "Delete",
}


def help_keys() -> str:
    """All key cells of the help screen, joined."""
    return " ".join(key for _, rows in KEYS for key, _ in rows)


def test_every_binding_is_on_the_help_screen() -> None:
    """Each key of each binding appears in the help screen's key column."""
    documented = help_keys()
    for binding in BROWSER_BINDINGS:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            shown = "1 … 9" if key.isdigit() else NAMES.get(key, key)
            assert shown in documented, f"{key} ({binding.action}) is missing from help"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_footer_shows_help_and_quit_at_every_size(store: Store,
                                                         size: tuple[int, int]) -> None:
    """`?` and `q` are on the footer's visible row at 80, 120 and 200 columns."""
    app = PaperDeckApp(store)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        seen = {}
        for item in app.screen.query_one(Footer).query(FooterKey):
            region = item.region
            seen[item.key] = region.width > 0 and region.right <= size[0]
        assert seen.get("question_mark") and seen.get("q"), seen
