"""A cheap check run before an HTML tree is built: container elements nested by the thousand
(a flood of unclosed `<div>`) make the HTML tree builder's work grow with the square of the
depth, so such a page is refused in one clear line before any tree is built."""

from __future__ import annotations

import re

MAX_DEPTH = 1_000  # far deeper than any real page (a few dozen levels)
CHUNK = 16_384  # characters counted at a time (a real page opens a few hundred tags in one)
# Elements the parser never closes on its own (no implied end tag): each one left open
# deepens every tag after it. p, li, td, tr… close themselves and are not counted.
_NAMES = ("div|span|section|article|table|ul|ol|dl|blockquote|font|strong|em|b|i|small|code|"
          "label|main|figure|aside|header|footer|nav|form")


def _trie(names: list[str]) -> str:
    """"|".join(names) shaped as a trie ("d(?:iv|l)" for div|dl): the same matches, faster."""
    by_first: dict[str, list[str]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(name[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        longer = [rest for rest in rests if rest]
        if not longer:
            parts.append(first)
        else:
            parts.append(f"{first}(?:{_trie(longer)}){'?' if '' in rests else ''}")
    return "|".join(parts)


_FAST_NAMES = _trie(_NAMES.split("|"))
_OPEN = re.compile(rf"<(?:{_FAST_NAMES})(?=[\s>/])")
_CLOSE = re.compile(rf"</(?:{_FAST_NAMES})(?=[\s>])")
_TAG = re.compile(rf"<(/?)(?:{_NAMES})(?=[\s>/])")


class TooDeep(ValueError):
    """A page whose elements nest deeper than MAX_DEPTH."""


def bounded_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """About how deep text's container elements nest, counted in C a chunk at a time (tag by
    tag only in a chunk that might pass limit); stops early once past limit."""
    depth = deepest = 0
    low = text.lower()  # matched in lower case: re.IGNORECASE is several times slower
    for start in range(0, len(low), CHUNK):
        end = start + CHUNK  # a tag cut at the boundary is missed: a slight undercount
        opens = len(_OPEN.findall(low, start, end))
        if depth + opens > limit:
            depth, top = _exact(low, start, end, depth)
            deepest = max(deepest, top)
            if deepest > limit:
                return deepest
            continue
        deepest = max(deepest, depth + opens)
        depth = max(0, depth + opens - len(_CLOSE.findall(low, start, end)))
    return deepest


def _exact(low: str, start: int, end: int, depth: int) -> tuple[int, int]:
    """(depth after, deepest) of one chunk, tag by tag (a stray end tag is ignored)."""
    deepest = depth
    for slash in _TAG.findall(low, start, end):
        if slash:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return depth, deepest


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise TooDeep (one clear line) when text's elements may nest deeper than limit."""
    if bounded_depth(text, limit) > limit:
        raise TooDeep(f"elements nested more than {limit:,} deep (unclosed <div> or <span> "
                      "tags?); this is not a page that can be read")
