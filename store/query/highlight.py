"""Highlight spans of a query's words in original (unfolded) text, for the paper viewer."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from store.query import Query, parse_query
from store.text import fold


def _folded_with_owners(text: str) -> tuple[str, list[int]]:
    """text folded, and for each folded character the index of the original one."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    owners: list[int] = []
    for i, c in enumerate(text):
        f = fold(c)
        chars.append(f)
        owners.extend([i] * len(f))
    return "".join(chars), owners


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    """One regex for all terms: words in sequence at a word start, any non-word gap between."""
    alts = [r"\W+".join(re.escape(w) for w in term.split()) for term in terms if term.split()]
    if not alts:
        return None
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")


@lru_cache(maxsize=64)
def _query_pattern(query: str) -> re.Pattern[str] | None:
    """The pattern of a typed query, parsed once (the viewer highlights every field of a paper,
    at every key, with the same query)."""
    return _pattern(parse_query(query).highlight_terms())


def highlight(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of text matching the query's positive terms."""
    pattern = (_query_pattern(query) if isinstance(query, str)
               else _pattern(query.highlight_terms()))
    if pattern is None or not text:
        return []
    folded, owners = _folded_with_owners(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := pattern.search(folded, pos)) is not None:
        if m.end() == m.start():
            pos = m.end() + 1
            continue
        start, end = owners[m.start()], owners[m.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
        pos = m.end()
    return spans
