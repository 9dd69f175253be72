"""Cyclic garbage collection paused while an importer builds its records.

A 20 MB import keeps hundreds of thousands of new objects alive until it returns, and each
full collection on the way walks all of them again (a fifth of the CPU time of a large page).
Parsing makes little cyclic garbage, so collection waits until the parse is over."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

_LOCK = threading.Lock()
_state = {"depth": 0, "was_enabled": False}  # paused parses (any thread); GC state before

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Collection off for the block (nested and concurrent blocks too); on again after the
    last one ends, if it was on before the first began."""
    with _LOCK:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()


def paused_gc(func: Callable[P, R]) -> Callable[P, R]:
    """func run with collection paused (for an importer's parse method)."""
    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        """Call func inside gc_paused()."""
        with gc_paused():
            return func(*args, **kwargs)
    return wrapper
