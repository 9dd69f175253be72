"""What the reference-manager importers (CSL-JSON, RIS) share: venue, names, collection."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePath

from importers.venue import Venue, parse_venue
from store.models import Collection, Link, Paper, Section, SectionRef
from store.text import clean_inline, slugify

LITERAL_AUTHORS = "literal_authors"  # same extra key as store.cite.csl
ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([a-z\-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}\.\d{4,5})",
                       re.I)
ARXIV_TEXT = re.compile(r"arxiv:\s*([a-z\-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?",
                        re.I)
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)

KEY_OK = re.compile(r"^[A-Za-z0-9_:.+/\-]{1,80}$")  # a usable cite key


def set_venue(paper: Paper, venue: str, short: str = "") -> None:
    """Venue, short venue (given, else derived like the BibTeX importer) and badges."""
    paper.venue = clean_inline(venue)
    if not paper.venue:
        paper.venue_short = clean_inline(short)
        return
    parsed = _venue(paper.venue)
    derived = parsed.short
    if parsed.year is None and paper.year and derived:
        derived = f"{derived} {paper.year}"
    paper.venue_short = clean_inline(short) or derived
    paper.badges = list(parsed.badges)
    paper.year = paper.year or parsed.year


@lru_cache(maxsize=4096)
def _venue(printed: str) -> Venue:
    """parse_venue, cached: a reference file repeats the same few venues (read-only)."""
    return parse_venue(printed)


def add_url(paper: Paper, url: str) -> None:
    """An http(s) URL as a link (arXiv links also give the arXiv id)."""
    url = clean_inline(url)
    if not url.startswith(("http://", "https://")) or any(lk.url == url for lk in paper.links):
        return
    match = ARXIV_URL.search(url)
    if match and not paper.arxiv_id:
        paper.arxiv_id = match.group(1)
    paper.links.append(Link("arXiv" if match else "Paper", url))


def finish_links(paper: Paper) -> None:
    """Give an arXiv paper its abstract link when no link points at arXiv (as BibTeX does)."""
    if paper.arxiv_id and not any("arxiv.org/" in link.url for link in paper.links):
        paper.links.append(Link("arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}"))


def file_collection(source: str, prefix: str = "bibtex") -> tuple[Collection, Section, SectionRef]:
    """The collection and single section of one reference file (like a .bib's)."""
    name = PurePath(source).name if source not in ("", "-") else "stdin"
    stem = PurePath(name).stem or name
    cid = f"{prefix}:{slugify(stem)}"
    section = Section(id=f"{cid}/all", collection=cid, label=stem, heading=name, order=0)
    collection = Collection(id=cid, kind="bibtex", title=name, source=source)
    return collection, section, SectionRef(cid, section.id, section.label)
