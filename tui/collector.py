"""Start-up objects kept out of the garbage collector's full passes, for typing latency.

The objects alive once the browser is up (Textual's DOM, styles and caches, the store and its
index readers) live as long as the app. Python's full collection walks every one of them
again: about 50 ms at 100k papers on a loaded 2-core machine, often in the frame of a key
typed right after start. Frozen (`gc.freeze`), they are left out of every later pass; cycles
made afterwards are collected as before. When the browser goes (the app ends; in tests, one
app after another in one process) they are thawed, so that they can be collected.
"""

from __future__ import annotations

import gc

from textual.widget import Widget


def freeze_start_up(widget: Widget) -> None:
    """Freeze what is alive now, and again after widget's first frame (its first rows)."""
    gc.freeze()
    widget.call_after_refresh(gc.freeze)


def thaw() -> None:
    """Give the frozen objects back to the collector (the browser is going)."""
    gc.unfreeze()
