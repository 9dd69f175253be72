"""Index documents: a stored paper dict plus the user's marks, as folded, slotted word fields."""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any

import orjson
import tantivy

from store.index.schema import ALL_DOCS, ANY_FIELDS, INITIALS, index_field
from store.library import arxiv_key, doi_key
from store.models import Annotation
from store.query.text import field_tokens
from store.text import fold

Marks = list[Any]  # [read, starred, noted, tags]: the annotation facts the index holds


class _Slots(dict[str, str]):
    """word -> the word followed by its 1-3 letter prefixes (memoised: vocabularies repeat)."""

    def __missing__(self, word: str) -> str:
        """Build and remember a word's slot."""
        slot = self[word] = f"{word} >{word[:1]} >{word[:2]} >{word[:3]}"
        return slot


_SLOTS = _Slots({"|": "| | | |"})
_FIRST = itemgetter(0)


def slot_text(values: list[str], initials: set[str] | None = None) -> str:
    """Whitespace text of a field: each word followed by its 1-3 letter prefixes (">v");
    the words' first letters are added to initials when given."""
    if len(_SLOTS) > 400_000:
        _SLOTS.clear()
        _SLOTS["|"] = "| | | |"
    tokens = field_tokens(values)
    if initials is not None:
        initials.update(map(_FIRST, tokens))
    return " ".join(map(_SLOTS.__getitem__, tokens))


def marks_of(annotation: Annotation | None) -> Marks | None:
    """The searchable facts of an annotation, None when it has none."""
    if annotation is None:
        return None
    tags = sorted(annotation.tags)
    marks = [bool(annotation.read), bool(annotation.starred), bool(annotation.note.strip()), tags]
    return marks if any(marks[:3]) or tags else None


def marks_table(annotations: Mapping[str, Annotation]) -> dict[str, Marks]:
    """Searchable marks of every annotated paper."""
    out: dict[str, Marks] = {}
    for pid, ann in annotations.items():
        marks = marks_of(ann)
        if marks is not None:
            out[pid] = marks
    return out


def merge_keys(title: str, abstract: str) -> list[str]:
    """The keys under which store.merge looks for an existing twin of a paper: normalised
    title, its prefix, and the abstract's blocking keys (for candidate lookup at import)."""
    from store.merge.keys import AbstractIndex, norm_title  # (searching never imports merge)
    from store.merge.near import TITLE_PREFIX

    norm = norm_title(title)
    keys = [f"n:{norm}", f"x:{norm[:TITLE_PREFIX]}"] if norm else []
    return keys + ["a" + k for k in AbstractIndex.keys(abstract)]


def _s(raw: dict[str, Any], key: str) -> str:
    """A string field of a stored paper ("" when missing)."""
    value = raw.get(key)
    return "" if value is None else str(value)


def _values(raw: dict[str, Any], authors: list[str]) -> dict[str, list[str]]:
    """store.query.text.paper_values of a stored paper dict, without building the Paper."""
    extra = raw.get("extra") or {}
    return {
        "title": [_s(raw, "title")],
        "author": authors,
        "venue": [_s(raw, "venue"), _s(raw, "venue_short")],
        "text": [_s(raw, "abstract"), _s(raw, "comments"), str(extra.get("citekey", ""))],
        "cat": [_s(raw, "category")],
        "kw": [str(k) for k in raw.get("keywords") or ()],
        "ids": [_s(raw, "arxiv_id"), _s(raw, "doi")],
    }


def _has_code(raw: dict[str, Any]) -> bool:
    """store.query.text.has_code of a stored paper dict."""
    return any("code" in str(link.get("label") or "").lower()
               and str(link.get("url") or "").strip() for link in raw.get("links") or ())


def with_edits(raw: dict[str, Any], edits: dict[str, Any]) -> dict[str, Any]:
    """A stored paper dict with the user's edit layers on top (what search should see)."""
    from store.edits import overlay
    from store.records import paper_from_raw, paper_to_raw

    return paper_to_raw(overlay(paper_from_raw(raw), edits))


def paper_document(raw: dict[str, Any], pos: int, marks: Marks | None,
                   edits: dict[str, Any] | None = None) -> tantivy.Document:
    """The index document of a stored paper at library position pos: ids, merge keys and the
    stored copy as imported; searched and sorted fields with the user's edits on top."""
    doc = tantivy.Document()
    stored = raw
    pid = _s(raw, "id")
    doc.add_text("id", pid)
    doc.add_text("alt", "id:" + pid)
    if raw.get("arxiv_id"):
        doc.add_text("alt", "arxiv:" + arxiv_key(_s(raw, "arxiv_id")))
    if raw.get("doi"):
        doc.add_text("alt", "doi:" + doi_key(_s(raw, "doi")))
    for key in merge_keys(_s(raw, "title"), _s(raw, "abstract")):
        doc.add_text("mkeys", key)
    if edits:
        raw = with_edits(raw, edits)
    authors = [str(a) for a in raw.get("authors") or ()]
    read, starred, noted, tags = marks or (False, False, False, [])
    fields = {index_field(k): v for k, v in _values(raw, authors).items()}
    fields["tag"] = fields.get("tag", []) + list(tags)
    initials: set[str] = set()
    for name, values in fields.items():
        if values:
            doc.add_text(name, slot_text(values, initials if name in ANY_FIELDS else None))
    initials.discard("|")
    doc.add_text(INITIALS, " ".join(">" + c for c in initials))
    flags = {
        "code": _has_code(raw),
        "abstract": bool(_s(raw, "abstract").strip()),
        "arxiv": bool(raw.get("arxiv_id")),
        "doi": bool(raw.get("doi")),
        "read": read,
        "starred": starred,
        "noted": noted,
    }
    doc.add_text("flags", ALL_DOCS)
    for name, on in flags.items():
        if on:
            doc.add_text("flags", name)
    for ref in raw.get("sections") or ():
        doc.add_text("sec", str(ref.get("section", "")))
        doc.add_text("sec", "c:" + str(ref.get("collection", "")))
    year = raw.get("year")
    if isinstance(year, int):
        doc.add_integer("year", year)
    doc.add_integer("s_year", year if isinstance(year, int) else 0)
    doc.add_unsigned("pos", pos)
    doc.add_text("s_title", fold(_s(raw, "title")))
    doc.add_text("s_author", fold(authors[0]) if authors else "\uffff")
    doc.add_text("s_venue", fold(_s(raw, "venue_short")) or "\uffff")
    doc.add_bytes("raw", orjson.dumps(stored))
    return doc
