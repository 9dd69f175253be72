"""A second reading of a page as a plain list of citations under headings (the site list
reader's), used when it finds more papers with authors than the structural reading."""

from __future__ import annotations

from importers.base import ImporterError, ImportResult
from importers.sites.groups import Grouped, build, collection_for, finish


def list_reading(text: str, *, source: str) -> ImportResult | None:
    """The page read as entries grouped by its headings, or None when that finds nothing."""
    from importers.sites.htmllist import html_entries  # the sites package imports this one

    grouped = Grouped()
    try:
        for paper, group, line in html_entries(text):
            if paper.authors:
                finish(paper, source=source, importer="html", locator=group, line=line)
                grouped.add(paper, group)
    except (ImporterError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
    if not grouped.items:
        return None
    cid, title = collection_for(source)
    return build(grouped, cid=cid, title=title, source=source)


def better(first: ImportResult, text: str, *, source: str) -> ImportResult:
    """first, unless the list reading finds more papers that have authors."""
    with_authors = sum(1 for p in first.papers if p.authors and p.title)
    listed = list_reading(text, source=source)
    if listed is not None and len(listed.papers) > with_authors:
        listed.warnings.extend(first.warnings)
        return listed
    return first
