"""Search normalisation: folded word streams of a paper's fields, shared by query and index."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.text import fold

if TYPE_CHECKING:
    from store.models import Annotation, Paper

WORD = re.compile(r"\w+")
SEP = " | "
# Fields with their own word index and haystack; plain words search the ANY_FIELDS.
TEXT_FIELDS = ("title", "author", "venue", "text", "cat", "kw", "ids")
ANY_FIELDS = ("title", "author", "venue", "text", "ids")
# Changes whenever what the index holds changes (a cached index of another version is rebuilt).
INDEX_VERSION = "fields-2"
# ASCII bytes that are not \w become spaces (so split() equals WORD.findall for ASCII).
_ASCII_WORD = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + b" " * 128
# The same, keeping "|" (the separator between a field's values) as a token of its own.
_ASCII_HAY = _ASCII_WORD[:124] + b"|" + _ASCII_WORD[125:]
_HAY_WORD = re.compile(r"\w+|\|")


def words(text: str) -> list[str]:
    """The folded words of text, in order (WORD.findall of the folded text)."""
    if text.isascii():
        return text.lower().encode("ascii").translate(_ASCII_WORD).decode("ascii").split()
    return WORD.findall(fold(text))


def norm(text: str) -> str:
    """Folded words of text joined by single spaces (the form phrases are matched against)."""
    return " ".join(words(text))


def field_tokens(values: list[str]) -> list[str]:
    """Folded words of a field's values, with "|" between values (and for a literal "|")."""
    text = values[0] if len(values) == 1 else SEP.join(values)
    if text.isascii():
        return text.lower().encode("ascii").translate(_ASCII_HAY).decode("ascii").split()
    return _HAY_WORD.findall(fold(text))


def field_bytes(values: list[str]) -> bytes:
    """UTF-8 of " ".join(field_tokens(values)), computed without decoding (for the index)."""
    text = values[0] if len(values) == 1 else SEP.join(values)
    if text.isascii():
        return b" ".join(text.lower().encode("ascii").translate(_ASCII_HAY).split())
    return " ".join(_HAY_WORD.findall(fold(text))).encode("utf-8")


def paper_values(paper: Paper) -> dict[str, list[str]]:
    """The raw values of every text field of a paper."""
    return {
        "title": [paper.title],
        "author": paper.authors,
        "venue": [paper.venue, paper.venue_short],
        "text": [paper.abstract, paper.comments, paper.extra.get("citekey", "")],
        "cat": [paper.category],
        "kw": paper.keywords,
        "ids": [paper.arxiv_id, paper.doi],
    }


def paper_fields(paper: Paper) -> dict[str, str]:
    """Normalised haystack of every text field of a paper: words and "|" joined by spaces."""
    return {k: " ".join(field_tokens(v)) for k, v in paper_values(paper).items()}


def all_field(fields: dict[str, str]) -> str:
    """The haystack plain words search: title, authors, venue, abstract and comments."""
    return SEP.join(fields[k] for k in ANY_FIELDS)


def tag_field(annotation: Annotation | None) -> str:
    """Normalised haystack of a user's tags."""
    return " ".join(field_tokens(annotation.tags)) if annotation else ""


def has_code(paper: Paper) -> bool:
    """True when the paper has a code link (a link labelled code); a bare flag is not enough."""
    return any("code" in link.label.lower() and link.url.strip() for link in paper.links)


def phrase_pattern(tokens: tuple[str, ...], exact: bool) -> re.Pattern[str]:
    """Regex for tokens in sequence at a word start; the last word is a prefix unless exact."""
    body = " ".join(re.escape(t) for t in tokens)
    return re.compile(r"(?:^| )" + body + (r"(?= |$)" if exact else ""))


def record_pattern(tokens: tuple[str, ...], exact: bool) -> re.Pattern[bytes]:
    """phrase_pattern for corpus records (b" " + UTF-8 haystack + b"\\n")."""
    body = b" ".join(re.escape(t.encode("utf-8")) for t in tokens)
    return re.compile(b" " + body + (rb"(?=[ \n])" if exact else b""))
