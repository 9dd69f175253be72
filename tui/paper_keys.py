"""The citing and editing keys' actions by name: the browser runs them through `do(name)`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from tui import cite_actions, edit_actions

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

PAPER_ACTIONS: dict[str, Callable[[BrowserScreen], Any]] = {
    "copy_reference": cite_actions.copy_reference,
    "cycle_style": cite_actions.cycle_style,
    "cite_latex": partial(cite_actions.copy_cite, kind="latex"),
    "cite_pandoc": partial(cite_actions.copy_cite, kind="pandoc"),
    "edit_record": edit_actions.edit_record,
    "edit_note_external": edit_actions.edit_note,
    "remove_paper": edit_actions.remove_paper,
    "undo": edit_actions.undo,
}


async def run(screen: BrowserScreen, name: str) -> None:
    """Run the action called name on the screen (awaiting it when it is a coroutine)."""
    result = PAPER_ACTIONS[name](screen)
    if inspect.isawaitable(result):
        await result
