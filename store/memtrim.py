"""Freed heap memory handed back to the system between the batches of a long write.

tantivy's indexing and merge threads and Python's part reads allocate and free hundreds of MB
per batch through glibc's malloc, whose per-thread arenas keep freed pages: a snapshot import
into a 2.5M-paper library grew from 230 to 630 MB resident heap in six batches while the live
Python objects stayed near 50 MB; with `malloc_trim` after each batch it stayed at 150-240 MB
(about 10 ms a call). Elsewhere (macOS, musl) this does nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
_looked = False


def give_back() -> None:
    """Return the allocator's free pages to the system (glibc's malloc_trim), if it can."""
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _trim = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):
                _trim = None
    if _trim is not None:
        _trim(0)
