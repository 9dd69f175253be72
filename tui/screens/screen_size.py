"""The browser's size handling: breakpoint classes before the first frame, and no relayout
for a Resize to the size the screen is already laid out at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen


def breakpoint_classes(breakpoints: list[tuple[int, str]], width: int) -> dict[str, bool]:
    """Each breakpoint class, on for the widest breakpoint the width reaches (Textual's rule)."""
    reached = [name for limit, name in breakpoints if width >= limit]
    return {name: bool(reached) and name == reached[-1] for _, name in breakpoints}


def resumed(screen: BrowserScreen, event: events.ScreenResume) -> None:
    """Textual lays the screen out at the app's size now: set the width's breakpoint class
    first, so the first frame already has the final layout (wide: the viewer beside); the
    restyle Textual does next (refresh_styles) applies it, no extra restyle of the tree."""
    size = screen.app.size
    for name, on in breakpoint_classes(screen.HORIZONTAL_BREAKPOINTS or [], size.width).items():
        screen.set_class(on, name, update=not event.refresh_styles)
    screen.laid_out = size


def resized(screen: BrowserScreen, event: events.Resize) -> None:
    """Skip Textual's relayout (and repaint) for a Resize to the size already laid out: three
    arrive at start-up (driver, app, first layout), just as a fast typist's first keys do."""
    if event.size == screen.laid_out:
        event.prevent_default()
    screen.laid_out = event.size
