"""academicpages: `_publications/*.md` pages (front matter and body sections)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from importers.base import ImporterError, ImportResult
from importers.sites.alfolio import IMPORTER as BIBTEX
from importers.sites.citation import authors_from_citation, venue_from_citation
from importers.sites.fields import (
    add_link,
    block_of,
    names_of,
    set_doi,
    set_venue,
    text_of,
    year_and_date,
)
from importers.sites.front import split_front
from importers.sites.groups import Grouped, build, collection_for, finish
from importers.sites.markdown import Block, inline_links, sections
from store.models import Paper

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_KEYS = re.compile(r"^(collection|venue|paperurl|citation|slidesurl|excerpt)\s*:", re.I | re.M)
_NOISE = re.compile(r"^(?:recommended citation|download (?:paper|slides)|\[?download|"
                    r"use google scholar)", re.I)
# Front-matter link keys of the template and its forks, with their labels.
LINK_KEYS: tuple[tuple[str, str], ...] = (
    ("paperurl", "Paper"), ("pdf", "PDF"), ("slidesurl", "Slides"), ("codeurl", "Code"),
    ("code", "Code"), ("videourl", "Video"), ("posterurl", "Poster"), ("dataurl", "Dataset"),
    ("projecturl", "Project"), ("link", "Link"), ("url", "Link"), ("bibtexurl", "BibTeX"),
)
_CATEGORIES = {"manuscripts": "Journal articles", "conferences": "Conference papers",
               "books": "Books", "preprints": "Preprints", "theses": "Theses"}


def _body(paper: Paper, blocks: dict[str, list[Block]], source: str) -> None:
    """Fill gaps from the body: Abstract, Authors and Links sections, a fenced BibTeX entry."""
    for heading, items in blocks.items():
        text = "\n\n".join(b.text for b in items if b.kind in ("paragraph", "item"))
        if heading.startswith(("abstract", "summary")) and text and not paper.abstract:
            paper.abstract = block_of(text)
        elif heading.startswith("author") and text and not paper.authors:
            paper.authors, paper.authors_truncated = names_of(text.replace("\n", ", "))
        elif heading.startswith(("link", "resource", "material")):
            for block in items:
                for label, href in inline_links(block.children):
                    add_link(paper, text_of(label) or "Link", href)
        for block in items:
            bib = "bib" in block.info or block.text.lstrip().startswith("@")
            if block.kind == "fence" and bib:
                _from_bibtex(paper, block.text, source)
    if not paper.abstract:
        plain = [b.text for b in blocks.get("", []) if b.kind == "paragraph"
                 and not _NOISE.match(text_of(b.text)) and len(b.text) > 80]
        if plain:
            paper.abstract = block_of("\n\n".join(plain))


def _from_bibtex(paper: Paper, text: str, source: str) -> None:
    """Authors, DOI, venue and year from a fenced BibTeX entry, where the page has none."""
    try:
        found = BIBTEX.parse(text, source=source, today=date(2000, 1, 1)).papers
    except ImporterError:
        return
    if not found:
        return
    entry = found[0]
    if not paper.authors:
        paper.authors, paper.authors_truncated = entry.authors, entry.authors_truncated
    paper.doi = paper.doi or entry.doi
    paper.arxiv_id = paper.arxiv_id or entry.arxiv_id
    paper.year = paper.year or entry.year
    if not paper.venue and entry.venue:
        set_venue(paper, entry.venue)


def page_paper(data: dict[str, Any], blocks: dict[str, list[Block]], source: str) -> Paper:
    """One publication from an academicpages page's front matter and body."""
    paper = Paper(title=text_of(data.get("title")))
    paper.year, paper.date = year_and_date(data.get("date") or data.get("pub_date")
                                           or data.get("year"))
    citation = text_of(data.get("citation"))
    if data.get("authors") or data.get("author"):
        paper.authors, paper.authors_truncated = names_of(data.get("authors")
                                                          or data.get("author"))
    elif citation:
        paper.authors, paper.authors_truncated = authors_from_citation(citation, paper.title)
    venue = text_of(data.get("venue") or data.get("journal") or data.get("conference"))
    raw_citation = data.get("citation") if isinstance(data.get("citation"), str) else ""
    set_venue(paper, venue or venue_from_citation(raw_citation, paper.title))
    paper.abstract = block_of(data.get("abstract") or "")
    for key, label in LINK_KEYS:
        if data.get(key):
            add_link(paper, label, data[key])
    set_doi(paper, data.get("doi") or "")
    if citation:
        paper.extra["citation"] = citation
        set_doi(paper, citation)
    _body(paper, blocks, source)
    if not paper.abstract and data.get("excerpt"):
        paper.abstract = block_of(data["excerpt"])
    return paper


def group_of(data: dict[str, Any]) -> str:
    """The page's tab: its category (the template's manuscripts/conferences/books)."""
    category = text_of(data.get("category") or data.get("type") or data.get("pubtype"))
    return _CATEGORIES.get(category.lower(), category.replace("_", " ").title())


class AcademicPagesImporter:
    """Publication pages of an academicpages site (`_publications/*.md`)."""

    name = "academicpages"
    description = "academicpages _publications/*.md (title, venue, date, paperurl, citation…)"

    def explain(self, text: str, filename: str = "") -> tuple[float, str]:
        """Confidence and why: a page in `_publications/`, or the template's keys."""
        path = filename.replace("\\", "/").lower()
        if not _FRONT.match(text[:10]):
            return 0.0, "no front matter"
        keys = {k.lower() for k in _KEYS.findall(text[:8000])}
        if "_publications/" in path and path.endswith((".md", ".markdown", ".html")):
            return (0.95, "page in _publications/") if "title" in text[:8000].lower() else (
                0.4, "page in _publications/ without a title")
        if "collection" in keys and re.search(r"^collection:\s*['\"]?publications", text[:8000],
                                              re.I | re.M):
            return 0.94, "front matter says collection: publications"
        if {"venue", "citation"} <= keys or {"venue", "paperurl"} <= keys:
            return 0.8, "front matter with venue and citation/paperurl"
        return 0.0, "not an academicpages publication page"

    def detect(self, text: str, filename: str = "") -> float:
        """Confidence that text is an academicpages publication page."""
        return self.explain(text, filename)[0]

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse one publication page into one paper."""
        del today
        front = split_front(text, source=source)
        if not front.kind:
            raise ImporterError("no front matter: not an academicpages publication page",
                                source=source, line=1)
        body = sections(front.body, first_line=front.body_line)
        paper = page_paper(front.data, body, source)
        if not paper.title:
            raise ImporterError("publication page has no title", source=source, line=1)
        finish(paper, source=source, importer=self.name,
               locator=text_of(front.data.get("permalink")), line=1)
        grouped = Grouped()
        grouped.add(paper, group_of(front.data))
        cid, title = collection_for(source)
        return build(grouped, cid=cid, title=title, source=source)


IMPORTER = AcademicPagesImporter()
