"""Mapping a data file's items onto papers by field name and content."""

from __future__ import annotations

import re
from typing import Any

from importers.sites.fields import (
    LINK_LABELS,
    add_link,
    block_of,
    names_of,
    set_arxiv,
    set_doi,
    set_venue,
    text_of,
    year_and_date,
)
from store.models import Paper

TITLE_KEYS = ("title", "paper_title", "papertitle", "name", "paper", "heading")
AUTHOR_KEYS = ("authors", "author", "authors_list", "creators", "by", "people")
DATE_KEYS = ("date", "pub_date", "pubdate", "published", "year", "time", "when")
VENUE_KEYS = ("venue", "conference", "journal", "booktitle", "publication", "proceedings",
              "pub", "where", "in", "published_in", "series")
SHORT_KEYS = ("abbr", "venue_short", "short", "acronym", "conference_short", "venue_abbr")
ABSTRACT_KEYS = ("abstract", "summary", "tldr")
GROUP_KEYS = ("type", "category", "kind", "pubtype", "pub_type", "section")
DISPLAY_KEYS = ("citation", "text", "html", "display", "entry", "reference", "cite")
_URL = re.compile(r"^(?:https?://|/|\.{0,2}/?[\w.-]+\.(?:pdf|html?)$)", re.I)
_STRONG_KEYS = ("pdf", "url_pdf", "pdfurl", "pdf_url", "paperurl", "paper_url", "arxiv",
                "openreview", "eprint")


def _lower(item: dict[str, Any]) -> dict[str, Any]:
    """The item's keys lower-cased with spaces and dashes as underscores."""
    return {re.sub(r"[\s-]+", "_", str(k).strip().lower()): v for k, v in item.items()}


def _first(data: dict[str, Any], keys: tuple[str, ...], *, url: bool | None = None) -> Any:
    """The first non-empty value among keys (url=False skips URL-like values)."""
    for key in keys:
        value = data.get(key)
        if value in (None, "", [], {}):
            continue
        if url is False and isinstance(value, str) and _URL.match(value.strip()):
            continue
        return value
    return None


def _title(data: dict[str, Any]) -> str:
    """The item's title (a `paper:` that is a URL is a link, not a title)."""
    value = _first(data, TITLE_KEYS, url=False)
    if isinstance(value, dict):
        return ""
    return text_of(value)


def is_publication(item: Any) -> bool:
    """True for a mapping with a title and authors, a venue, a DOI/arXiv id or a paper link."""
    if not isinstance(item, dict):
        return False
    data = _lower(item)
    title = _title(data)
    if not title or len(title) > 500:
        return False
    if _first(data, AUTHOR_KEYS) or _first(data, VENUE_KEYS, url=False):
        return True
    if data.get("doi") or data.get("arxiv"):
        return True
    # a bare `url:` or `link:` is not enough (navigation menus, news and people have them)
    paper_url = data.get("paper") if data.get("paper") != title else None
    return any(data.get(k) for k in _STRONG_KEYS) or bool(paper_url)


def score_list(items: list[Any]) -> tuple[float, str]:
    """How sure a list is of publications, and why (most items must look like papers)."""
    if not items:
        return 0.0, "empty list"
    sample = items[:200]
    hits = sum(1 for item in sample if is_publication(item))
    share = hits / len(sample)
    why = f"{hits} of {len(sample)} items have a title with authors, venue or paper link"
    if hits and share >= 0.6:
        return min(0.95, 0.6 + 0.35 * share), why
    return share * 0.4, why


def _links(paper: Paper, data: dict[str, Any]) -> None:
    """Every link-like field (by name), and a nested `links:` mapping or list."""
    nested = data.get("links") or data.get("urls") or data.get("resources")
    if isinstance(nested, dict):
        for key, value in nested.items():
            label = LINK_LABELS.get(str(key).lower(), str(key).replace("_", " ").title())
            add_link(paper, label, value)
    elif isinstance(nested, list):
        for entry in nested:
            if isinstance(entry, dict):
                low = _lower(entry)
                label = text_of(low.get("name") or low.get("label") or low.get("type") or "Link")
                add_link(paper, LINK_LABELS.get(label.lower(), label), low.get("url")
                         or low.get("link") or low.get("href"))
    for key, value in data.items():
        label = LINK_LABELS.get(key)
        if not label or key in ("doi",) or (key in TITLE_KEYS and not (
                isinstance(value, str) and _URL.match(value.strip()))):
            continue
        if isinstance(value, (str, list, dict)):
            add_link(paper, label, value)


def item_paper(item: dict[str, Any]) -> tuple[Paper, str]:
    """A paper from one data-file item, and the item's own group (its type), if any."""
    data = _lower(item)
    paper = Paper(title=_title(data))
    paper.authors, paper.authors_truncated = names_of(_first(data, AUTHOR_KEYS) or [])
    paper.year, paper.date = year_and_date(_first(data, DATE_KEYS) or "")
    venue = _first(data, VENUE_KEYS, url=False)
    short = text_of(_first(data, SHORT_KEYS) or "")
    if venue or short:
        set_venue(paper, text_of(venue) if venue else short, short)
    paper.abstract = block_of(_first(data, ABSTRACT_KEYS) or "")
    set_doi(paper, data.get("doi") or "")
    set_arxiv(paper, data.get("arxiv") or data.get("arxiv_id") or data.get("eprint") or "")
    _links(paper, data)
    display = _first(data, DISPLAY_KEYS)
    if display and not paper.authors:
        from importers.sites.citation import authors_from_citation

        paper.authors, paper.authors_truncated = authors_from_citation(str(display),
                                                                       paper.title)
    for key in ("award", "note", "highlight", "badge"):
        value = text_of(data.get(key))
        if value and len(value) <= 60 and value.lower() not in ("true", "false"):
            paper.badges.append(value)
    if str(data.get("selected", "")).lower() in ("true", "yes", "1"):
        paper.badges.append("Selected")
    return paper, text_of(_first(data, GROUP_KEYS) or "")
