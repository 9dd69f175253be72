"""arXiv API Atom importer: a pure parser of query responses (saved files or fetched text)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    too_many_entries,
)
from importers.prose import prose_text
from importers.venue import parse_venue, venue_from_comment
from store.models import Collection, Link, Paper, Provenance, Section, SectionRef, make_paper_id
from store.text import clean_block, clean_inline, slugify

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
_ID = re.compile(r"arxiv\.org/abs/(?P<id>[^\s?#]+?)(?:v\d+)?/?$", re.I)
_BARE_ID = re.compile(r"^(?:arxiv:)?(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})(?:v\d+)?$", re.I)
_FORBIDDEN = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_CODE_URL = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co)/[^\s,;)\]]+",
    re.I,
)
MAX_BYTES = 50_000_000


def normalize_arxiv_id(value: str) -> str:
    """"http://arxiv.org/abs/2002.12259v2", "arXiv:2002.12259" -> "2002.12259" ("" if none)."""
    value = value.strip()
    match = _ID.search(value) or _BARE_ID.match(value)
    return match.group("id") if match else ""


@dataclass(slots=True)
class AtomFeed:
    """A parsed response: the import result plus the feed's paging figures."""

    result: ImportResult
    total: int | None = None
    start: int | None = None
    per_page: int | None = None
    entries: int = 0
    ids: list[str] = field(default_factory=list)


def _text(element: ET.Element, tag: str) -> str:
    """Text of the first child with tag, or ""."""
    child = element.find(tag)
    return (child.text or "") if child is not None else ""


def _int(root: ET.Element, tag: str) -> int | None:
    """An integer opensearch figure of the feed, or None."""
    text = _text(root, tag).strip()
    return int(text) if text.isdigit() else None


def _slug(source: str) -> str:
    """Query slug for the collection id: "arxiv:author:Zhiyong Gao" -> "author-zhiyong-gao"."""
    if source.startswith("arxiv:"):
        return slugify(source[len("arxiv:") :])
    return slugify(PurePath(source).stem or source)


def entry_to_paper(entry: ET.Element, source: str, ref: SectionRef | None) -> Paper:
    """One Atom <entry> as a paper; ImporterError for an arXiv API error entry."""
    raw_id = _text(entry, f"{ATOM}id").strip()
    if "/api/errors" in raw_id:
        message = clean_inline(_text(entry, f"{ATOM}summary")) or raw_id
        raise ImporterError(f"arXiv API error: {message}", source=source)
    paper = Paper(arxiv_id=normalize_arxiv_id(raw_id))
    paper.title = clean_inline(prose_text(_text(entry, f"{ATOM}title")))
    paper.abstract = clean_block(prose_text(_text(entry, f"{ATOM}summary")))
    paper.authors = [
        name
        for author in entry.findall(f"{ATOM}author")
        if (name := clean_inline(_text(author, f"{ATOM}name")))
    ]
    published = clean_inline(_text(entry, f"{ATOM}published"))
    if re.match(r"^\d{4}-\d{2}-\d{2}", published):
        paper.date = published[:10]
        paper.year = int(published[:4])
    paper.comments = clean_inline(_text(entry, f"{ARXIV}comment"))
    journal_ref = clean_inline(_text(entry, f"{ARXIV}journal_ref"))
    venue = parse_venue(journal_ref) if journal_ref else venue_from_comment(paper.comments)
    if venue is not None:
        paper.venue = venue.printed
        paper.venue_short = venue.short
        paper.badges = list(venue.badges)
        paper.year = venue.year or paper.year
    paper.doi = clean_inline(_text(entry, f"{ARXIV}doi")).split(" ")[0]
    primary = entry.find(f"{ARXIV}primary_category")
    if primary is not None:
        paper.category = clean_inline(primary.get("term", ""))
    if paper.arxiv_id:
        paper.links.append(Link("arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}"))
        paper.links.append(Link("PDF", f"https://arxiv.org/pdf/{paper.arxiv_id}"))
    for url in dict.fromkeys(_CODE_URL.findall(paper.comments)):
        paper.links.append(Link("Code", url.rstrip(".")))
        paper.has_code = True
    locator = f"arXiv:{paper.arxiv_id}" if paper.arxiv_id else raw_id
    paper.provenance = [Provenance(source, "atom", clean_inline(locator), None)]
    if ref is not None:
        paper.sections = [ref]
    paper.id = make_paper_id(paper)
    return paper


def parse_feed(
    text: str, *, source: str, collection_id: str | None = None, title: str | None = None
) -> AtomFeed:
    """Parse an arXiv API response; ImporterError for malformed XML, DTDs or API errors."""
    if len(text) > MAX_BYTES:
        raise ImporterError("Atom response too large", source=source)
    if _FORBIDDEN.search(text):
        raise ImporterError("refusing XML with a DOCTYPE or ENTITY declaration", source=source)
    try:
        root = ET.fromstring(text.lstrip("\ufeff").strip())
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ImporterError(f"malformed Atom feed: {exc}", source=source, line=line) from None
    if root.tag != f"{ATOM}feed":
        raise ImporterError("not an Atom feed (no <feed> root)", source=source)
    cid = collection_id or f"arxiv:{_slug(source)}"
    label = title or clean_inline(_text(root, f"{ATOM}title")) or cid
    section = Section(id=f"{cid}/all", collection=cid, label=label, heading=label, order=0)
    result = ImportResult(
        sections=[section],
        collections=[Collection(id=cid, kind="arxiv", title=label, source=source)],
    )
    feed = AtomFeed(
        result=result,
        total=_int(root, f"{OPENSEARCH}totalResults"),
        start=_int(root, f"{OPENSEARCH}startIndex"),
        per_page=_int(root, f"{OPENSEARCH}itemsPerPage"),
    )
    ref = SectionRef(cid, section.id, section.label)
    entries = root.findall(f"{ATOM}entry")
    if len(entries) > MAX_ENTRIES:
        result.warnings.append(too_many_entries(source, None, MAX_ENTRIES))
        feed.entries += len(entries) - MAX_ENTRIES
    for index, entry in enumerate(entries[:MAX_ENTRIES], 1):
        feed.entries += 1
        paper = entry_to_paper(entry, source, ref)
        if not paper.arxiv_id and not paper.title:
            result.warnings.append(ImportWarning(source, None, f"entry {index}: no id or title"))
            continue
        result.papers.append(paper)
        feed.ids.append(paper.arxiv_id)
    return feed


class AtomImporter:
    """Imports arXiv API (Atom) responses saved to a file or fetched by the client."""

    name = "atom"
    description = "arXiv API response (Atom XML), e.g. a saved export.arxiv.org/api/query result"

    def detect(self, text: str, filename: str = "") -> float:
        """High for an Atom feed mentioning arXiv, medium for any Atom feed."""
        head = text[:4000]
        if "<feed" not in head or "http://www.w3.org/2005/Atom" not in head:
            return 0.0
        return 0.95 if "arxiv" in head.lower() else 0.6

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse a response into papers of one arxiv:<query> collection."""
        return parse_feed(text, source=source).result


IMPORTER = AtomImporter()
