"""Hugo Academic / Wowchemy / Hugo Blox: `content/publication/<slug>/index.md` pages."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from importers.base import ImporterError, ImportResult
from importers.sites.alfolio import IMPORTER as BIBTEX
from importers.sites.fields import (
    add_link,
    block_of,
    is_true,
    names_of,
    set_arxiv,
    set_doi,
    set_venue,
    text_of,
    year_and_date,
)
from importers.sites.front import split_front
from importers.sites.groups import Grouped, build, collection_for, finish
from store.models import Paper

# publication_types: the legacy numeric codes and the CSL names of newer versions.
TYPES: dict[str, str] = {
    "0": "Other", "1": "Conference papers", "2": "Journal articles", "3": "Preprints",
    "4": "Reports", "5": "Books", "6": "Book chapters", "7": "Theses", "8": "Patents",
    "paper-conference": "Conference papers", "article-journal": "Journal articles",
    "article": "Preprints", "preprint": "Preprints", "manuscript": "Preprints",
    "report": "Reports", "book": "Books", "chapter": "Book chapters", "thesis": "Theses",
    "patent": "Patents", "uncategorized": "Other",
}
URL_KEYS: tuple[tuple[str, str], ...] = (
    ("url_pdf", "PDF"), ("url_preprint", "Preprint"), ("url_code", "Code"),
    ("url_dataset", "Dataset"), ("url_project", "Project"), ("url_slides", "Slides"),
    ("url_video", "Video"), ("url_poster", "Poster"), ("url_source", "Source"),
)
_PATH = re.compile(r"(?:^|/)content/(?:[a-z]{2}(?:-[a-z]+)?/)?publications?/", re.I)
_KEYS = re.compile(r"^\s*(publication_types|publication_short|publication|url_pdf|url_code|"
                   r"authors|abstract)\s*[:=]", re.I | re.M)


def _links(paper: Paper, data: dict[str, Any]) -> None:
    """url_* fields, `links:` / `url_custom` entries ({name|type, url}) and the DOI."""
    for key, label in URL_KEYS:
        if data.get(key):
            add_link(paper, label, data[key])
    for key in ("links", "url_custom"):
        entries = data.get(key)
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, dict):
                low = {str(k).lower(): v for k, v in entry.items()}
                label = text_of(low.get("name") or low.get("label") or low.get("type") or "Link")
                add_link(paper, label[:1].upper() + label[1:], low.get("url") or low.get("link"))
    set_doi(paper, data.get("doi") or "")
    set_arxiv(paper, data.get("arxiv") or data.get("arxiv_id") or "")


def type_of(data: dict[str, Any]) -> str:
    """The tab of a publication: its first publication type ("" when it has none)."""
    raw = data.get("publication_types") or data.get("publication_type") or data.get("type")
    first = raw[0] if isinstance(raw, list) and raw else raw
    key = text_of(first).strip().strip('"').lower()
    return TYPES.get(key, key.replace("-", " ").title() if key else "")


def page_paper(data: dict[str, Any], body: str) -> Paper:
    """One publication from a Hugo page's front matter (and its body as the abstract)."""
    paper = Paper(title=text_of(data.get("title")))
    paper.authors, paper.authors_truncated = names_of(data.get("authors") or
                                                      data.get("author") or [])
    paper.year, paper.date = year_and_date(data.get("date") or data.get("publishdate")
                                           or data.get("publish_date") or data.get("year"))
    venue = text_of(data.get("publication") or data.get("journal") or data.get("venue"))
    short = text_of(data.get("publication_short")).removeprefix("In ").strip()
    if venue or short:
        set_venue(paper, venue.removeprefix("In ").strip() or short, short)
    # the body holds free notes and shortcodes, never the abstract: it is not read
    del body
    paper.abstract = block_of(data.get("abstract") or data.get("summary") or "")
    _links(paper, data)
    if is_true(data.get("featured")):
        paper.badges.append("Featured")
    tags = data.get("tags")
    if isinstance(tags, list):
        paper.keywords = [t for t in (text_of(x) for x in tags) if t]
    return paper


def fill_from_bib(paper: Paper, bib: str, source: str) -> None:
    """Fill what the page leaves empty from its cite.bib; the page wins where both say."""
    try:
        found = BIBTEX.parse(bib, source=source, today=date(2000, 1, 1)).papers
    except ImporterError:
        return
    if not found:
        return
    entry = found[0]
    for name in ("title", "year", "date", "abstract", "doi", "arxiv_id", "venue",
                 "venue_short"):
        if not getattr(paper, name) and getattr(entry, name):
            setattr(paper, name, getattr(entry, name))
    if not paper.authors:
        paper.authors, paper.authors_truncated = entry.authors, entry.authors_truncated
    for link in entry.links:
        add_link(paper, link.label, link.url)


class HugoImporter:
    """Publication pages of Hugo Academic, Wowchemy and Hugo Blox sites (YAML or TOML)."""

    name = "hugo-academic"
    description = "Hugo Academic/Wowchemy/Hugo Blox content/publication/<slug>/index.md"

    def explain(self, text: str, filename: str = "") -> tuple[float, str]:
        """Confidence and why: the page's place in content/publication/ and its keys."""
        head = text[:12_000]
        if not head.lstrip("\ufeff").startswith(("---", "+++")):
            return 0.0, "no front matter"
        keys = {k.lower() for k in _KEYS.findall(head)}
        path = filename.replace("\\", "/")
        if _PATH.search(path) and "_index." not in path.lower():
            return 0.95, "page in content/publication/"
        if "publication_types" in keys or {"publication", "authors"} <= keys:
            return 0.9, "front matter with publication_types / publication and authors"
        return 0.0, "not a Hugo publication page"

    def detect(self, text: str, filename: str = "") -> float:
        """Confidence that text is a Hugo publication page."""
        return self.explain(text, filename)[0]

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse one publication page."""
        return self.parse_bundle(text, "", source=source, today=today)

    def parse_bundle(self, text: str, bib: str, *, source: str, today: date) -> ImportResult:
        """Parse a page bundle: its index.md, with its cite.bib (may be "") as a fallback."""
        del today
        front = split_front(text, source=source)
        if not front.kind:
            raise ImporterError("no front matter: not a Hugo publication page", source=source,
                                line=1)
        if text_of(front.data.get("draft")).lower() == "true":
            raise ImporterError("draft page (draft: true) skipped", source=source, line=1)
        paper = page_paper(front.data, front.body)
        if bib:
            fill_from_bib(paper, bib, source)
        if not paper.title:
            raise ImporterError("publication page has no title", source=source, line=1)
        finish(paper, source=source, importer=self.name, line=1)
        grouped = Grouped()
        grouped.add(paper, type_of(front.data))
        cid, title = collection_for(source)
        return build(grouped, cid=cid, title=title, source=source)


IMPORTER = HugoImporter()
