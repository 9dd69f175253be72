"""Pieces of a profile page: the header statistics, entry meta lines and their dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from store.text import clean_inline

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FLAG_WORDS = r"(?:Code|PDF|Data(?:set)?|Video|Project|Slides|Poster|Demo|Blog|Website|Paper|Open)"
# "CVJun 25, 2022Code", "cs.CV · June 5th 2025", "eess.IV 25 Jun 2022", "LG 2022-06-25".
META_LINE = re.compile(
    r"^(?P<cat>[A-Za-z](?:[A-Za-z0-9\-]{0,14}?)(?:\.[A-Za-z0-9\-]{1,8})?)?"
    r"\s*[·|•,:\-]?\s*"
    r"(?:(?P<mon>" + _MONTH + r")\.?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})\s+(?P<mon2>" + _MONTH + r")\.?(?:,?\s*(?P<year2>\d{4}))?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"(?P<flags>(?:\s*[·|•,]?\s*" + _FLAG_WORDS + r")*)\s*$"
)
_NUM = r"(?P<num>\d[\d,.]*(?:\s*[kKmM](?![a-z]))?\s*%?)"
_STAT_A = re.compile(r"^(?P<label>[A-Za-z][A-Za-z \-]*?)\s*[:=]?\s*" + _NUM + "$")
_STAT_B = re.compile(r"^" + _NUM + r"\s*(?P<label>[A-Za-z][A-Za-z \-]*)$")
_SCALE = {"k": 1_000, "m": 1_000_000}
_LABELS = {
    "hindex": "h_index",
    "h": "h_index",
    "papers": "papers",
    "paper": "papers",
    "publications": "papers",
    "citations": "citations",
    "citation": "citations",
    "citedby": "citations",
    "novelty": "novelty",
    "aiscore": "ai_score",
}
_CATEGORY = re.compile(r"^[A-Za-z][A-Za-z\-]{0,9}(?:\.[A-Za-z\-]{1,8})?$")
META_KEYS = ("name", "category", "h_index", "papers", "citations", "novelty", "ai_score")


@dataclass(slots=True)
class Meta:
    """A parsed entry meta line."""

    category: str
    month: int
    day: int
    year: int | None
    has_code: bool


def parse_meta(line: str) -> Meta | None:
    """Parse an entry's meta line ("CVJun 25, 2022Code"), or None if line is not one."""
    if len(line) > 80:
        return None
    match = META_LINE.match(line)
    if not match:
        return None
    if match.group("iso"):
        year_s, month_s, day_s = match.group("iso").split("-")
        year: int | None = int(year_s)
        month, day = int(month_s), int(day_s)
    else:
        mon = match.group("mon") or match.group("mon2")
        month = MONTHS[mon[:3].lower()]
        day = int(match.group("day") or match.group("day2"))
        year_s = match.group("year") or match.group("year2")
        year = int(year_s) if year_s else None
    flags = match.group("flags") or ""
    return Meta(match.group("cat") or "", month, day, year, "code" in flags.lower())


def resolve_date(meta: Meta, today: date) -> date | None:
    """The entry's date; None when it is invalid or has no year (a year is never guessed)."""
    del today  # kept for callers: a date without a year stays unknown, whatever today is
    if meta.year is None:
        return None
    try:
        return date(meta.year, meta.month, meta.day)
    except ValueError:
        return None


def stat(line: str) -> tuple[str, str] | None:
    """A header statistic ("h-index98", "2,234citations", "AI Score: 49") as (key, value)."""
    if len(line) > 60:
        return None
    match = _STAT_A.match(line) or _STAT_B.match(line)
    if not match:
        return None
    label = re.sub(r"[^a-z]", "", match.group("label").lower())
    key = _LABELS.get(label)
    if key is None:
        return None
    return key, stat_number(match.group("num"))


def stat_number(text: str) -> str:
    """"2,234" -> "2234", "12.3k" -> "12300", "1.2M" -> "1200000", "53 %" -> "53%"."""
    value = re.sub(r"[\s,]", "", text)
    scale = _SCALE.get(value[-1:].lower())
    if scale is None:
        return value
    try:
        return str(round(float(value[:-1]) * scale))
    except ValueError:
        return value


def papers_heading(line: str) -> str | None:
    """The count in a list heading such as "18 Papers" (also a header statistic)."""
    match = re.match(r"^(\d[\d,]*)\s+(?:papers?|publications?)$", line, re.I)
    return match.group(1).replace(",", "") if match else None


def _category_shaped(line: str) -> bool:
    """True for a primary-category line such as "CV", "cs.CV" or "eess.IV"."""
    if not _CATEGORY.match(line):
        return False
    return line.isupper() or "." in line or len(line) <= 4


def parse_header(lines: list[tuple[int, str]]) -> tuple[dict[str, str], str | None]:
    """Header lines (number, cleaned text) -> collection meta and the list heading's count."""
    meta: dict[str, str] = {}
    listed: str | None = None
    for _, raw in lines:
        line = clean_inline(raw)
        if not line:
            continue
        heading = papers_heading(line)
        if heading is not None:
            listed = heading
            continue
        found = stat(line)
        if found is not None:
            meta.setdefault(found[0], found[1])
            continue
        if "category" not in meta and _category_shaped(line):
            meta["category"] = line
            continue
        if "name" not in meta and len(line) <= 120:
            meta["name"] = line
        elif "category" not in meta and len(line) <= 40:
            meta["category"] = line
    if "papers" not in meta and listed is not None:
        meta["papers"] = listed
    return meta, listed
