"""Field values of site sources: plain text, names, dates, venues and labelled links."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from nameparser import HumanName
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from importers.venue import cached_venue
from store.models import Link, Paper
from store.text import clean_block, clean_inline

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ISO = re.compile(r"(1[89]\d\d|20\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_TAGS = re.compile(r"<[^<>]{0,2000}>")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"!?\[([^\[\]]{0,500})\]\([^()\s]{0,2000}(?:\s+\"[^\"]*\")?\)")
_NAME_MARKS = re.compile(r"[*†‡§¶#^]+|\\?\*|\(\s*equal[^)]*\)", re.I)
_SPLIT_AND = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|;\s*)", re.I)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_ARXIV = re.compile(r"(?:arxiv(?:\.org/(?:abs|pdf)/|:\s*)|^)(\d{4}\.\d{4,5}|[a-z\-.]+/\d{7})"
                    r"(?:v\d+)?(?:\.pdf)?$", re.I)

# Link field names of the common generators, and the label each one gets.
LINK_LABELS: dict[str, str] = {
    "html": "HTML", "url": "Paper", "link": "Paper", "paper": "Paper", "paperurl": "Paper",
    "paper_url": "Paper", "url_pdf": "PDF", "pdf": "PDF", "pdfurl": "PDF", "url_preprint":
    "Preprint", "preprint": "Preprint", "arxiv": "arXiv", "code": "Code", "codeurl": "Code",
    "url_code": "Code", "github": "Code", "repo": "Code", "source_code": "Code", "website":
    "Project", "project": "Project", "project_page": "Project", "projectpage": "Project",
    "url_project": "Project", "page": "Project", "homepage": "Project", "video": "Video",
    "url_video": "Video", "youtube": "Video", "supp": "Supplement", "supplementary":
    "Supplement", "slides": "Slides", "slidesurl": "Slides", "url_slides": "Slides", "poster":
    "Poster", "url_poster": "Poster", "blog": "Blog", "dataset": "Dataset", "url_dataset":
    "Dataset", "data": "Dataset", "demo": "Demo", "talk": "Talk", "url_source": "Source",
    "bibtex": "BibTeX", "bib": "BibTeX", "doi": "DOI", "openreview": "OpenReview",
}


def text_of(value: Any) -> str:
    """A value as one line of plain text (lists are joined, HTML and Markdown dropped)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = next((v for k, v in value.items() if k.lower() in ("name", "title", "text")),
                     "")
    if isinstance(value, list):
        return ", ".join(t for t in (text_of(v) for v in value) if t)
    return clean_inline(plain_markup(str(value)))


def block_of(value: Any) -> str:
    """A value as a cleaned block of text (paragraphs kept)."""
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    return clean_block(plain_markup(str(value or "")))


_MARKUP = re.compile(r"[<\[*_`&]")  # a character one of plain_markup's steps acts on


def plain_markup(text: str) -> str:
    """Text with HTML tags, Markdown emphasis and link syntax removed, entities decoded."""
    if not _MARKUP.search(text):
        return text
    return markup_removed(text)


def markup_removed(text: str) -> str:
    """plain_markup's steps, always run."""
    if "<" in text and ">" in text:
        text = _TAGS.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    for _ in range(3):
        text = _MD_EMPH.sub(r"\2", text)
    return html.unescape(text)


def html_text(fragment: str) -> str:
    """The visible text of an HTML fragment, read with a real HTML parser."""
    tree = HTMLParser(fragment)
    node = tree.body or tree.root
    return clean_inline(node.text(separator=" ") if node is not None else "")


@lru_cache(maxsize=16_384)
def person(raw: str) -> str:
    """One author name as display text ("Last, First" turned round); marks dropped (cached:
    lab lists repeat names, and nameparser is slow)."""
    raw = _NAME_MARKS.sub("", plain_markup(raw)).strip(" ,;")
    if raw.endswith(".") and not re.search(r"(?:^|[\s.-])[A-Z][a-z]?\.$", raw):
        raw = raw[:-1]  # a sentence's full stop, not an initial's
    if not raw:
        return ""
    if raw.count(",") == 1:
        name = HumanName(raw)
        shown = " ".join(p for p in (name.first, name.middle, name.last, name.suffix) if p)
        raw = shown or raw
    return clean_inline(raw)


def names_of(value: Any) -> tuple[list[str], bool]:
    """Authors from a list or one display string, and whether the list says "et al."."""
    items: list[str] = []
    if isinstance(value, list):
        items = [text_of(v) if isinstance(v, dict) else str(v) for v in value]
    elif isinstance(value, dict):
        items = [text_of(value)]
    elif value:
        text = plain_markup(str(value))
        parts = [p for p in _SPLIT_AND.split(text) if p.strip()]
        # "Smith, J. and Doe, A." (BibTeX style): every part holds exactly one comma
        if len(parts) > 1 and all(p.count(",") == 1 for p in parts):
            items = parts
        else:
            items = _paired([q for p in parts for q in p.split(",") if q.strip()])
    truncated = False
    names: list[str] = []
    for item in items:
        lowered = item.strip().lower().rstrip(".")
        if lowered in ("et al", "others", "and others", "al"):
            truncated = True
            continue
        name = person(item)
        if name and len(name) <= 120:
            names.append(name)
    return names, truncated


_INITIALS = re.compile(r"^(?:[A-Z]\.?[\s-]*|[A-Z][a-z]\.[\s-]*)+$")


def _paired(pieces: list[str]) -> list[str]:
    """"Smith", "J.", "Doe", "A." (APA style) joined back into "Smith, J." pairs."""
    pieces = [p.strip() for p in pieces]
    if len(pieces) >= 2 and len(pieces) % 2 == 0 and all(
            _INITIALS.match(p) for p in pieces[1::2]) and not any(
            _INITIALS.match(p) for p in pieces[0::2]):
        return [f"{last}, {first}" for last, first in zip(pieces[0::2], pieces[1::2],
                                                          strict=True)]
    return pieces


def year_and_date(value: Any) -> tuple[int | None, str]:
    """(year, ISO date) from "2021", "2021-05-03T00:00:00Z", "May 2021" or a number."""
    text = text_of(value)
    match = _ISO.search(text)
    if match and match.start() == text.find(match.group(1)):
        year = int(match.group(1))
        month, day = match.group(2), match.group(3)
        if month and 1 <= int(month) <= 12:
            if day and 1 <= int(day) <= 31:
                return year, f"{year:04d}-{int(month):02d}-{int(day):02d}"
            return year, f"{year:04d}-{int(month):02d}"
        return year, ""
    found = _YEAR.search(text)
    return (int(found.group(1)), "") if found else (None, "")


def set_venue(paper: Paper, venue: str, short: str = "") -> None:
    """Venue, short venue, badges and (when missing) year from a printed venue."""
    paper.venue, paper.venue_short, yearless, badges, year = _venue_facts(venue, short)
    if yearless and paper.year:
        paper.venue_short = f"{paper.venue_short} {paper.year}"
    for badge in badges:
        if badge not in paper.badges:
            paper.badges.append(badge)
    paper.year = paper.year or year


@lru_cache(maxsize=4096)
def _venue_facts(venue: str, short: str) -> tuple[str, str, bool, tuple[str, ...], int | None]:
    """(venue, short venue, whether that lacks a year, badges, year) for set_venue (cached)."""
    cleaned = clean_inline(venue)
    parsed = cached_venue(cleaned or short)
    shown = clean_inline(short) or parsed.short
    return cleaned, shown, bool(shown) and not _YEAR.search(shown), tuple(parsed.badges), \
        parsed.year


clean_label = lru_cache(maxsize=4096)(clean_inline)  # for the few labels a source repeats


def add_link(paper: Paper, label: str, url: Any) -> None:
    """Append a labelled link (several URLs allowed), skipping empties and repeats."""
    urls = url if isinstance(url, list) else [url]
    for one in urls:
        if isinstance(one, dict):
            label = text_of(one.get("name") or one.get("label") or label) or label
            one = one.get("url") or one.get("link") or ""
        target = clean_inline(str(one or "")).strip()
        if not target or target.lower() in ("#", "none", "null", "false", "true"):
            continue
        if label == "arXiv" and not target.startswith(("http://", "https://")):
            set_arxiv(paper, target)
            target = f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else target
        if label == "DOI":
            set_doi(paper, target)
            continue
        if all(link.url != target for link in paper.links):
            paper.links.append(Link(clean_label(label), target))
        if label == "Code":
            paper.has_code = True
        if "arxiv.org/" in target and not paper.arxiv_id:
            set_arxiv(paper, target)


def set_doi(paper: Paper, value: Any) -> None:
    """The DOI from a bare DOI, a doi: prefix or a doi.org URL."""
    match = _DOI.search(text_of(value))
    if match and not paper.doi:
        paper.doi = match.group(1).rstrip(".,;)")


def set_arxiv(paper: Paper, value: Any) -> None:
    """The arXiv id from a bare id, "arXiv:…" or an arxiv.org URL."""
    text = text_of(value).strip().rstrip("/")
    match = _ARXIV.search(text)
    if match and not paper.arxiv_id:
        paper.arxiv_id = match.group(1)


def is_true(value: Any) -> bool:
    """A YAML/TOML flag as a boolean ("true", "yes", "1")."""
    if isinstance(value, str) and value.strip().lower() in _TRUE:
        return True  # the usual plain flag, without the markup cleaning
    return text_of(value).lower() in _TRUE


_TRUE = frozenset({"true", "yes", "1", "on"})
