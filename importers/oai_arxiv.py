"""OAI-PMH importer for arXiv's own metadata format (metadataPrefix=arXiv): one page at a time."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date

from importers.arxiv_taxonomy import (
    ARCHIVES,
    CATEGORIES,
    archive_name,
    archive_of,
    archives_in_set,
    category_name,
)
from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    too_many_entries,
)
from importers.venue import parse_venue, venue_from_comment
from store.models import Collection, Link, Paper, Provenance, Section, SectionRef, make_paper_id
from store.text import clean_block, clean_inline

OAI = "{http://www.openarchives.org/OAI/2.0/}"
ARXIV = "{http://arxiv.org/OAI/arXiv/}"
_FORBIDDEN = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CODE_URL = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co)/[^\s,;)\]]+", re.I
)
MAX_BYTES = 50_000_000
NAME = "oai-arxiv"
COLLECTION_PREFIX = "arxiv-cat:"
DATESTAMP_KEY = "oai_datestamp"  # the day the record appeared or changed on arXiv


@dataclass(slots=True)
class OaiPage:
    """One ListRecords response: its records, where to resume, and what it said."""

    result: ImportResult
    token: str = ""
    complete_size: int | None = None
    cursor: int | None = None
    last_datestamp: str = ""
    no_records: bool = False
    expired_token: bool = False
    records: int = 0
    deleted: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    cross_listed: list[str] = field(default_factory=list)


def collection_id(archive: str) -> str:
    """The collection of an archive's followed categories ("arxiv-cat:cs")."""
    return f"{COLLECTION_PREFIX}{archive}"


def section_id(category: str) -> str:
    """The section (tab) of one category ("arxiv-cat:cs/cs.cv")."""
    return f"{collection_id(archive_of(category))}/{category.lower()}"


def category_tabs(categories: list[str]) -> tuple[list[Collection], list[Section]]:
    """Collections (archives) and sections (categories) mirroring arXiv's taxonomy."""
    colls: dict[str, Collection] = {}
    secs: dict[str, Section] = {}
    archive_order = {code: i for i, code in enumerate(ARCHIVES)}
    for cat in categories:
        archive = archive_of(cat)
        cid = collection_id(archive)
        colls.setdefault(
            cid,
            Collection(cid, "arxiv", archive_name(archive), {"archive": archive},
                       order=100 + archive_order.get(archive, 99), source="arXiv OAI-PMH"),
        )
        known = CATEGORIES.get(cat)
        secs.setdefault(
            section_id(cat),
            Section(section_id(cat), cid, cat, category_name(cat),
                    order=known.order if known else 9999, page=cat),
        )
    return list(colls.values()), list(secs.values())


def _text(element: ET.Element | None, tag: str) -> str:
    """Text of the first child with tag, or ""."""
    if element is None:
        return ""
    child = element.find(tag)
    return "".join(child.itertext()) if child is not None else ""


def _author(element: ET.Element) -> str:
    """"Forenames Keyname Suffix" of one <author>."""
    parts = (_text(element, f"{ARXIV}{tag}") for tag in ("forenames", "keyname", "suffix"))
    return clean_inline(" ".join(p for p in parts if p.strip()))


def record_to_paper(meta: ET.Element, source: str, archives: set[str]) -> Paper:
    """One <arXiv> metadata element as a paper; ValueError when it lacks an id or title."""
    arxiv_id = clean_inline(_text(meta, f"{ARXIV}id"))
    title = clean_inline(_text(meta, f"{ARXIV}title"))
    if not arxiv_id or not title:
        raise ValueError("no id" if not arxiv_id else f"arXiv:{arxiv_id} has no title")
    paper = Paper(arxiv_id=arxiv_id, title=title)
    paper.abstract = clean_block(_text(meta, f"{ARXIV}abstract"))
    authors = meta.find(f"{ARXIV}authors")
    if authors is not None:
        paper.authors = [a for el in authors.findall(f"{ARXIV}author") if (a := _author(el))]
    created = clean_inline(_text(meta, f"{ARXIV}created"))
    if _DAY.match(created):
        paper.date, paper.year = created[:10], int(created[:4])
    updated = clean_inline(_text(meta, f"{ARXIV}updated"))
    cats = clean_inline(_text(meta, f"{ARXIV}categories")).split()
    paper.category = cats[0] if cats else ""
    paper.comments = clean_inline(_text(meta, f"{ARXIV}comments"))
    journal_ref = clean_inline(_text(meta, f"{ARXIV}journal-ref"))
    venue = parse_venue(journal_ref) if journal_ref else venue_from_comment(paper.comments)
    if venue is not None:
        paper.venue, paper.venue_short = venue.printed, venue.short
        paper.badges = list(venue.badges)
        paper.year = venue.year or paper.year
    paper.doi = clean_inline(_text(meta, f"{ARXIV}doi")).split(" ")[0]
    paper.links = [
        Link("arXiv", f"https://arxiv.org/abs/{arxiv_id}"),
        Link("PDF", f"https://arxiv.org/pdf/{arxiv_id}"),
    ]
    for url in dict.fromkeys(_CODE_URL.findall(paper.comments)):
        paper.links.append(Link("Code", url.rstrip(".")))
        paper.has_code = True
    paper.extra = {"arxiv_categories": " ".join(cats)}
    if _DAY.match(updated):
        paper.extra["arxiv_updated"] = updated[:10]
    if journal_ref:
        paper.extra["journal_ref"] = journal_ref
    paper.provenance = [Provenance(source, NAME, f"arXiv:{arxiv_id}", None)]
    paper.sections = [
        SectionRef(collection_id(archive_of(c)), section_id(c), c)
        for c in cats
        if archive_of(c) in archives
    ]
    paper.id = make_paper_id(paper)
    return paper


def _parse_root(text: str, source: str) -> ET.Element:
    """The OAI-PMH root element; ImporterError for anything else."""
    if len(text) > MAX_BYTES:
        raise ImporterError("OAI-PMH response too large", source=source)
    if _FORBIDDEN.search(text[:5000]):
        raise ImporterError("refusing XML with a DOCTYPE or ENTITY declaration", source=source)
    try:
        root = ET.fromstring(text.lstrip("\ufeff").strip())
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        message = f"malformed OAI-PMH response: {exc}"
        raise ImporterError(message, source=source, line=line) from None
    if root.tag != f"{OAI}OAI-PMH":
        raise ImporterError("not an OAI-PMH response (no <OAI-PMH> root)", source=source)
    return root


def parse_page(text: str, *, source: str, set_spec: str = "") -> OaiPage:
    """Parse one ListRecords page; noRecordsMatch is an empty page, other errors raise."""
    root = _parse_root(text, source)
    page = OaiPage(result=ImportResult())
    error = root.find(f"{OAI}error")
    if error is not None:
        code = error.get("code", "")
        if code == "noRecordsMatch":
            page.no_records = True
            return page
        if code == "badResumptionToken":
            page.expired_token = True
            return page
        message = clean_inline("".join(error.itertext())) or code
        raise ImporterError(f"OAI-PMH error {code}: {message}", source=source)
    listing = root.find(f"{OAI}ListRecords")
    if listing is None:
        raise ImporterError("OAI-PMH response without <ListRecords>", source=source)
    archives = archives_in_set(set_spec) if set_spec else set(ARCHIVES)
    used: list[str] = []
    records = listing.findall(f"{OAI}record")
    if len(records) > MAX_ENTRIES:
        page.result.warnings.append(too_many_entries(source, None, MAX_ENTRIES))
        page.records += len(records) - MAX_ENTRIES
    for index, record in enumerate(records[:MAX_ENTRIES], 1):
        page.records += 1
        header = record.find(f"{OAI}header")
        stamp = clean_inline(_text(header, f"{OAI}datestamp"))
        if _DAY.match(stamp):
            page.last_datestamp = max(page.last_datestamp, stamp[:10])
        ident = clean_inline(_text(header, f"{OAI}identifier"))
        if header is not None and header.get("status") == "deleted":
            page.deleted.append(ident.rsplit(":", 1)[-1])
            continue
        meta = record.find(f"{OAI}metadata/{ARXIV}arXiv")
        try:
            if meta is None:
                raise ValueError("no arXiv metadata")
            paper = record_to_paper(meta, source, archives)
            if _DAY.match(stamp):
                paper.extra[DATESTAMP_KEY] = stamp[:10]
        except ValueError as exc:
            where = ident or f"record {index}"
            page.result.warnings.append(ImportWarning(source, None, f"{where}: skipped, {exc}"))
            continue
        page.result.papers.append(paper)
        if paper.extra.get("arxiv_updated"):
            page.replaced.append(paper.arxiv_id)
        if paper.category and archive_of(paper.category) not in archives:
            page.cross_listed.append(paper.arxiv_id)
        used.extend(ref.label for ref in paper.sections)
    page.result.collections, page.result.sections = category_tabs(list(dict.fromkeys(used)))
    token = listing.find(f"{OAI}resumptionToken")
    if token is not None:
        page.token = clean_inline(token.text or "")
        size, cursor = token.get("completeListSize", ""), token.get("cursor", "")
        page.complete_size = int(size) if size.isdigit() else None
        page.cursor = int(cursor) if cursor.isdigit() else None
    return page


class OaiArxivImporter:
    """Imports a saved OAI-PMH ListRecords response in arXiv's metadata format."""

    name = NAME
    description = "arXiv OAI-PMH ListRecords response (metadataPrefix=arXiv)"

    def detect(self, text: str, filename: str = "") -> float:
        """High for an OAI-PMH response carrying arXiv-format records."""
        head = text[:4000]
        if "<OAI-PMH" not in head:
            return 0.0
        return 0.95 if "arxiv.org/OAI/arXiv" in head or "metadataPrefix=\"arXiv\"" in head else 0.5

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse one page into papers, with tabs by archive and category."""
        return parse_page(text, source=source).result


IMPORTER = OaiArxivImporter()
