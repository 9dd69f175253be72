"""Field-level merging of two records of one paper, remembering which source gave a field."""

from __future__ import annotations

import copy

from store.merge_keys import arxiv_key
from store.models import Paper

# Fields filled from the other record when empty, or refreshed by the source that gave them.
SCALAR_FIELDS = (
    "title",
    "year",
    "date",
    "venue",
    "venue_short",
    "abstract",
    "arxiv_id",
    "doi",
    "comments",
    "category",
)
ORIGIN_PREFIX = "_from."  # extra["_from.<field>"] = source that gave the field, when not the first


def sources_of(paper: Paper) -> set[str]:
    """The set of sources a paper was seen in."""
    return {p.source for p in paper.provenance}


def origin(paper: Paper, name: str) -> str:
    """The source a field's value came from: its marker, else the paper's first source."""
    marked = paper.extra.get(ORIGIN_PREFIX + name)
    if marked is not None:
        return marked
    return paper.provenance[0].source if paper.provenance else ""


def _set_origin(target: Paper, name: str, source: str) -> None:
    """Remember that target's field came from source (no marker for the first source)."""
    first = target.provenance[0].source if target.provenance else ""
    key = ORIGIN_PREFIX + name
    if source == first or not source:
        target.extra.pop(key, None)
    else:
        target.extra[key] = source


def conflicts(a: Paper, b: Paper) -> bool:
    """True when two records cannot be one paper: different arXiv ids or different DOIs."""
    if a.arxiv_id and b.arxiv_id and arxiv_key(a.arxiv_id) != arxiv_key(b.arxiv_id):
        return True
    return bool(a.doi and b.doi and a.doi.strip().lower() != b.doi.strip().lower())


def _empty(value: object) -> bool:
    """True for "", None and empty containers (0 and False are values)."""
    return value is None or value == "" or value == [] or value == {}


def _better_authors(target: Paper, other: Paper) -> bool:
    """True when other's author list is fuller than target's (a full list beats "et al.")."""
    if not other.authors:
        return False
    if not target.authors:
        return True
    if target.authors_truncated and not other.authors_truncated:
        return len(other.authors) >= len(target.authors)
    if target.authors_truncated == other.authors_truncated:
        return len(other.authors) > len(target.authors)
    return False


def _take_authors(target: Paper, other: Paper) -> None:
    """Copy other's author list, flags and notes into target."""
    target.authors = list(other.authors)
    target.authors_truncated = other.authors_truncated
    target.author_marks = dict(other.author_marks)
    target.author_notes = list(other.author_notes)


def _union(into: list, more: list, key=lambda x: x) -> None:  # type: ignore[no-untyped-def]
    """Append items of more whose key is not yet in into, keeping order."""
    seen = {key(x) for x in into}
    for item in more:
        k = key(item)
        if k not in seen:
            seen.add(k)
            into.append(copy.copy(item))


def absorb(target: Paper, other: Paper) -> None:
    """Merge other (a record of the same paper) into target, in place.

    Empty fields are filled; a field whose value came from a source that other is a fresh
    record of is refreshed (a corrected title on a re-imported page); lists are unioned.
    Provenance is handled by the caller, before this is called.
    """
    fresh = sources_of(other)
    for name in SCALAR_FIELDS:
        new = getattr(other, name)
        if _empty(new):
            continue
        old = getattr(target, name)
        if _empty(old) or (old != new and origin(target, name) in fresh):
            setattr(target, name, new)
            _set_origin(target, name, origin(other, name))
    if target.authors != other.authors or target.authors_truncated != other.authors_truncated:
        refresh = bool(other.authors) and origin(target, "authors") in fresh
        if refresh or _better_authors(target, other):
            _take_authors(target, other)
            _set_origin(target, "authors", origin(other, "authors"))
    for name, mark in other.author_marks.items():
        target.author_marks.setdefault(name, mark)
    _union(target.author_notes, other.author_notes)
    _union(target.links, other.links, key=lambda link: link.url)
    _union(target.badges, other.badges)
    _union(target.sections, other.sections, key=lambda ref: ref.section)
    _union(target.keywords, other.keywords)
    target.has_code = target.has_code or other.has_code
    target.placeholder = target.placeholder and other.placeholder
    for key, value in other.extra.items():
        if not key.startswith(ORIGIN_PREFIX):
            target.extra.setdefault(key, value)
