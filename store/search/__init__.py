"""The in-memory SearchIndex (bitmaps over the whole library, used by the TUI today).

Modules: core (SearchIndex, search_cached), bits (int bitmaps), build (index parts from
papers), words (word indexes), cache (the on-disk cache file), spans (highlight). The derived
on-disk index the Store searches through is store.index. Names are loaded on first use, so importing
store.search.bits (the TUI does at start) stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SearchIndex", "highlight", "search_cached"]


def __getattr__(name: str) -> Any:
    """SearchIndex, search_cached and highlight, imported when first asked for."""
    if name in ("SearchIndex", "search_cached"):
        from store.search import core

        return getattr(core, name)
    if name == "highlight":
        from store.search.spans import highlight

        return highlight
    raise AttributeError(name)
