"""The one rule for typed tags (CLI `--tag`, the TUI tags dialog): commas or spaces separate."""

from __future__ import annotations

import re
from collections.abc import Iterable

from store.text import clean_inline

_SEPARATORS = re.compile(r"[,\s]+")


def split_tags(value: str | Iterable[str]) -> list[str]:
    """Tags typed as "a, b c" (or several such strings): cleaned, no empties, repeats dropped,
    order kept. A tag is one word: "to-read", "video"; never "a b" or "a,b"."""
    parts = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for part in parts:
        for piece in _SEPARATORS.split(clean_inline(str(part))):
            if piece and piece not in out:
                out.append(piece)
    return out
