"""Venue lines: the short form ("ICCV 2023"), the year and highlight badges."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from store.text import clean_inline

# Highlights that are printed inside or after a venue but are not part of it.
BADGE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(oral)(?:\s+presentation)?\b", re.I), "Oral"),
    (re.compile(r"\b(spotlight)\b", re.I), "Spotlight"),
    (re.compile(r"\b(highlight)\b", re.I), "Highlight"),
    (
        re.compile(
            r"\bbest\s+(?:student\s+)?paper(?:\s+(?:award|honou?rable mention|finalist|"
            r"candidate|runner[- ]up))?\b",
            re.I,
        ),
        "",
    ),
    (re.compile(r"\b(early\s+access)\b", re.I), "Early Access"),
    (re.compile(r"\b(in\s+press)\b", re.I), "In Press"),
    (re.compile(r"\(\s*new!?\s*\)|\bnew!", re.I), "New"),
    (re.compile(r"\bwinners?\b", re.I), "Winner"),  # "NTIRE winner", "Challenge Winner"
]
_ANY_BADGE = re.compile(r"oral|spotlight|highlight|best|early|press|new|winner", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_PAREN = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&+\-/.']*(?:\s+[A-Za-z0-9&+\-/.']+){0,2}$")
_PUBLISHERS = {"IEEE", "ACM", "IET", "SPIE", "OSA", "CVF", "RSJ", "ELSEVIER"}
# Well-known venues printed without their acronym ("Conference on Computer Vision and
# Pattern Recognition, 2023"); matched on the lower-cased name with spaces collapsed.
_KNOWN = (
    ("computer vision and pattern recognition workshop", "CVPRW"),
    ("computer vision and pattern recognition", "CVPR"),
    ("european conference on computer vision", "ECCV"),
    ("international conference on computer vision", "ICCV"),
    ("neural information processing systems", "NeurIPS"),
    ("international conference on learning representations", "ICLR"),
    ("international conference on machine learning", "ICML"),
    ("aaai conference on artificial intelligence", "AAAI"),
    ("pattern analysis and machine intelligence", "TPAMI"),
    ("transactions on image processing", "TIP"),
    ("transactions on multimedia", "TMM"),
    ("circuits and systems for video technology", "TCSVT"),
    ("transactions on computational imaging", "TCI"),
    ("transactions on medical imaging", "TMI"),
    ("signal processing letters", "SPL"),
    ("international journal of computer vision", "IJCV"),
    ("acm international conference on multimedia", "ACM MM"),
    ("medical image computing and computer", "MICCAI"),
    ("international conference on robotics and automation", "ICRA"),
)
_SMALL = {"a", "an", "and", "the", "of", "on", "for", "in", "to", "with", "&"}
_ARXIV = re.compile(r"\barxiv\b", re.I)
_SHORT_YEAR = re.compile(r"\b([A-Z][A-Za-z]*[A-Z])\s?['’]\s?(\d{2})(?!\d)")
_LEAD_IN = re.compile(r"^(?:in\s+|(?:proc\.?|proceedings)\s+(?:of\s+)?(?:the\s+)?)+", re.I)
_EMPHASIS = re.compile(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")


@dataclass(slots=True)
class Venue:
    """A parsed venue line."""

    printed: str = ""
    name: str = ""
    short: str = ""
    year: int | None = None
    badges: list[str] = field(default_factory=list)


def find_badges(text: str) -> list[str]:
    """Highlight badges (Oral, Early Access, Best Paper Award…) named in text."""
    found: list[str] = []
    if _ANY_BADGE.search(text) is None:  # one scan instead of one per pattern
        return found
    for pattern, label in BADGE_PATTERNS:
        match = pattern.search(text)
        if match:
            badge = label or " ".join(w.capitalize() for w in match.group(0).split())
            if badge not in found:
                found.append(badge)
    return found


def _is_acronym(text: str) -> bool:
    """True for things like "CVPR", "T-PAMI", "ACM MM", "NeurIPS"."""
    text = text.strip()
    if not text or len(text) > 24 or not _ACRONYM.match(text):
        return False
    return sum(1 for c in text if c.isupper()) >= 2 or text.isupper()


def initials(name: str) -> str:
    """"Signal Processing: Image Communication" -> "SPIC"; short names stay whole."""
    words = [w for w in re.split(r"[\s:,/]+", name) if w]
    caps = [w for w in words if w.lower() not in _SMALL and w[:1].isalpha()]
    while len(caps) > 3 and caps[0].upper() in _PUBLISHERS:  # IEEE Transactions on … -> T…
        caps = caps[1:]
    if len(caps) < 3:
        return name.strip()
    return "".join(w[0].upper() for w in caps)


def known_short(name: str) -> str:
    """The usual short name of a well-known venue named in full, else ""."""
    low = " ".join(name.lower().split())
    return next((short for words, short in _KNOWN if words in low), "")


def parse_venue(line: str) -> Venue:
    """Parse "IEEE/CVF International Conference on Computer Vision (ICCV), 2023 (Oral)"."""
    printed = clean_inline(line)
    if "*" in printed or "_" in printed:  # Markdown emphasis: *CVPR 2023*, _CoRL 2021_
        printed = clean_inline(_EMPHASIS.sub("", printed.replace("*", "")))
    venue = Venue(printed=printed)
    if not printed:
        return venue
    text = printed
    if "'" in text or "’" in text:  # "ECCV'22" -> "ECCV 2022"
        text = _SHORT_YEAR.sub(lambda m: f"{m.group(1)} 20{m.group(2)}", text)
    years = _YEAR.findall(text)
    venue.year = int(years[-1]) if years else None
    venue.badges = find_badges(text)
    acronym = ""
    for inner in _PAREN.findall(text):
        candidate = _YEAR.sub("", inner).strip(" ,'")
        if find_badges(candidate) or not candidate:
            continue
        if _is_acronym(candidate):
            acronym = candidate
            break
    name = _YEAR.sub("", _PAREN.sub("", text))
    for pattern, _ in BADGE_PATTERNS:
        name = pattern.sub("", name)
    name = re.sub(r"[\s,;|]+$", "", re.sub(r"\s{2,}", " ", name)).strip(" ,;-|")
    name = _LEAD_IN.sub("", name) or name  # "In CVPR", "Proc. of the …"
    venue.name = name
    if _ARXIV.search(text) and not acronym:
        acronym = "arXiv"
    base = acronym or (name if _is_acronym(name) else known_short(name) or initials(name))
    if base.startswith(("IEEE ", "IEEE/CVF ")) and _is_acronym(base.split(" ", 1)[1]):
        base = base.split(" ", 1)[1]  # "IEEE TPAMI" -> "TPAMI"
    venue.short = f"{base} {venue.year}".strip() if venue.year else base
    return venue


@lru_cache(maxsize=8192)
def _venue_cached(line: str) -> Venue:
    """parse_venue, memoised (venue lines repeat across a site)."""
    return parse_venue(line)


def cached_venue(line: str) -> Venue:
    """parse_venue with a cache; returns a fresh copy the caller may change."""
    v = _venue_cached(line)
    return Venue(printed=v.printed, name=v.name, short=v.short, year=v.year,
                 badges=list(v.badges))


_ACCEPT = re.compile(
    r"\b(?:accepted|to\s+appear|appear(?:s|ed)?|published|presented|presentation|"
    r"camera[- ]ready)\b"
    r"(?:\s+(?:as\s+an?\s+\w+(?:\s+paper)?|for\s+publication|paper))?"
    r"\s*(?:in|at|to|by|for|on)\s+(?:the\s+)?(?P<venue>[^.;,\n]+)",
    re.I,
)
_NOT_A_VENUE = re.compile(r"\b(?:submitted|under\s+review|in\s+submission|preprint)\b", re.I)
_VENUE_TOKEN = re.compile(
    r"^(?:IEEE\s+|ACM\s+|the\s+)?(?P<acr>\d?[A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*)"
    r"(?:['’]?\s*(?P<year>(?:19|20)?\d{2}))?"
)


def venue_from_comment(comment: str) -> Venue | None:
    """Venue hinted by an arXiv comment ("accepted in CVPR 2020"); None for "submitted to"."""
    text = clean_inline(comment)
    for match in _ACCEPT.finditer(text):
        prefix = text[max(0, match.start() - 30) : match.start()]
        if _NOT_A_VENUE.search(prefix) or _NOT_A_VENUE.search(match.group(0)):
            continue
        phrase = _LEAD_IN.sub("", match.group("venue").strip()) or match.group("venue").strip()
        token = _VENUE_TOKEN.match(phrase)
        acr = token.group("acr") if token else ""
        if not acr or acr.upper() in _PUBLISHERS:  # "IEEE Transactions on Image Processing"
            words = [w for w in phrase.split() if w[:1].isupper()]
            if len(words) < 2:
                continue
            acr = known_short(phrase) or initials(_YEAR.sub("", phrase).strip(" ,"))
        year_text = token.group("year") if token else None
        year_match = _YEAR.search(text, match.start("venue"), match.end() + 12)
        year: int | None = None
        if year_match:
            year = int(year_match.group(1))
        elif year_text and len(year_text) == 2:
            year = 2000 + int(year_text)
        short = f"{acr} {year}" if year else acr
        return Venue(printed=phrase, name=phrase, short=short, year=year, badges=find_badges(text))
    return None


_REF_TAIL = re.compile(r"[,;]?\s*(?:vol\.?|volume|no\.?|pp\.?|pages?|art\.?|\d).*$", re.I)


def venue_from_journal_ref(ref: str) -> Venue:
    """Venue of an arXiv "Journal ref" ("CVPR 2021, pp. 1-9", "IEEE TIP 31 (2022) 1-12")."""
    text = clean_inline(ref)
    years = _YEAR.findall(text)
    year = int(years[0]) if years else None
    name = _REF_TAIL.sub("", text).strip(" ,;.")
    token = _VENUE_TOKEN.match(name)
    acr = token.group("acr") if token else ""
    base = acr if _is_acronym(acr) and acr.upper() not in _PUBLISHERS else ""
    if not base and name:
        base = name if _is_acronym(name) else known_short(name) or initials(name)
    short = f"{base} {year}".strip() if year else base
    return Venue(printed=text, name=name or text, short=short, year=year,
                 badges=find_badges(text))
