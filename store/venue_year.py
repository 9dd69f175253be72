"""A venue and a year shown together once: "CVPR 2019", never "CVPR 2019 · 2019"."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s{2,}")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_EDGE = re.compile(r"^[\s,;:·–—\-]+|[\s,;:·–—\-]+$")
_BEFORE_PUNCT = re.compile(r"\s+([,;:)\]])")
_A_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_FULL_YEAR = re.compile(r"(?<![\w.\-/])(\d+)(?![\w.\-/])")
_SHORT_YEAR = re.compile(r"(?<=[A-Za-z])\s?['’](\d{2})(?!\d)")


def venue_without_year(venue: str, year: int | None) -> str:
    """venue with the paper's own year taken out ("CVPR 2019" -> "CVPR", "ICCV'19" -> "ICCV");
    another year (a different edition, a range) is kept, and so is a venue with no year."""
    if not year or not venue:
        return venue
    full = str(year)
    if full not in venue and f"{full[2:]}" not in venue:
        return venue
    # one pattern for every year (a pattern per year compiles again for each year shown)
    out = _FULL_YEAR.sub(lambda m: " " if m[1] == full else m[0], venue)
    out = _SHORT_YEAR.sub(lambda m: " " if m[1] == full[2:] else m[0], out)
    out = _EMPTY_BRACKETS.sub(" ", out)
    out = _BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", out))
    out = _EDGE.sub("", out)
    return out


def venue_with_year(venue: str, year: int | None) -> str:
    """The venue followed once by the year ("CVPR 2019"); "CVPR 2018 · 2019" when the venue
    names another year; either alone when the other is empty."""
    bare = venue_without_year(venue, year)
    if not year:
        return bare
    if not bare:
        return str(year)
    return f"{bare}{' · ' if _A_YEAR.search(bare) else ' '}{year}"
