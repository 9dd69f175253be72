"""One parsed BibTeX entry (bibtexparser's Entry) as a paper."""

from __future__ import annotations

import re
from functools import lru_cache

from bibtexparser.model import Entry

from importers.bibtex.values import authors_of, evaluate, month_of
from importers.latex import latex_to_text, plain_value
from importers.venue import Venue, find_badges, parse_venue
from store.models import Link, Paper, Provenance, SectionRef, make_paper_id
from store.text import clean_block, clean_inline

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ARXIV_ID = re.compile(
    r"(?:arxiv[:/\s]*|abs/|pdf/)?(\d{4}\.\d{4,5}|[a-z][a-z.\-]+/\d{7})(?:v\d+)?", re.I
)
_ARXIV_IN_TEXT = re.compile(r"arxiv(?:\.org/(?:abs|pdf)/|:\s*)(\d{4}\.\d{4,5}|[a-z\-.]+/\d{7})",
                            re.I)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_KEYWORD_SPLIT = re.compile(r"[,;]")


def arxiv_id_of(fields: dict[str, str]) -> str:
    """The arXiv id from eprint/archivePrefix, or failing that from the url or journal."""
    eprint = plain_value(fields.get("eprint", ""))
    prefix = plain_value(fields.get("archiveprefix", fields.get("eprinttype", ""))).lower()
    if eprint and prefix in ("", "arxiv"):
        match = _ARXIV_ID.fullmatch(eprint.strip())
        if match:
            return match.group(1)
    for key in ("url", "journal", "note", "howpublished"):
        match = _ARXIV_IN_TEXT.search(fields.get(key, ""))
        if match:
            return match.group(1)
    return ""


def _text(fields: dict[str, str], key: str) -> str:
    """A field decoded from LaTeX and cleaned to one line."""
    value = fields.get(key, "")
    return clean_inline(latex_to_text(value)) if value else ""


def entry_fields(entry: Entry, macros: dict[str, str]) -> dict[str, str]:
    """An entry's fields by lower-cased name, values evaluated (braces, quotes, macros)."""
    return {f.key.lower(): evaluate(str(f.value), macros) for f in entry.fields}


def entry_to_paper(entry: Entry, macros: dict[str, str], source: str, ref: SectionRef,
                   fields: dict[str, str] | None = None) -> Paper:
    """Build one paper from one parsed entry (fields: its entry_fields, when already known)."""
    fields = entry_fields(entry, macros) if fields is None else fields
    line = (entry.start_line or 0) + 1
    paper = Paper(title=_text(fields, "title"))
    paper.authors, paper.authors_truncated = authors_of(fields.get("author", ""))
    year_match = _YEAR.search(fields.get("year", ""))
    paper.year = int(year_match.group(1)) if year_match else None
    month = month_of(fields["month"]) if "month" in fields else None
    iso = plain_value(fields.get("date", ""))
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", iso):
        paper.date = iso
        paper.year = paper.year or int(iso[:4])
    elif paper.year and month:
        paper.date = f"{paper.year:04d}-{month:02d}"
    howpublished = fields.get("howpublished", "")
    if "http" in howpublished or "\\url" in howpublished:
        howpublished = ""
    venue_text = (fields.get("booktitle") or fields.get("journal")
                  or fields.get("journaltitle") or howpublished)  # journaltitle: biblatex
    paper.venue = clean_inline(latex_to_text(venue_text)) if venue_text else ""
    if paper.venue:
        venue = _venue(paper.venue)
        short = venue.short
        if venue.year is None and paper.year and short:
            short = f"{short} {paper.year}"
        paper.venue_short = short
        paper.badges = list(venue.badges)
        paper.year = paper.year or venue.year
    paper.abstract = clean_block(latex_to_text(fields["abstract"])) if "abstract" in fields else ""
    paper.arxiv_id = arxiv_id_of(fields)
    paper.doi = _DOI_PREFIX.sub("", plain_value(fields.get("doi", "")))
    paper.comments = _text(fields, "note")
    paper.badges += [b for b in find_badges(paper.comments) if b not in paper.badges]
    paper.category = clean_inline(plain_value(fields.get("primaryclass", "")))
    url = clean_inline(plain_value(fields.get("url", "")))
    if url.startswith(("http://", "https://")):
        label = "arXiv" if "arxiv.org/" in url else "Paper"
        paper.links.append(Link(label, url))
    if paper.arxiv_id and not any("arxiv.org/" in link.url for link in paper.links):
        paper.links.append(Link("arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}"))
    raw_keywords = _KEYWORD_SPLIT.split(fields.get("keywords", ""))
    keywords = [clean_inline(latex_to_text(k)) for k in raw_keywords]
    paper.keywords = list(dict.fromkeys(k for k in keywords if k))
    paper.extra = {"citekey": clean_inline(entry.key), "entrytype": entry.entry_type.lower()}
    paper.provenance = [Provenance(source, "bibtex", f"@{clean_inline(entry.key)}", line)]
    paper.sections = [ref]
    paper.id = make_paper_id(paper)
    return paper


@lru_cache(maxsize=4096)
def _venue(printed: str) -> Venue:
    """parse_venue, cached: a .bib file repeats the same few venues (treat as read-only)."""
    return parse_venue(printed)


