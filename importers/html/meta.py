"""A paper's own page: Google Scholar `citation_*` tags, schema.org JSON-LD, embedded BibTeX."""

from __future__ import annotations

import json
import re
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.base import ImporterError
from importers.html.dom import block_text, meta_content, text_of
from importers.html.entry import EntryParts, ids_from_links, to_paper
from store.models import Link, Paper
from store.text import clean_block, clean_inline, normalize_title

_BIB_START = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")
_SCHOLARLY = {"scholarlyarticle", "report", "thesis", "chapter", "medicalscholarlyarticle"}
_MAX_JSON = 200_000
_SCHOLARLY_TAGS = (
    "citation_doi", "citation_pdf_url", "citation_journal_title", "citation_conference_title",
    "citation_arxiv_id", "citation_dissertation_institution", "citation_technical_report_number",
    "citation_technical_report_institution", "citation_inbook_title", "citation_book_title",
    "citation_volume", "citation_firstpage",
)


def _metas(tree: LexborHTMLParser, name: str) -> list[str]:
    """Every non-empty content of <meta name=name>, in order."""
    found: list[str] = []
    for node in tree.css(f'meta[name="{name}"]'):
        value = clean_inline(node.attributes.get("content") or "")
        if value:
            found.append(value)
    return found


def citation_paper(tree: LexborHTMLParser, *, source: str, locator: str) -> Paper | None:
    """The paper described by `citation_*` meta tags, or None without a citation_title."""
    title = meta_content(tree, "citation_title", "dc.title", "DC.title")
    if not title or not any(meta_content(tree, name) for name in _SCHOLARLY_TAGS):
        return None  # a blog post may carry citation_title/author/date for crawlers
    parts = EntryParts(title=title)
    authors = _metas(tree, "citation_author") or _metas(tree, "dc.creator")
    parts.authors = ", ".join(a if "," not in a else _flip(a) for a in authors)
    parts.venue = meta_content(
        tree, "citation_conference_title", "citation_journal_title", "citation_inbook_title",
        "citation_book_title", "citation_dissertation_institution",
        "citation_technical_report_institution",
    )
    when = meta_content(tree, "citation_publication_date", "citation_date",
                        "citation_online_date", "dc.date")
    parts.date = when
    parts.year = when
    if parts.venue and when[:4].isdigit() and when[:4] not in parts.venue:
        parts.venue = f"{parts.venue}, {when[:4]}"
    parts.doi = meta_content(tree, "citation_doi", "dc.identifier")
    parts.arxiv_id = meta_content(tree, "citation_arxiv_id")
    parts.abstract = meta_content(tree, "citation_abstract", "dc.description") or meta_content(
        tree, "description", "og:description"
    )
    for label, name in (("PDF", "citation_pdf_url"), ("Paper", "citation_abstract_html_url"),
                        ("Paper", "citation_public_url"), ("Paper", "citation_fulltext_html_url")):
        url = meta_content(tree, name)
        if url:
            parts.add_link(label, url)
    parts.keywords = [k for value in _metas(tree, "citation_keywords") for k in value.split(";")]
    return to_paper(parts, source=source, locator=locator)


def _flip(name: str) -> str:
    """"Last, First" -> "First Last"."""
    last, _, first = name.partition(",")
    return f"{first.strip()} {last.strip()}".strip()


def jsonld_papers(tree: LexborHTMLParser, *, source: str, locator: str) -> list[Paper]:
    """Papers described by schema.org ScholarlyArticle objects in JSON-LD scripts."""
    papers: list[Paper] = []
    for node in tree.css('script[type="application/ld+json"]'):
        text = node.text(deep=True) or ""
        if len(text) > _MAX_JSON:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for item in _items(data):
            paper = _jsonld_paper(item, source=source, locator=locator)
            if paper is not None:
                papers.append(paper)
    return papers


def _items(data: object) -> list[dict[str, object]]:
    """The objects of a JSON-LD document (a list, a @graph or one object)."""
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [d for d in graph if isinstance(d, dict)] if isinstance(graph, list) else [data]
    return []


def _names(value: object) -> list[str]:
    """Author names from a JSON-LD author value."""
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and clean_inline(name):
            names.append(clean_inline(name))
    return names


def _jsonld_paper(item: dict[str, object], *, source: str, locator: str) -> Paper | None:
    """A Paper for a ScholarlyArticle-like object with a headline/name and authors."""
    kind = item.get("@type")
    kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
    if not kinds & _SCHOLARLY:
        return None
    title = item.get("headline") or item.get("name")
    authors = _names(item.get("author"))
    if not isinstance(title, str) or not authors:
        return None
    parts = EntryParts(title=title, authors=", ".join(authors))
    when = item.get("datePublished")
    if isinstance(when, str):
        parts.year, parts.date = when, when
    venue = item.get("isPartOf") or item.get("publisher")
    if isinstance(venue, dict) and isinstance(venue.get("name"), str):
        parts.venue = str(venue["name"])
    abstract = item.get("abstract") or item.get("description")
    if isinstance(abstract, str):
        parts.abstract = abstract
    url = item.get("url")
    if isinstance(url, str):
        parts.add_link("Paper", url)
    return to_paper(parts, source=source, locator=locator)


def bibtex_blocks(tree: LexborHTMLParser) -> list[str]:
    """Texts of <pre>, <code> and <textarea> blocks that hold BibTeX entries."""
    found: list[str] = []
    for node in tree.css("pre, textarea, code"):
        if node.tag == "code" and node.parent is not None and node.parent.tag == "pre":
            continue
        text = block_text(node).strip()
        if _BIB_START.match(text) and text not in found:
            found.append(text)
    return found


def bibtex_papers(blocks: list[str], *, source: str, locator: str) -> list[Paper]:
    """Papers parsed from embedded BibTeX blocks by the BibTeX importer."""
    from importers.bibtex import IMPORTER as BIBTEX  # a sibling importer, loaded on demand

    if not blocks:
        return []
    try:
        result = BIBTEX.parse("\n\n".join(blocks), source=source, today=date(2000, 1, 1))
    except ImporterError:
        return []
    for paper in result.papers:
        paper.sections = []
        for prov in paper.provenance:
            prov.importer, prov.locator = "html", locator
    return result.papers


def fill_from(paper: Paper, other: Paper) -> None:
    """Fill paper's empty identifiers and venue from another record of the same title."""
    if normalize_title(paper.title) != normalize_title(other.title):
        return
    for name in ("doi", "arxiv_id", "venue", "venue_short", "date"):
        if not getattr(paper, name) and getattr(other, name):
            setattr(paper, name, getattr(other, name))
    if paper.year is None:
        paper.year = other.year
    if not paper.abstract and other.abstract:
        paper.abstract = other.abstract


_LINK_LABEL = re.compile(
    r"^(?:paper|pdf|arxiv|code|github|project(?: page)?|video|youtube|data(?:set)?|demo|"
    r"slides|poster|supp(?:lementary)?(?: material)?|doi|openreview|models?|colab)$", re.I,
)
_ABSTRACT_HEADING = re.compile(r"^\s*(?:abstract|summary|overview)\s*:?\s*$", re.I)


def enrich_own_page(paper: Paper, tree: LexborHTMLParser) -> None:
    """A paper's own (project) page: its "Abstract" section and its link buttons."""
    if not paper.abstract:
        for heading in tree.css("h1, h2, h3, h4, strong, b"):
            if _ABSTRACT_HEADING.match(text_of(heading)):
                body = heading.next
                while body is not None and (body.tag in ("-text", "-comment")
                                            and not (body.text_content or "").strip()):
                    body = body.next
                if body is not None:
                    paper.abstract = clean_block(block_text(body) if body.tag != "-text"
                                                 else body.text_content or "")
                break
    seen = {link.url for link in paper.links}
    for anchor in tree.css("a[href]"):
        label = text_of(anchor)
        url = (anchor.attributes.get("href") or "").strip()
        if _LINK_LABEL.match(label) and url.startswith(("http://", "https://")) and url not in seen:
            seen.add(url)
            paper.links.append(Link(label=label, url=url))
    paper.has_code = paper.has_code or any("code" in link.label.lower() or "github" in
                                           link.label.lower() for link in paper.links)
    paper.placeholder = paper.placeholder and not (paper.links or paper.abstract)
    ids_from_links(paper)


_PAPER_LINK = re.compile(r"arxiv\.org/|doi\.org/|\.pdf(?:$|[?#])|openreview\.net/", re.I)


def project_page_paper(tree: LexborHTMLParser, root: LexborNode, *, source: str,
                       locator: str) -> Paper | None:
    """A paper's project page without tags or BibTeX: a title heading, an author list of two
    or more names, and a link to the paper itself (arXiv, DOI or PDF); else None."""
    from importers.html.classify import looks_like_names
    from importers.html.roles import role

    headings = root.css("h1, h2")
    heading = next((h for h in headings if role(h) == "title"), None)
    heading = heading or (root.css_first("h1") if headings else None)
    if heading is None:
        return None
    authors_node = next((n for n in root.css("[class], [itemprop]") if role(n) == "authors"
                         and "," in text_of(n)), None)
    if authors_node is None:  # the line under the title: "Ada Lovelace, Alan Turing"
        after = heading.next
        while after is not None and after.tag in ("-text", "-comment"):
            after = after.next
        inner = [n for n in after.css("div, p, span") if n.mem_id != after.mem_id] if (
            after is not None) else []
        first = inner[0] if inner else None
        authors_node = first if first is not None and "," in text_of(first) else after
    if authors_node is None:
        return None
    names = text_of(authors_node)
    several = "," in names or " and " in names or "&" in names
    if not several or not looks_like_names(names) or not any(
            _PAPER_LINK.search(a.attributes.get("href") or "") for a in tree.css("a[href]")):
        return None
    when = next((text_of(n) for n in root.css("[class], [itemprop]") if role(n) == "date"), "")
    paper = to_paper(EntryParts(title=text_of(heading), authors=names, year=when), source=source,
                     locator=locator)
    if paper is not None:
        enrich_own_page(paper, tree)
    return paper
