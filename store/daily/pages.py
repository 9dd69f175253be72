"""One harvested page on its way into the store: filtering to follows, finding arrivals."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from store.imports import ImportLike
from store.models import Collection, Paper, Section

UPDATED_KEY = "arxiv_updated"
JOURNAL_KEY = "journal_ref"
DATESTAMP_KEY = "oai_datestamp"
ORIGIN_PREFIX = "_from."  # the merge's marker of a field given by another source
FIELDS = ("title", "abstract", "comments", "doi", "category", "venue", "venue_short", "year",
          "date", "arxiv_id")


@dataclass(slots=True)
class Page:
    """Papers, tabs and warnings of one page (an ImportLike for Store.apply_import)."""

    papers: list[Paper] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    warnings: list[object] = field(default_factory=list)

    def extend(self, other: ImportLike) -> None:
        """Append another result's records."""
        self.papers += list(other.papers)
        self.sections += list(other.sections)
        self.collections += list(other.collections)
        self.warnings += list(other.warnings)

    def unique(self) -> Page:
        """This page with each arXiv id (and each tab) once."""
        seen: set[str] = set()
        papers = []
        for paper in self.papers:
            key = paper.arxiv_id.lower() or paper.id
            if key not in seen:
                seen.add(key)
                papers.append(paper)
        secs = list({s.id: s for s in self.sections}.values())
        colls = list({c.id: c for c in self.collections}.values())
        return Page(papers, secs, colls, list(self.warnings))


def keep_followed(result: ImportLike, followed: Callable[[str], bool]) -> Page:
    """The papers with a followed category, their tabs limited to the followed categories."""
    page = Page(warnings=list(result.warnings))
    used: set[str] = set()
    for paper in result.papers:
        refs = [ref for ref in paper.sections if followed(ref.label)]
        if not refs:
            continue
        paper.sections = refs
        used.update(ref.section for ref in refs)
        page.papers.append(paper)
    page.sections = [s for s in result.sections if s.id in used]
    colls = {s.collection for s in page.sections}
    page.collections = [c for c in result.collections if c.id in colls]
    return page


class Lookup(Protocol):
    """The Store's fast lookup: stored papers by id, as imported."""

    def imported_many(self, ids: Iterable[str]) -> dict[str, Paper]:
        """The stored papers among ids, as imported (without the user's edits)."""
        ...


@dataclass(slots=True)
class Found:
    """The arrivals of a page and the ids worth reporting."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def _origin(paper: Paper, name: str) -> str:
    """The source a stored field came from (the merge's marker, else the first source)."""
    marked = paper.extra.get(ORIGIN_PREFIX + name)
    if marked is not None:
        return marked
    return paper.provenance[0].source if paper.provenance else ""


def _would_change(old: Paper, new: Paper, source: str) -> bool:
    """True when storing the incoming record could change the stored paper: an empty field
    filled, a field this source gave corrected, a fuller author list, a new tab or link."""
    for name in FIELDS:
        value, have = getattr(new, name), getattr(old, name)
        if value and value != have and (not have or _origin(old, name) == source):
            return True
    if new.authors and new.authors != old.authors and (
        not old.authors or _origin(old, "authors") == source
        or len(new.authors) > len(old.authors)
    ):
        return True
    if any(p.source == source for p in new.provenance) and not any(
        p.source == source for p in old.provenance
    ):
        return True
    sections = {ref.section for ref in old.sections}
    links = {link.url for link in old.links}
    return any(r.section not in sections for r in new.sections) or any(
        link.url not in links for link in new.links
    )


def arrivals_for(store: Lookup, papers: list[Paper],
                 known: Mapping[str, Mapping[str, Any]], source: str = "") -> Found:
    """New papers and new versions among papers (compared with the store before storing).

    Existence is checked through the store's index (Store.imported_many), so a page of new
    papers never parses the library; a paper stored under another id (merged into a site's
    record) is known by its arrival entry.
    """
    found = Found()
    stored = store.imported_many([p.id for p in papers if p.arxiv_id])
    for paper in papers:
        key = paper.arxiv_id
        if not key:
            continue
        updated = paper.extra.get(UPDATED_KEY, "")
        day = paper.extra.get(DATESTAMP_KEY) or updated or paper.date
        old = stored.get(paper.id)
        before = known.get(key, {})
        if old is None:
            found.changed.append(key)
            if before and before.get("updated", "") == updated:
                # arrived before: stored under another record's id, or an interrupted run
                # recorded the arrival but not the paper (storing again is harmless)
                continue
            kind = "replaced" if updated else "new"  # a later version of a paper new to us
            found.entries[key] = {"day": day, "kind": kind, "updated": updated, "id": paper.id}
            (found.replaced if before else found.new).append(key)
            continue
        if _would_change(old, paper, source):
            found.changed.append(key)
        seen_version = before.get("updated") or old.extra.get(UPDATED_KEY, "")
        if updated and updated != seen_version:
            found.entries[key] = {"day": day, "kind": "replaced", "updated": updated,
                                  "id": old.id}
            found.replaced.append(key)
        had_ref = old.doi or old.extra.get(JOURNAL_KEY) or old.venue
        if (paper.doi or paper.extra.get(JOURNAL_KEY)) and not had_ref:
            found.venues.append(key)
    return found
