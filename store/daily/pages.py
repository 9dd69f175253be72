"""One harvested page on its way into the store: filtering to follows, finding arrivals."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from store.importing import ImportLike
from store.models import Collection, Paper, Row, Section

UPDATED_KEY = "arxiv_updated"
JOURNAL_KEY = "journal_ref"
DATESTAMP_KEY = "oai_datestamp"


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
    """The Store's fast lookups: every row (cached) and one paper by id."""

    def rows(self) -> list[Row]:
        """Every paper's list row."""
        ...

    def get(self, paper_id: str) -> Paper | None:
        """The paper with this id, or None."""
        ...


@dataclass(slots=True)
class Found:
    """The arrivals of a page and the ids worth reporting."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def _differs(old: Paper, new: Paper) -> bool:
    """True when the incoming record would change what is stored."""
    fields = ("title", "abstract", "comments", "doi", "category")
    if any(getattr(new, f) and getattr(new, f) != getattr(old, f) for f in fields):
        return True
    if new.authors and new.authors != old.authors:
        return True
    have = {ref.section for ref in old.sections}
    return any(ref.section not in have for ref in new.sections)


def arrivals_for(store: Lookup, papers: list[Paper],
                 known: Mapping[str, Mapping[str, Any]]) -> Found:
    """New papers and new versions among papers (compared with the store before storing).

    Existence is checked against the cached rows, so a page of new papers never parses the
    library; a paper stored under another id (merged into a site's record) is known by its
    arrival entry.
    """
    found = Found()
    ids = {row.id for row in store.rows()}
    for paper in papers:
        key = paper.arxiv_id
        if not key:
            continue
        updated = paper.extra.get(UPDATED_KEY, "")
        day = paper.extra.get(DATESTAMP_KEY) or updated or paper.date
        old = store.get(paper.id) if paper.id in ids else None
        before = known.get(key, {})
        if old is None:
            found.changed.append(key)
            if before and before.get("updated", "") == updated:
                # arrived before: stored under another record's id, or an interrupted run
                # recorded the arrival but not the paper (storing again is harmless)
                continue
            kind = "replaced" if updated and before else ("replaced" if updated else "new")
            found.entries[key] = {"day": day, "kind": kind, "updated": updated}
            (found.replaced if before else found.new).append(key)
            continue
        if _differs(old, paper):
            found.changed.append(key)
        seen_version = before.get("updated") or old.extra.get(UPDATED_KEY, "")
        if updated and updated != seen_version:
            found.entries[key] = {"day": day, "kind": "replaced", "updated": updated}
            found.replaced.append(key)
        had_ref = old.doi or old.extra.get(JOURNAL_KEY) or old.venue
        if (paper.doi or paper.extra.get(JOURNAL_KEY)) and not had_ref:
            found.venues.append(key)
    return found
