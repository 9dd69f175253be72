"""Pieces of a profile page: the header statistics, entry meta lines (and finding them
quickly in a large text) and their dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from store.text import clean_inline, has_suspect_chars, strip_controls

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


# Every meta line holds a month and its day ("Jun 25", "25 June") or an ISO date: searches
# for these start at literals that C finds without trying each position, so only the few lines
# that may be meta lines are looked at, and META_LINE (made to match one raw line with its
# spaces) checks each of them before any other work.
_MONTHS = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_LINE_END = META_LINE.pattern[META_LINE.pattern.index("(?P<flags>"):].replace(
    r"\s", r"[^\S\n]").replace("(?P<flags>", "(?:")  # flags such as "Code", then the end
_YEAR = r"(?:,?[^\S\n]*\d{4})?"
_HINTS = (re.compile(_MONTHS + r"[a-z]{0,6}\.?[^\S\n]*\d{1,2}(?:st|nd|rd|th)?" + _YEAR
                     + _LINE_END, re.M),
          re.compile(r"[0-9][^\S\n]+" + _MONTHS + r"[a-z]{0,6}\.?" + _YEAR + _LINE_END, re.M),
          re.compile(r"-\d\d-\d\d" + _LINE_END, re.M))
_META_RAW = re.compile(
    r"^[^\S\n]*" + META_LINE.pattern[1:].replace(r"\s", r"[^\S\n]"), re.M)
BLOCK = 1 << 20
_DENSE = 4  # a block where one line in _DENSE is a candidate is checked line by line in C


def scannable(text: str) -> str:
    """text with one kind of line ending, and without the control and invisible characters
    clean_inline drops (keeping every line: a meta line is found as its cleaned form)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if has_suspect_chars(text):
        text = strip_controls(text.replace("\u2028", " ").replace("\u2029", " "))
    return text


def candidate_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line shaped like a meta line, in order, a block at a time."""
    block_start = 0
    while block_start < len(text):
        block_end = text.find("\n", block_start + BLOCK)
        block_end = len(text) if block_end < 0 else block_end
        starts = {text.rfind("\n", 0, hit.start()) + 1 for hint in _HINTS
                  for hit in hint.finditer(text, block_start, block_end)}
        if len(starts) * _DENSE > text.count("\n", block_start, block_end):
            # most lines are candidates: let C try every line of the block instead
            for found in _META_RAW.finditer(text, block_start, block_end):
                yield found.start(), found.end()
            block_start = block_end + 1
            continue
        for start in sorted(starts):
            end = text.find("\n", start, block_end)
            end = block_end if end < 0 else end
            if _META_RAW.match(text, start, end) is not None:
                yield start, end
        block_start = block_end + 1
