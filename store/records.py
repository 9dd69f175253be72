"""Fast conversions between stored record dicts and model objects (no TinyDB documents)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from store.models import Link, Paper, Provenance, Row, SectionRef

_PAPER_FIELDS = frozenset(f.name for f in fields(Paper))
_NESTED = {"links", "sections", "provenance"}
_STRING_IDS = ("id", "title", "arxiv_id", "doi")


def _copy(value: Any) -> Any:
    """A shallow copy of list and dict values, so model objects never share stored state."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def paper_to_raw(paper: Paper) -> dict[str, Any]:
    """The stored dict of a Paper; equal to paper.to_dict() but much faster."""
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": list(paper.authors),
        "authors_truncated": paper.authors_truncated,
        "author_marks": dict(paper.author_marks),
        "author_notes": list(paper.author_notes),
        "year": paper.year,
        "date": paper.date,
        "venue": paper.venue,
        "venue_short": paper.venue_short,
        "category": paper.category,
        "abstract": paper.abstract,
        "links": [{"label": x.label, "url": x.url} for x in paper.links],
        "arxiv_id": paper.arxiv_id,
        "doi": paper.doi,
        "comments": paper.comments,
        "badges": list(paper.badges),
        "sections": [
            {"collection": s.collection, "section": s.section, "label": s.label}
            for s in paper.sections
        ],
        "provenance": [
            {"source": p.source, "importer": p.importer, "locator": p.locator, "line": p.line}
            for p in paper.provenance
        ],
        "has_code": paper.has_code,
        "placeholder": paper.placeholder,
        "keywords": list(paper.keywords),
        "extra": dict(paper.extra),
    }


def paper_from_raw(data: dict[str, Any]) -> Paper:
    """A Paper from a stored dict: unknown keys ignored, missing ones defaulted, ids as str."""
    kw = {k: _copy(v) for k, v in data.items() if k in _PAPER_FIELDS and k not in _NESTED}
    for key in _STRING_IDS:
        value = kw.get(key)
        if value is not None and not isinstance(value, str):
            kw[key] = str(value)
    paper = Paper(**kw)
    paper.links = [Link(**x) for x in data.get("links") or ()]
    paper.sections = [SectionRef(**x) for x in data.get("sections") or ()]
    paper.provenance = [Provenance(**x) for x in data.get("provenance") or ()]
    return paper


def row_from_raw(data: dict[str, Any]) -> Row:
    """The list-view Row of a stored paper dict, without building the Paper (same as from_paper)."""
    title = data.get("title") or ""
    arxiv = data.get("arxiv_id") or ""
    if not title:
        title = f"(untitled) arXiv:{arxiv}" if arxiv else "(untitled)"
    authors = data.get("authors") or []
    first = ""
    if authors:
        more = len(authors) > 1 or bool(data.get("authors_truncated"))
        first = f"{authors[0]} et al." if more else str(authors[0])
    links = data.get("links") or ()
    has_code = any(  # a code link, not a bare flag
        "code" in str(x.get("label", "")).lower() and str(x.get("url", "")).strip() for x in links
    )
    return Row(
        id=str(data.get("id", "")),
        title=str(title),
        first_author=first,
        venue_short=data.get("venue_short") or "",
        year=data.get("year"),
        category=data.get("category") or "",
        has_code=has_code,
        has_abstract=bool(data.get("abstract")),
        sections=[s.get("section", "") for s in data.get("sections") or ()],
    )


def rows_from_raw(raw: list[dict[str, Any]]) -> list[Row]:
    """Rows of many stored paper dicts, with the garbage collector paused."""
    with gc_paused():
        return [row_from_raw(d) for d in raw]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many long-lived objects, then freeze them.

    Freezing moves the new objects out of the collector's generations, so later collections
    do not re-traverse a 100k-paper library; they are still freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
