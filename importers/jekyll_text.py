"""Fast equivalents of store.text cleaning for the common case of control-free text."""

from __future__ import annotations

import re
from functools import lru_cache

from store.text import clean_block, clean_inline, normalize_title

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fast_inline(text: str) -> str:
    """store.text.clean_inline, with a quick path for text free of control characters."""
    if _UNSAFE.search(text):
        return clean_inline(text)
    return " ".join(text.split())


def fast_block(text: str) -> str:
    """store.text.clean_block, with a quick path for text free of control characters."""
    if _UNSAFE.search(text):
        return clean_block(text)
    return "\n\n".join(p for p in (" ".join(q.split()) for q in _PARAGRAPHS.split(text)) if p)


@lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """store.text.normalize_title, cached (titles repeat across pages); quick for ASCII."""
    if title.isascii():
        return _NON_ALNUM.sub("", title.lower())
    return normalize_title(title)
