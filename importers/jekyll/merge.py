"""Merging the entries of one site import: the same paper on several pages is one Paper."""

from __future__ import annotations

from functools import lru_cache

from store.models import Paper, make_paper_id
from store.text import normalize_title

# Titles and abstract heads repeat across the pages of a site: normalise each once.
title_key = lru_cache(maxsize=65536)(normalize_title)


def _keys(paper: Paper) -> list[str]:
    """Identity keys of a paper: normalised title, arXiv id, DOI."""
    keys: list[str] = []
    title = title_key(paper.title)
    if title:
        keys.append(f"t:{title}")
    if paper.arxiv_id:
        keys.append(f"a:{paper.arxiv_id.lower()}")
    if paper.doi:
        keys.append(f"d:{paper.doi.lower()}")
    if not keys:
        keys.append(f"x:{title_key(paper.abstract[:800])[:400]}")
    return keys


def merge_into(existing: Paper, new: Paper) -> None:
    """Fold new into existing: union sections, links, badges, provenance; fill blanks."""
    for ref in new.sections:
        if all((r.collection, r.section) != (ref.collection, ref.section)
               for r in existing.sections):
            existing.sections.append(ref)
    existing.provenance.extend(new.provenance)
    urls = {link.url for link in existing.links}
    existing.links.extend(link for link in new.links if link.url not in urls)
    existing.badges.extend(b for b in new.badges if b not in existing.badges)
    existing.author_notes.extend(n for n in new.author_notes if n not in existing.author_notes)
    for name, marks in new.author_marks.items():
        existing.author_marks.setdefault(name, marks)
    if not existing.authors:
        existing.authors = new.authors
        existing.authors_truncated = new.authors_truncated
    if not existing.venue:
        existing.venue, existing.venue_short = new.venue, new.venue_short
    if existing.year is None:
        existing.year = new.year
    if not existing.abstract:
        existing.abstract = new.abstract
    existing.arxiv_id = existing.arxiv_id or new.arxiv_id
    existing.doi = existing.doi or new.doi
    existing.has_code = existing.has_code or new.has_code
    existing.placeholder = existing.placeholder and new.placeholder
    for key, value in new.extra.items():
        existing.extra.setdefault(key, value)


class PaperRegistry:
    """Papers of one import, found again by title, arXiv id or DOI."""

    def __init__(self) -> None:
        """Empty registry."""
        self._papers: list[Paper] = []
        self._index: dict[str, int] = {}

    def add(self, paper: Paper) -> int:
        """Add or merge paper; returns the index of the record it ended up in."""
        keys = _keys(paper)
        for key in keys:
            if key in self._index:
                at = self._index[key]
                merge_into(self._papers[at], paper)
                for k in _keys(self._papers[at]):
                    self._index.setdefault(k, at)
                return at
        at = len(self._papers)
        self._papers.append(paper)
        for key in keys:
            self._index[key] = at
        return at

    def papers(self) -> list[Paper]:
        """Every paper in first-seen order, with ids recomputed from merged identity."""
        for paper in self._papers:
            paper.id = make_paper_id(paper)
        return list(self._papers)
