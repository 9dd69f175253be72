"""Reading the text of a publication entry: names, venues, years, citation lines."""

from __future__ import annotations

import re

from importers.html.entry import EntryParts
from importers.jekyll.authors import is_note
from importers.venue import find_badges
from store.text import clean_inline

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
VENUE_WORDS = re.compile(
    r"conference|journal|transactions|proceedings|symposium|workshop|arxiv|letters|preprint|"
    r"magazine|review|thesis|university|press|\bproc\b", re.I,
)
ACRONYM = re.compile(r"\b(?=\w*[A-Z]\w*[A-Z])\w+\b")
def looks_like_venue(text: str) -> bool:
    """True for text that reads as a venue with a year."""
    return bool(YEAR.search(text)) and bool(VENUE_WORDS.search(text) or ACRONYM.search(text))


def looks_like_names(text: str) -> bool:
    """True for a comma- or "and"-separated list of short capitalised names."""
    parts = [p.strip() for p in re.split(r",|\band\b|&|;", text) if p.strip()]
    if not parts or YEAR.search(text):
        return False
    names = [p for p in parts if 1 <= len(p.split()) <= 5 and _is_name(p)]
    return len(names) >= max(1, len(parts) - 1) and (len(parts) >= 2 or len(parts[0].split()) >= 2)


_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della",
                        "la", "le", "bin", "al", "el", "y", "dos", "das", "ter", "zu"})


def _is_name(part: str) -> bool:
    """True when every word of part is capitalised, an initial or a name particle."""
    words = [w.strip("*†‡#§¶.()0123456789 ") for w in part.split()]
    words = [w for w in words if w]
    return bool(words) and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


_QUOTED = re.compile(r"[“\"]([^“”\"]{8,300}?)[,.]?[”\"]")


def quoted_title(text: str) -> str:
    """A title written in quotes inside a citation line ("Title," or “Title”), else ""."""
    found = _QUOTED.search(text)
    if found is None or len(found.group(1).split()) < 3:
        return ""
    return found.group(1).strip(" ,.")


_APA = re.compile(r"^(?P<authors>[^()]{3,600}?)\s*\((?P<year>(?:19|20)\d{2})[a-z]?\)\.?\s+"
                  r"(?P<title>[^.?!]{8,300}[?!]?)[.?!]?\s")


def apa_title(text: str) -> str:
    """The title of an author-year citation: "Lovelace, A. (2021). Title. Venue.", else ""."""
    found = _APA.match(text)
    if found is None or len(found.group("title").split()) < 3:
        return ""
    return found.group("title").strip()


EMPTY_BRACKETS = re.compile(r"\[\s*[|,]?\s*\]|\(\s*\)")
_YEAR_PAREN = re.compile(r"\(\s*((?:19|20)\d{2})[a-z]?\s*\)\.?|,?\s*\b((?:19|20)\d{2})\.\s*$")
_LEAD = re.compile(r"^(?:published\s+in|appeared\s+in|to\s+appear\s+in)\s*:?\s*", re.I)


def join_text(pieces: list[str]) -> str:
    """Pieces joined and cleaned of empty brackets and stray separators."""
    text = clean_inline(" ".join(p for p in pieces if p))
    text = clean_inline(EMPTY_BRACKETS.sub(" ", text))
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    return text.strip(" |·•,;:-–—/").lstrip(".")


def venue_text(text: str) -> str:
    """A venue line without "Published in" and a closing period."""
    return _LEAD.sub("", text).rstrip(" .")


def read_before(parts: EntryParts, before: str) -> None:
    """Text before the title on its line: a year in parentheses and an author list."""
    if not before:
        return
    found = _YEAR_PAREN.search(before)
    if found:
        parts.year = parts.year or (found.group(1) or found.group(2))
        before = join_text([before[: found.start()], before[found.end() :]])
    if before and not parts.authors and looks_like_names(before):
        parts.authors = before


def classify(parts: EntryParts, text: str, *, emphasised: bool) -> None:
    """Authors, venue, note, award or other text."""
    text = clean_inline(text).strip(" |·•,;-–—")
    if not text:
        return
    if is_note(text):
        parts.notes.append(text)
        return
    if parts.title and len(parts.title) >= 12:
        at = text.lower().find(parts.title.lower()[:24])
        if at > 0:  # a citation line: "Authors (2021). "Title." Venue."
            prefix = text[:at].rstrip(" \"“'‘")
            head, sep, tail = prefix.partition(":")
            if sep and len(head.split()) <= 3:
                prefix = tail
            read_before(parts, join_text([prefix]))
            rest = text[at + len(parts.title) :].lstrip(" \"”'’.,")
            if rest and not parts.venue and (YEAR.search(rest) or VENUE_WORDS.search(rest)
                                             or ACRONYM.search(rest)):
                parts.venue = venue_text(join_text([EMPTY_BRACKETS.sub(" ", rest)]))
            return
    venue_like = looks_like_venue(text)
    if not parts.authors and not venue_like and (emphasised or looks_like_names(text)):
        parts.authors = text
    elif not parts.venue and (venue_like or (emphasised and parts.authors)):
        parts.venue = text
    elif not parts.year and YEAR.fullmatch(text.strip("() .,")):
        parts.year = text
    else:
        badges = find_badges(text)
        if badges:
            parts.add_badges(badges)
            parts.awards.append(text)
        elif not parts.abstract and not emphasised and len(text.split()) >= 8:
            parts.abstract = text  # a visible summary sentence
        else:
            parts.texts.append(text)


def trim_lines(text: str) -> str:
    """text without leading and trailing lines that hold no letter or digit ("##", "---")."""
    lines = text.splitlines()
    while lines and not any(c.isalnum() for c in lines[-1]):
        lines.pop()
    while lines and not any(c.isalnum() for c in lines[0]):
        lines.pop(0)
    return "\n".join(lines)


