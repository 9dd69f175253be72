"""Line handling shared by the plain-text importers (profile pages, arXiv listings)."""

from __future__ import annotations

import re
from pathlib import PurePath

from store.text import clean_inline

_PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le",
    "ter", "ten", "bin", "ibn", "al", "el", "y", "e", "zu",
}  # fmt: skip
_ET_AL = re.compile(r"[\s,;]*(?:et\.?\s*al\.?|etc\.?|…|\.\.\.|and\s+others)\s*$", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_MARKS = re.compile(r"[*†‡#§¶✉⁎∗\d]+$")


def split_lines(text: str) -> list[str]:
    """Lines of text without BOM and with any line ending; line n is index n - 1."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def source_stem(source: str) -> str:
    """A readable name for a source: the file name without its extension."""
    if not source or source == "-":
        return "stdin"
    try:
        stem = PurePath(source.replace("\\", "/")).stem
    except (TypeError, ValueError):
        stem = source
    return clean_inline(stem) or "source"


def split_authors(line: str) -> tuple[list[str], bool]:
    """"A, B and C et al." -> (["A", "B", "C"], True)."""
    text = clean_inline(line)
    truncated = False
    stripped = _ET_AL.sub("", text)
    if stripped != text:
        truncated = True
    names = [_MARKS.sub("", part).strip(" .") for part in _SPLIT.split(stripped)]
    return [name for name in names if name], truncated


def looks_like_authors(line: str) -> bool:
    """True when a line is shaped like a list of person names (capitalised, comma-separated)."""
    text = clean_inline(line)
    if not text or len(text) > 3000:
        return False
    names, truncated = split_authors(text)
    if not names:
        return False
    if len(names) == 1 and not truncated and len(names[0].split()) > 4:
        return False
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 6 or len(name) > 60:
            return False
        for word in words:
            head = word.lstrip("(\"'")[:1]
            if word.lower() in _PARTICLES:
                continue
            if not head.isalpha() or head.islower():
                return False
            if word.endswith((":", "?", "!")):
                return False
    return True
