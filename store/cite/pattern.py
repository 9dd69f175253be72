"""Cite key patterns in the spirit of Better BibTeX: `[auth:lower][year][shorttitle:lower]`."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from store.cite.keyscan import KEY_OK as KEY_OK
from store.errors import StoreError
from store.models import Paper

DEFAULT_PATTERN = "[auth:lower][year][shorttitle:lower]"
SETTING = "citekey_pattern"
STOP_WORDS = frozenset(
    ["a", "an", "the", "on", "of", "in", "for", "to", "with", "and", "towards", "toward",
     "from", "via", "by", "at", "as", "is", "are", "do", "does", "what", "how", "why", "when",
     "can"]
)
_TOKEN = re.compile(r"\[([A-Za-z]+)(\d*)((?::[A-Za-z]+)*)\]")
_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")
_PARTICLES = frozenset(["van", "von", "der", "den", "de", "del", "della", "di", "da", "le", "la"])
_SPECIAL = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"}
FILTERS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda s: s[:1].upper() + s[1:],
}


_WORD_SPLIT = re.compile(r"[\s\-:/]+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def ascii_fold(text: str) -> str:
    """Letters and digits of text folded to ASCII (Müller -> Muller, Dvořák -> Dvorak)."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text)
    text = "".join(_SPECIAL.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def last_name(author: str) -> str:
    """The family name of a display name ("Jörg van der Berg Jr." -> "van der Berg")."""
    if "," in author:
        return author.split(",", 1)[0].strip()
    words = [w for w in author.split() if w]
    while len(words) > 1 and words[-1].lower().strip(".") in _SUFFIXES:
        words.pop()
    if not words:
        return ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _camel(text: str) -> str:
    """Words folded to ASCII and joined, each capitalised when it has several words."""
    parts = [ascii_fold(w) for w in text.split()]
    parts = [p for p in parts if p]
    return parts[0] if len(parts) == 1 else "".join(p[:1].upper() + p[1:] for p in parts)


def title_words(title: str, limit: int = 0) -> list[str]:
    """The significant (non stop-word) title words, folded to ASCII, in order (the first
    limit of them when limit is given)."""
    out: list[str] = []
    for word in _WORD_SPLIT.split(title):
        folded = ascii_fold(word)
        if folded and folded.lower() not in STOP_WORDS:
            out.append(folded)
            if len(out) == limit:
                break
    return out


def _venue(paper: Paper) -> str:
    """The venue's short name without its year ("CVPR 2023" -> "CVPR")."""
    short = paper.venue_short or paper.venue
    words = [w for w in short.split() if not re.fullmatch(r"'?\d{2,4}", w)]
    return ascii_fold(words[0]) if words else ""


def _field(paper: Paper, name: str, count: int) -> str:
    """The value of one pattern field for a paper (empty when the paper lacks it)."""
    n = count or 1
    if name == "auth":  # the last word of the family name, as paperdeck's keys always were
        family = ascii_fold(last_name(paper.authors[0]).split()[-1]) if paper.authors else ""
        return family[:count] if count else family
    if name == "authors":
        names = [_camel(last_name(a)) for a in paper.authors[: count or 3] if last_name(a)]
        more = len(paper.authors) > (count or 3) or paper.authors_truncated
        return "".join(names) + ("EtAl" if more and names else "")
    if name == "year":
        return str(paper.year) if paper.year else ""
    if name == "shortyear":
        return str(paper.year)[-2:] if paper.year else ""
    if name == "shorttitle":
        return "".join(w[:1].upper() + w[1:] if i else w
                       for i, w in enumerate(title_words(paper.title, n)))
    if name == "veryshorttitle":
        return (title_words(paper.title, 1) or [""])[0]
    if name == "title":
        return "".join(w[:1].upper() + w[1:] for w in title_words(paper.title))
    if name == "venue":
        return _venue(paper)
    if name == "arxiv":
        return re.sub(r"[^0-9A-Za-z]", "", paper.arxiv_id)
    raise StoreError(f"cite key pattern: unknown field [{name}] (known: {', '.join(FIELDS)})")


FIELDS = ("auth", "authors", "year", "shortyear", "shorttitle", "veryshorttitle", "title",
          "venue", "arxiv")
_FALLBACK = {"auth": "anon", "year": "nd", "shorttitle": "untitled"}


@functools.lru_cache(maxsize=32)
def check_pattern(pattern: str) -> None:
    """StoreError naming the problem when pattern is not a usable key pattern."""
    if not _TOKEN.search(pattern):
        raise StoreError(f"cite key pattern {pattern!r}: needs at least one [field]")
    for m in _TOKEN.finditer(pattern):
        if m.group(1) not in FIELDS:
            raise StoreError(
                f"cite key pattern: unknown field [{m.group(1)}] (known: {', '.join(FIELDS)})"
            )
        for flt in filter(None, m.group(3).split(":")):
            if flt not in FILTERS:
                raise StoreError(f"cite key pattern: unknown filter :{flt} (known: lower, "
                                 "upper, capitalize)")
    literal = _TOKEN.sub("", pattern)
    if literal and not KEY_OK.match(literal):
        raise StoreError(f"cite key pattern {pattern!r}: text outside [fields] must be "
                         "letters, digits or _:.+/-")


def format_key(paper: Paper, pattern: str = DEFAULT_PATTERN) -> str:
    """The base key (before collision suffixes) the pattern gives for paper."""
    check_pattern(pattern)
    anonymous = not paper.authors

    def token(m: re.Match[str]) -> str:
        name, count = m.group(1), int(m.group(2) or 0)
        value = _field(paper, name, count)
        if not value and name == "shorttitle" and anonymous and paper.arxiv_id:
            value = "arxiv" + _field(paper, "arxiv", 0)
        value = value or _FALLBACK.get(name, "")
        for flt in filter(None, m.group(3).split(":")):
            value = FILTERS[flt](value)
        return value

    key = _TOKEN.sub(token, pattern)
    key = re.sub(r"[^A-Za-z0-9_:.+/\-]", "", key)[:72]
    return key or "ref"
