"""Every app binding is documented on the help screen and shown in the Footer."""

from __future__ import annotations

from textual.binding import Binding

from tui.keys import APP_BINDINGS
from tui.screens.help import KEYS

NAMES = {
    "slash": "/",
    "escape": "Esc",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "enter": "Enter",
    "space": "Space",
}


def help_keys() -> str:
    """All key cells of the help screen, joined."""
    return " ".join(key for _, rows in KEYS for key, _ in rows)


def test_every_binding_is_on_the_help_screen() -> None:
    """Each key of each binding appears in the help screen's key column."""
    documented = help_keys()
    for binding in APP_BINDINGS:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            shown = "1 … 9" if key.isdigit() else NAMES.get(key, key)
            assert shown in documented, f"{key} ({binding.action}) is missing from help"


def test_footer_shows_every_action_once() -> None:
    """Every distinct action family has a visible binding (1-9 share one entry)."""
    visible = {b.action.split("(")[0] for b in APP_BINDINGS if isinstance(b, Binding) and b.show}
    every = {b.action.split("(")[0] for b in APP_BINDINGS if isinstance(b, Binding)}
    assert visible == every
