"""One publication as read from a page (title, author text, venue text, links…) -> a Paper."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.jekyll.authors import cached_authors, is_note, plain_note
from importers.venue import cached_venue, find_badges
from store.models import Link, Paper, Provenance
from store.text import clean_block, clean_inline

IMPORTER_NAME = "html"
_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf)/(?P<id>(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}))", re.I
)
_DOI = re.compile(r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/|epdf/)?|link\.springer\.com/"
                  r"(?:chapter|article)/)(?P<doi>10\.\d{4,9}/[^\s?#]+)", re.I)
_BARE_DOI = re.compile(r"^(?:doi:\s*)?(10\.\d{4,9}/\S+)$", re.I)
_PLACEHOLDER = re.compile(
    r"\b(?:coming\s+soon|stay\s+tuned|to\s+be\s+(?:released|announced|updated)|tb[ad])\b", re.I
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ARROWS = "▶▼▲►▸▾▴◀◄‣•·|"


@dataclass(slots=True)
class EntryParts:
    """What a theme reader found for one publication, still as printed text."""

    title: str = ""
    title_url: str = ""
    authors: str = ""
    venue: str = ""
    year: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)
    abstract: str = ""
    abstract_id: str = ""
    notes: list[str] = field(default_factory=list)
    awards: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    doi: str = ""
    arxiv_id: str = ""
    date: str = ""
    keywords: list[str] = field(default_factory=list)
    bibtex: str = ""

    def add_link(self, label: str, url: str) -> None:
        """Keep an http(s) or site-relative link once; javascript:, # and mailto: are dropped."""
        url = url.strip()
        low = url.lower()
        if not url or low.startswith(("#", "javascript:", "mailto:", "data:", "tel:")):
            return
        label = clean_inline(label).strip(" |[]()") or "Link"
        if (label, url) not in self.links:
            self.links.append((label, url))

    def add_badges(self, names: list[str]) -> None:
        """Add badges once each, in order."""
        for name in names:
            name = clean_inline(name).strip("()[]! ")
            if name and name not in self.badges:
                self.badges.append(name)


def clean_label(text: str) -> str:
    """A nav label without ▶/▼ markers and stray separators."""
    return clean_inline(text).strip(_ARROWS + " ").strip()


def to_paper(parts: EntryParts, *, source: str, locator: str) -> Paper | None:
    """The Paper for parts, or None when there is no title."""
    title = clean_inline(parts.title).strip(" .,;:")
    if not title:
        return None
    paper = Paper(title=title)
    links = [Link(label=label, url=url) for label, url in parts.links]
    if parts.title_url and all(link.url != parts.title_url for link in links):
        links.insert(0, Link(label="Paper", url=parts.title_url))
    authors = cached_authors(parts.authors) if parts.authors else None
    notes: list[str] = []
    if authors is not None:
        paper.authors = authors.names
        paper.author_marks = authors.marks
        paper.authors_truncated = authors.truncated
        notes = list(authors.notes)
    for note in parts.notes:
        note = plain_note(note) if is_note(note) else clean_inline(note)
        if note and note not in notes:
            notes.append(note)
    paper.author_notes = notes
    badges = list(parts.badges)
    if parts.venue:
        venue = cached_venue(parts.venue)
        paper.venue, paper.venue_short, paper.year = venue.printed, venue.short, venue.year
        badges += [b for b in venue.badges if b not in badges]
    if paper.year is None and parts.year:
        found = _YEAR.search(parts.year)
        if found:
            paper.year = int(found.group(0))
            if paper.venue_short and str(paper.year) not in paper.venue_short:
                paper.venue_short = f"{paper.venue_short} {paper.year}"
    paper.badges = badges
    paper.links = links
    paper.abstract = clean_block(parts.abstract)
    paper.has_code = any("code" in link.label.lower() for link in links)
    paper.placeholder = bool(_PLACEHOLDER.search(parts.title)) or not (links or paper.abstract)
    paper.date = clean_inline(parts.date)
    paper.keywords = [k for k in (clean_inline(k) for k in parts.keywords) if k]
    _identifiers(paper, parts)
    if parts.abstract_id:
        paper.extra["abstract_id"] = parts.abstract_id
    if parts.awards:
        paper.extra["award"] = "; ".join(parts.awards)
    if parts.texts:
        paper.extra["note"] = "; ".join(parts.texts)
    if parts.bibtex:
        paper.extra["bibtex"] = parts.bibtex.strip()
    paper.provenance = [Provenance(source=source, importer=IMPORTER_NAME, locator=locator)]
    return paper


def _identifiers(paper: Paper, parts: EntryParts) -> None:
    """arXiv id and DOI from the given values, else from the links."""
    paper.arxiv_id = parts.arxiv_id.strip()
    doi = _BARE_DOI.match(parts.doi.strip())
    paper.doi = doi.group(1).rstrip(".") if doi else ""
    for link in paper.links:
        found = _ARXIV.search(link.url) if "rxiv" in link.url.lower() else None
        if found and not paper.arxiv_id:
            paper.arxiv_id = found.group("id")
        found = _DOI.search(link.url) if "10." in link.url else None
        if found and not paper.doi:
            paper.doi = found.group("doi").rstrip(".")


def badges_in(text: str) -> list[str]:
    """Highlight badges named in a piece of text."""
    return find_badges(text)
