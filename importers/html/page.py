"""One rendered page: its title, in-page nav (the tabs), and its publications."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.base import ImportWarning
from importers.html.blocks import count_titles, is_link_line, looks_like_names, read_block
from importers.html.dom import class_text, href, is_hidden, meta_content, parse_html, text_of
from importers.html.entry import EntryParts, clean_label, to_paper
from importers.html.leak import leaked_papers, split_leak
from importers.html.meta import (
    bibtex_blocks,
    bibtex_papers,
    citation_paper,
    fill_from,
    jsonld_papers,
)
from store.models import Paper

ORIGIN = "http://site.invalid"
ROOT_SELECTORS = (".page__content", "main", "[role=main]", "article", "#content", ".content",
                  "body")
BLOCK_CANDIDATES = frozenset({"p", "li", "div", "article", "section", "dd", "td", "tr",
                              "blockquote", "dt"})
FENCE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
_YEAR_HEADING = re.compile(r"^(?:year\s+)?((?:19|20)\d{2})(?:\s+(?:papers|publications))?$",
                           re.I)
_DATE_ONLY = re.compile(r"^[\W\d]*(?:19|20)\d{2}[\W\d]*$|^\w{3,9}\.? \d{1,2},? (?:19|20)\d{2}$")
_CURRENT = ("▼", "▾")


@dataclass(slots=True)
class NavItem:
    """One in-page navigation link: label, target permalink, and whether it is this page."""

    label: str
    permalink: str
    current: bool = False


@dataclass(slots=True)
class PageRead:
    """What one page holds, before it is assembled with its site."""

    source: str
    permalink: str
    title: str = ""
    excerpt: str = ""
    heading: str = ""
    nav: list[NavItem] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    @property
    def topic(self) -> str:
        """The first segment of the permalink ("" for the home page)."""
        return self.permalink.strip("/").split("/")[0] if self.permalink.strip("/") else ""


def normalize_permalink(path: str) -> str:
    """"/a/b.html", "/a/b/", "/a/b/index.html" -> "/a/b"; "" -> "/"."""
    path = urlsplit(path).path or "/"
    path = posixpath.normpath("/" + path.lstrip("/"))
    stem, ext = posixpath.splitext(path)
    if ext.lower() in (".html", ".htm", ".php", ".md"):
        path = stem
    if posixpath.basename(path).lower() == "index":
        path = posixpath.dirname(path)
    return path.rstrip("/") or "/"


def content_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The main content element of a page."""
    for selector in ROOT_SELECTORS:
        node = tree.css_first(selector)
        if node is not None and text_of(node):
            return node
    return tree.root


def _fenced(node: LexborNode, root: LexborNode, accepted: set[int]) -> bool:
    """True inside an accepted block, a hidden block, or nav/header/footer/aside."""
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if parent.mem_id in accepted or parent.tag in FENCE_TAGS or is_hidden(parent):
            return True
        parent = parent.parent
    return False


def _followers(block: LexborNode) -> tuple[list[LexborNode], list[LexborNode]]:
    """(link-only paragraphs, hidden blocks) right after a block: parts of the same entry."""
    links: list[LexborNode] = []
    hidden: list[LexborNode] = []
    sibling = block.next
    while sibling is not None:
        if sibling.tag in ("-text", "-comment"):
            if sibling.tag == "-text" and (sibling.text_content or "").strip():
                break
        elif is_hidden(sibling):
            hidden.append(sibling)
        elif not hidden and is_link_line(sibling):
            links.append(sibling)
        else:
            break
        sibling = sibling.next
    return links, hidden


def _is_publication(parts: EntryParts, strict: bool) -> bool:
    """A title with an author list and, when strict, a venue or year."""
    if not parts.title or _DATE_ONLY.match(parts.title) or not parts.authors:
        return False
    if looks_like_names(parts.title) and not parts.venue:
        return False
    return not strict or bool(parts.venue or parts.year or parts.links or parts.abstract)


def read_entries(root: LexborNode, *, source: str, locator: str) -> list[Paper]:
    """Papers of the repeated publication blocks below root, in page order."""
    accepted: set[int] = set()
    found: list[tuple[EntryParts, list[LexborNode], int | None]] = []
    year: int | None = None
    for node in root.traverse():
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4") and not _fenced(node, root, accepted):
            match = _YEAR_HEADING.match(text_of(node).strip(" :."))
            year = int(match.group(1)) if match else (None if tag in ("h1", "h2") else year)
            continue
        if tag not in BLOCK_CANDIDATES or is_hidden(node) or _fenced(node, root, accepted):
            continue
        if count_titles(node) > 1 and tag not in ("li", "p"):
            continue
        if count_titles(node) > 1:
            continue
        more, after = _followers(node)
        parts = read_block(node, after, more)
        if not _is_publication(parts, strict=True):
            continue
        accepted.add(node.mem_id)
        accepted.update(n.mem_id for n in more)
        found.append((parts, after, year))
    if len(found) < 2 and not (found and found[0][0].venue and found[0][0].authors):
        return []
    papers: list[Paper] = []
    for parts, after, year_hint in found:
        leaked: list[Paper] = []
        for hidden in after:
            head, markdown = split_leak(hidden)
            if markdown:
                parts.abstract = head
                leaked = leaked_papers(markdown, source=source)
        paper = to_paper(parts, source=source, locator=locator)
        if paper is not None:
            if paper.year is None and year_hint is not None:
                paper.year = year_hint
                if paper.venue_short:
                    paper.venue_short = f"{paper.venue_short} {year_hint}"
            papers.append(paper)
        for extra in leaked:
            for prov in extra.provenance:
                prov.source, prov.importer, prov.locator, prov.line = source, "html", locator, None
            papers.append(extra)
    return papers


def _nav_groups(root: LexborNode) -> list[list[LexborNode]]:
    """Groups of two or more links that make up most of their parent's text."""
    groups: list[list[LexborNode]] = []
    seen: set[int] = set()
    for anchor in root.css("a"):
        parent = anchor.parent
        while parent is not None and parent.tag in ("strong", "b", "li", "span", "em"):
            parent = parent.parent
        if parent is None or parent.mem_id in seen or is_hidden(parent):
            continue
        seen.add(parent.mem_id)
        links = [a for a in parent.css("a") if href(a)]
        text = text_of(parent)
        link_text = sum(len(text_of(a)) for a in links)
        if len(links) >= 2 and text and link_text >= 0.8 * len(text.replace(" ", "")) * 0.9:
            groups.append(links)
    return groups


def resolve(target: str, base: str) -> str:
    """The same-site permalink a link points to, or "" for another site or scheme."""
    target = target.strip()
    if not target or target.startswith(("#", "mailto:", "javascript:")):
        return ""
    full = urljoin(base, target)
    parts, home = urlsplit(full), urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != home.netloc.lower():
        return ""
    return normalize_permalink(parts.path)


def read_nav(root: LexborNode, base: str, permalink: str) -> list[NavItem]:
    """The in-page nav of a topic: the first link group whose pages share this page's topic."""
    topic = permalink.strip("/").split("/")[0].lower()
    for group in _nav_groups(root):
        items: list[NavItem] = []
        for anchor in group:
            target = resolve(href(anchor), base)
            label = clean_label(text_of(anchor))
            if not target or not label or target == "/":
                continue
            raw = text_of(anchor)
            current = raw.startswith(_CURRENT) or "active" in class_text(anchor)
            if all(item.permalink.lower() != target.lower() for item in items):
                items.append(NavItem(label, target, current))
        inside = [i for i in items if i.permalink.strip("/").split("/")[0].lower() == topic]
        if len(inside) >= 2 and any(i.permalink.lower() == permalink.lower() for i in inside):
            return inside
    return []


def _own_link(root: LexborNode, base: str, permalink: str) -> str:
    """For a saved file, the nav link that names this page (same last segment), if any."""
    stem = permalink.rstrip("/").split("/")[-1].lower()
    for group in _nav_groups(root):
        for anchor in group:
            target = resolve(href(anchor), base)
            if target and target.rstrip("/").split("/")[-1].lower() == stem:
                return target
    return permalink


def read_page(text: str, *, source: str, path: str = "", url: str = "") -> PageRead:
    """Read one page. path: its site path (saved file); url: its address (fetched page)."""
    tree = parse_html(text)
    canonical = tree.css_first('link[rel="canonical"]')
    base = url or (ORIGIN + "/" + path.lstrip("/") if path else ORIGIN + "/" + source)
    if not url and canonical is not None and not path:
        base = href(canonical) or base
    permalink = normalize_permalink(urlsplit(base).path)
    root = content_root(tree) or tree.root
    if root is None:
        return PageRead(source=source, permalink=permalink)
    if not url and (canonical is None or path):
        permalink = _own_link(root, base, permalink)
    page = PageRead(source=source, permalink=permalink)
    h1 = root.css_first("h1") or tree.css_first("h1")
    page.title = (text_of(h1) if h1 is not None else "") or meta_content(tree, "og:title") or (
        text_of(tree.css_first("title")) if tree.css_first("title") is not None else "")
    page.excerpt = meta_content(tree, "og:description", "description")
    heading = root.css_first("h2")
    page.heading = text_of(heading) if heading is not None else ""
    page.nav = read_nav(root, base, permalink)
    own = citation_paper(tree, source=source, locator=permalink)
    if own is not None:
        page.papers = [own]
        return page
    page.papers = read_entries(root, source=source, locator=permalink)
    embedded = bibtex_papers(bibtex_blocks(tree), source=source, locator=permalink)
    if page.papers:
        for paper in page.papers:
            for other in embedded:
                fill_from(paper, other)
    else:
        page.papers = embedded or jsonld_papers(tree, source=source, locator=permalink)
    return page
