"""Authors and venue read back from a formatted citation string (APA, IEEE, MLA-like)."""

from __future__ import annotations

import re

from importers.sites.fields import names_of, person, plain_markup
from store.text import clean_inline, fold

_YEAR_PAREN = re.compile(r"\(\s*(?:19|20)\d\d[a-z]?\s*\)")
_QUOTE = re.compile(r"[\"“”]|&quot;")
_INITIALS = re.compile(r"^(?:[A-Z]\.?[\s-]*|[A-Z][a-z]{1,2}\.[\s-]*)+$")
_ITALIC = re.compile(r"<(?:i|em)>(.{1,300}?)</(?:i|em)>|(?<![*\w])\*([^*\n]{1,300})\*(?!\*)"
                     r"|(?<![_\w])_([^_\n]{1,300})_(?!\w)", re.I)
_SPLIT = re.compile(r"\s*(?:,\s*&\s*|,\s*and\s+|\s+&\s+|\s+and\s+|,)\s*", re.I)


def _head(citation: str, title: str) -> str:
    """The part of a citation before its year in brackets, its title or its first quote."""
    cuts = [len(citation)]
    year = _YEAR_PAREN.search(citation)
    if year:
        cuts.append(year.start())
    quote = _QUOTE.search(citation)
    if quote:
        cuts.append(quote.start())
    if title:
        at = fold(citation).lower().find(fold(title).lower()[:40])
        if at > 0:
            cuts.append(at)
    return citation[: min(cuts)].strip(" ,:;")


def authors_from_citation(citation: str, title: str = "") -> tuple[list[str], bool]:
    """The author list at the head of a citation; "Smith, J., & Doe, A." pairs are joined."""
    head = plain_markup(_head(citation, title))
    if not head or len(head) > 2000:
        return [], False
    parts = [p for p in _SPLIT.split(head) if p.strip()]
    if len(parts) >= 2 and all(_INITIALS.match(p.strip()) for p in parts[1::2]):
        names = [person(f"{last}, {first}") for last, first in zip(parts[::2], parts[1::2],
                                                                     strict=False)]
        truncated = "et al" in head.lower()
        return [n for n in names if n], truncated
    return names_of(head)


def venue_from_citation(citation: str, title: str = "") -> str:
    """The venue of a citation: its italic part that is not the title."""
    for match in _ITALIC.finditer(citation):
        text = clean_inline(plain_markup(next(g for g in match.groups() if g)))
        if text and fold(text).lower().strip(" .") != fold(title).lower().strip(" ."):
            return text.strip(" .,")
    return ""
