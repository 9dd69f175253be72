"""What the citing keys do: a formatted reference in the user's style, styles, \\cite, [@key]."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from store.errors import StoreError
from tui import citing
from tui.actions import copied, need_paper

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen


def copy_reference(screen: BrowserScreen) -> None:
    """Format the paper's reference in a thread (the style loads slowly), then copy it."""
    paper = need_paper(screen)
    if paper is None:
        return
    screen.run_worker(partial(_format, screen, paper.id), thread=True, group="cite",
                      name="format reference")


def _format(screen: BrowserScreen, paper_id: str) -> None:
    """Worker thread: format the reference; widgets are touched only on the main thread."""
    store = screen.state.store
    try:
        style = citing.current_style(store)
        text = citing.formatted_reference(store, paper_id)
    except StoreError as exc:
        screen.app.call_from_thread(_failed, screen, str(exc))
        return
    screen.app.call_from_thread(_copy, screen, style, text)


def _copy(screen: BrowserScreen, style: str, text: str) -> None:
    """Main thread: copy the formatted reference and say so."""
    if not text:
        screen.notify("This paper is no longer in the library.", severity="warning")
        return
    copied(screen, f"reference ({style})", text)


def _failed(screen: BrowserScreen, message: str) -> None:
    """Main thread: the style could not be used."""
    screen.notify(message, title="Citation style", severity="error", markup=False)


def cycle_style(screen: BrowserScreen) -> str:
    """Switch to the next citation style (remembered across runs) and say which."""
    style = citing.cycle_style(screen.state.store)
    screen.notify(f"Citation style: {style} (c copies a reference)", markup=False)
    return style


def copy_cite(screen: BrowserScreen, kind: str) -> None:
    """Copy `\\cite{key}` (kind "latex") or `[@key]` (kind "pandoc") for the paper."""
    paper = need_paper(screen)
    if paper is not None:
        copied(screen, "LaTeX cite" if kind == "latex" else "Pandoc cite",
               citing.cite_string(screen.state.store, [paper.id], kind))
