"""Sections from a source's own grouping: headings, publication types, or years."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from importers.base import ImportResult
from importers.sites.fields import clean_label
from store.models import Collection, Paper, Provenance, Section, SectionRef, make_paper_id
from store.text import clean_inline, slugify

OTHER = "Other"
_YEARISH = re.compile(r"^(?:19|20)\d\d$")


@dataclass(slots=True)
class Grouped:
    """Papers with the label of the group (tab) each one belongs to, in source order."""

    items: list[tuple[Paper, str]] = field(default_factory=list)

    def add(self, paper: Paper, group: str) -> None:
        """Add a paper under a group label ("" means: group by year)."""
        self.items.append((paper, clean_label(group)))


def year_label(paper: Paper) -> str:
    """The year tab of a paper ("Other" without a year)."""
    return str(paper.year) if paper.year else OTHER


# The publication types the generators name, in the order their list pages show them.
TYPE_ORDER = ("Journal articles", "Conference papers", "Book chapters", "Books", "Preprints",
              "Theses", "Reports", "Patents")


def labels_in_order(items: list[tuple[Paper, str]]) -> list[str]:
    """Group labels in first-seen order (types in their usual order, years newest first);
    "Other" always last."""
    seen = list(dict.fromkeys(label for _, label in items))
    if seen and all(_YEARISH.match(label) or label == OTHER for label in seen):
        return sorted(seen, key=lambda s: (s == OTHER, -int(s) if s != OTHER else 0))
    if all(label in TYPE_ORDER or label == OTHER for label in seen):
        return sorted(seen, key=lambda s: TYPE_ORDER.index(s) if s != OTHER else 99)
    return sorted(seen, key=lambda s: s == OTHER)


def finish(paper: Paper, *, source: str, importer: str, locator: str = "",
           line: int | None = None) -> Paper:
    """Give a built paper its provenance and id."""
    paper.provenance = [Provenance(source, importer, clean_label(locator), line)]
    paper.id = make_paper_id(paper)
    return paper


def collection_for(source: str) -> tuple[str, str]:
    """(collection id, title) of a file imported on its own: `site:<file stem>`."""
    stem = PurePosixPath(source.replace("\\", "/")).stem or "site"
    if stem in ("index", "about", "_index") and "/" in source:
        stem = PurePosixPath(source.replace("\\", "/")).parent.name or stem
    return f"site:{slugify(stem)}", stem


def build(grouped: Grouped, *, cid: str, title: str, source: str,
          meta: dict[str, str] | None = None, order: int = 0) -> ImportResult:
    """One collection, a section per group (years when there is no other grouping)."""
    typed = any(label for _, label in grouped.items)
    items = [(p, label or (OTHER if typed else year_label(p))) for p, label in grouped.items]
    result = ImportResult()
    result.collections.append(Collection(id=cid, kind="site", title=clean_inline(title) or cid,
                                         meta=dict(meta or {}), order=order, source=source))
    ids: dict[str, str] = {}
    used: set[str] = set()
    for index, label in enumerate(labels_in_order(items)):
        base = f"{cid}/{slugify(label) or 'all'}"
        sid, n = base, 2
        while sid in used:
            sid, n = f"{base}-{n}", n + 1
        used.add(sid)
        ids[label] = sid
        result.sections.append(Section(id=sid, collection=cid, label=label, heading=label,
                                       order=index, page=source))
    for paper, label in items:
        paper.sections = [SectionRef(cid, ids[label], label)]
        result.papers.append(paper)
    return result


def regroup(result: ImportResult) -> Grouped:
    """The papers of a built result with their group labels (to rebuild under a site)."""
    grouped = Grouped()
    for paper in result.papers:
        label = paper.sections[0].label if paper.sections else ""
        grouped.add(paper, label)
    return grouped
