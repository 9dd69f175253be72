"""Field-level merging of two records of one paper, remembering which source gave a field."""

from __future__ import annotations

from dataclasses import replace

from store.merge.keys import arxiv_key
from store.merge.versions import union_related
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


def clone(paper: Paper) -> Paper:
    """A copy of paper with its own containers (the Link/SectionRef/Provenance items are shared,
    and merging never mutates them)."""
    return replace(
        paper,
        authors=list(paper.authors),
        author_marks=dict(paper.author_marks),
        author_notes=list(paper.author_notes),
        links=list(paper.links),
        badges=list(paper.badges),
        sections=list(paper.sections),
        provenance=list(paper.provenance),
        keywords=list(paper.keywords),
        extra=dict(paper.extra),
    )


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


def keep_origins(target: Paper, old_first: str) -> None:
    """Keep every field's origin after target's first source changed from old_first.

    Unmarked fields came from the first source; when re-imports drop or reorder provenance
    so another source comes first, those fields get an explicit marker, and markers naming
    the new first source are dropped (one canonical form, so equal papers compare equal).
    """
    first = target.provenance[0].source if target.provenance else ""
    if first == old_first:
        return
    names = [name for name in SCALAR_FIELDS if not _empty(getattr(target, name))]
    if target.authors:
        names.append("authors")
    for name in names:
        key = ORIGIN_PREFIX + name
        source = target.extra.get(key, old_first)
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
            into.append(item)


def absorb(target: Paper, other: Paper, locked: set[str]) -> None:
    """Merge other (a record of the same paper) into target, in place.

    Empty fields are filled; a field whose value came from a source that other is a fresh
    record of is refreshed (a corrected title on a re-imported page), but only once per merge:
    `locked` holds the fields already settled by an earlier record in this merge. Lists are
    unioned. Provenance is handled by the caller.
    """
    fresh = sources_of(other)
    for name in SCALAR_FIELDS:
        new = getattr(other, name)
        if _empty(new):
            continue
        old = getattr(target, name)
        mine = origin(target, name) in fresh
        if _empty(old) or (old != new and mine and name not in locked):
            setattr(target, name, new)
            _set_origin(target, name, origin(other, name))
            locked.add(name)
        elif mine:
            locked.add(name)
    if other.authors:
        mine = origin(target, "authors") in fresh
        differs = (target.authors, target.authors_truncated) != (
            other.authors,
            other.authors_truncated,
        )
        # the source that gave the list may correct it, but never shorten it
        refresh = mine and "authors" not in locked and not _better_authors(other, target)
        if differs and (refresh or _better_authors(target, other)):
            _take_authors(target, other)
            _set_origin(target, "authors", origin(other, "authors"))
            locked.add("authors")
        elif mine:
            locked.add("authors")
    for name, mark in other.author_marks.items():
        target.author_marks.setdefault(name, mark)
    _union(target.author_notes, other.author_notes)
    _union(target.links, other.links, key=lambda link: link.url)
    _union(target.badges, other.badges)
    _union(target.sections, other.sections, key=lambda ref: ref.section)
    _union(target.keywords, other.keywords)
    target.has_code = target.has_code or other.has_code
    target.placeholder = target.placeholder and other.placeholder
    union_related(target, other)
    for key, value in other.extra.items():
        if not key.startswith(ORIGIN_PREFIX):
            target.extra.setdefault(key, value)


def settled_fields(paper: Paper) -> set[str]:
    """The fields a paper new in this merge already settles (its non-empty ones)."""
    names = {name for name in SCALAR_FIELDS if not _empty(getattr(paper, name))}
    if paper.authors:
        names.add("authors")
    return names


def combine(records: list[Paper]) -> Paper:
    """One record of a paper from several incoming records of it (the first settles its
    fields, later ones fill gaps or give a fuller author list; provenance is concatenated)."""
    combined = clone(records[0])
    locked = settled_fields(combined)
    for record in records[1:]:
        absorb(combined, record, locked)
        combined.provenance.extend(record.provenance)
    return combined
