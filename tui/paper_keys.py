"""The paper keys' and palette's actions by name: the browser runs them through `do(name)`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from tui import actions, cite_actions, edit_actions, io_actions

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

PAPER_ACTIONS: dict[str, Callable[..., Any]] = {
    "open_link": actions.open_link,  # (n): 0 the primary link, else link n
    "copy_bibtex": actions.copy_bibtex,
    "copy_url": actions.copy_url,
    "copy_citation": actions.copy_citation,
    "toggle_read": partial(actions.set_flag, flag="read"),
    "toggle_star": partial(actions.set_flag, flag="starred"),
    "edit_tags": actions.edit_tags,
    "edit_note": actions.edit_note,
    "import_prompt": io_actions.import_prompt,
    "import_arxiv_prompt": io_actions.import_arxiv_prompt,
    "export_prompt": io_actions.export_prompt,  # (default file name)
    "copy_reference": cite_actions.copy_reference,
    "cycle_style": cite_actions.cycle_style,
    "cite_latex": partial(cite_actions.copy_cite, kind="latex"),
    "cite_pandoc": partial(cite_actions.copy_cite, kind="pandoc"),
    "edit_record": edit_actions.edit_record,
    "edit_note_external": edit_actions.edit_note,
    "remove_paper": edit_actions.remove_paper,
    "remove_source": edit_actions.remove_source,
    "undo": edit_actions.undo,
}


async def run(screen: BrowserScreen, name: str, *args: object) -> None:
    """Run the action called name on the screen (awaiting it when it is a coroutine)."""
    result = PAPER_ACTIONS[name](screen, *args)
    if inspect.isawaitable(result):
        await result
