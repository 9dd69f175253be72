"""Author lines of lab-site entries: names, contribution markers and notes."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from importers.jekyll.markup import strip_attrs, strip_emphasis, strip_tags, unescape_md
from store.text import clean_inline

# Characters that mark an author (equal contribution, corresponding author, ...).
MARKS = "*†‡#§¶✝✉⁎∗♯⁺+¹²³⁴⁵⁶⁷⁸⁹"
_PROTECTED_STAR = "\x01"
_SPLIT = re.compile(r"\s+and\s+|\s*&\s*|[,;，；]")
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
_AFFILIATION = re.compile(r"(?<=[^\W\d])\s?(\d{1,2})$")
_NOTE_WORDS = re.compile(
    r"equal|contribut|correspond|co-?first|joint|first author|intern|advisor|supervis", re.I
)


@dataclass(slots=True)
class Authors:
    """Parsed authors of one entry."""

    names: list[str] = field(default_factory=list)
    marks: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    truncated: bool = False


# Without tags, attributes, entities or escapes, plain_note only drops `*`/`_` and folds spaces:
# a line whose text (minus those) holds no note word cannot be a note, and is not unmarked.
_MARKUP = re.compile(r"[<{&\\]")
_NOTE_HINT = re.compile(
    r"equal|contribut|correspond|co-?first|joint|first\s*author|intern|advisor|supervis", re.I
)


# The letters of each note word. plain_note only removes characters (tags, marks, escapes)
# or makes them spaces, except html.unescape: so in ASCII text without `&`, a line missing a
# letter of every note word cannot be a note.
_NOTE_LETTERS = tuple(frozenset(w) for w in ("equal", "contribut", "correspond", "cofirst",
                                             "joint", "firstauthor", "intern", "advisor",
                                             "supervis"))


def is_note(text: str) -> bool:
    """True for lines like "(*Equal contribution)" or "† Corresponding author"."""
    if text.isascii():
        if text.isprintable() and not _MARKUP.search(text):
            if not _NOTE_HINT.search(text.replace("*", "").replace("_", "")):
                return False
        elif "&" not in text:
            letters = set(text.lower())
            if not any(word <= letters for word in _NOTE_LETTERS):
                return False
    body = plain_note(text)
    if not body or len(body) > 200 or not _NOTE_WORDS.search(body):
        return False
    return body[0] in MARKS or (body.startswith("(") and body.endswith(")"))


def plain_note(text: str) -> str:
    """A note line without markup: "(\\*Equal contribution)" -> "(*Equal contribution)"."""
    text = strip_attrs(text).replace("\\*", _PROTECTED_STAR).strip()
    text = _unwrap(text).replace("_", " ")
    text = html.unescape(unescape_md(strip_tags(text))).replace(_PROTECTED_STAR, "*")
    return clean_inline(text)


def _unwrap(text: str) -> str:
    """Strip the `_…_` / `*…*` emphasis around a whole author line."""
    text = strip_emphasis(text).strip()
    for wrapper in ("_", "*"):
        if len(text) >= 2 and text.startswith(wrapper) and text.endswith(wrapper):
            return text[1:-1].strip()
        if text.startswith(wrapper) and wrapper == "_":
            return text[1:].strip()
    if text.startswith("*") and not text[1:2].isspace():
        # "*A, B" with the closing star eaten by a marker, e.g. "*A, B*†".
        closing = text.rfind("*")
        if closing > 0:
            return (text[1:closing] + text[closing + 1 :]).strip()
    return text


def parse_authors(raw: str) -> Authors:
    """Split an author line on commas and a final "and"/"&", lifting markers and notes."""
    result = Authors()
    text = strip_attrs(raw).replace("\\*", _PROTECTED_STAR).strip().rstrip("\\").strip()
    text = _unwrap(text).replace("_", " ")
    text = html.unescape(unescape_md(strip_tags(text))).replace(_PROTECTED_STAR, "*")
    text = clean_inline(text)

    def keep_note(match: re.Match[str]) -> str:
        """Move a parenthesised note into notes, or keep the text when it is not one."""
        inner = match.group(1).strip()
        if inner and (inner[0] in MARKS or _NOTE_WORDS.search(inner)):
            result.notes.append(f"({inner})")
            return " "
        return match.group(0)

    if "(" in text:
        text = _PAREN.sub(keep_note, text)
    if _ET_AL.search(text):
        result.truncated = True
        text = _ET_AL.sub(" ", text)
    for part in _SPLIT.split(text):
        name, marks = _split_marks(part)
        if not name or not any(c.isalpha() for c in name):
            continue
        result.names.append(name)
        if marks:
            result.marks[name] = result.marks.get(name, "") + marks
    return result


@lru_cache(maxsize=16384)
def _authors_cached(raw: str) -> Authors:
    """parse_authors, memoised (a group's author lines repeat across pages)."""
    return parse_authors(raw)


def cached_authors(raw: str) -> Authors:
    """parse_authors with a cache; returns a fresh copy the caller may change."""
    found = _authors_cached(raw)
    return Authors(list(found.names), dict(found.marks), list(found.notes), found.truncated)


def _split_marks(part: str) -> tuple[str, str]:
    """("Rui Li*†" ) -> ("Rui Li", "*†"); markers may lead, trail or be spaced off."""
    part = part.strip()
    marks: list[str] = []
    start, end = 0, len(part)
    while start < end and (part[start] in MARKS or part[start].isspace()):
        if not part[start].isspace():
            marks.append(part[start])
        start += 1
    tail: list[str] = []
    while end > start and (part[end - 1] in MARKS or part[end - 1].isspace()):
        if not part[end - 1].isspace():
            tail.append(part[end - 1])
        end -= 1
    marks.extend(reversed(tail))
    name = clean_inline(part[start:end].replace("*", ""))
    if name[-1:].isdigit():  # affiliation numbers: "Wei Huang1", "Wei Huang<sup>1</sup>"
        affiliation = _AFFILIATION.search(name)
        if affiliation is not None:
            marks.append(affiliation.group(1))
            name = name[: affiliation.start()]
    return name.strip(" .:"), "".join(marks)
