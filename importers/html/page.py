"""One rendered page: its title, in-page nav (the tabs), and its publications."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.base import ImportWarning
from importers.html.dom import SKIP_TAGS, href, meta_content, parse_html, text_of
from importers.html.meta import (
    bibtex_blocks,
    bibtex_papers,
    citation_paper,
    enrich_own_page,
    fill_from,
    jsonld_papers,
    project_page_paper,
)
from importers.html.nav import NavItem, nav_groups, normalize_permalink, own_link, read_nav
from importers.html.scan import read_entries
from store.models import Paper

ORIGIN = "http://site.invalid"
ROOT_SELECTORS = (".page__content", "main", "[role=main]", "article", "#content", ".content",
                  "body")

_CONTAINERS = ", ".join(s for s in ROOT_SELECTORS if s != "body")


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


def content_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The main content element of a page: the first usual container holding most of its text."""
    body = tree.body or tree.root
    if tree.css_first(_CONTAINERS) is None:
        return body  # the "body" selector finds body, else nothing: body either way
    total = visible_length(body) if body is not None else 0
    for selector in ROOT_SELECTORS:
        node = tree.css_first(selector)
        if node is None:
            continue
        same = body is not None and node.mem_id == body.mem_id  # body is counted once
        if (total if same else visible_length(node)) >= 0.5 * total:
            return node
    return body


_UNSEEN = ", ".join(sorted(SKIP_TAGS))


def visible_length(node: LexborNode) -> int:
    """About how many characters of text a node shows, not counting spaces (counted in C)."""
    shown = len(node.text(strip=True))
    return shown - sum(len(n.text(strip=True)) for n in node.css(_UNSEEN))


def read_page(text: str, *, source: str, path: str = "", url: str = "",
              tree: LexborHTMLParser | None = None) -> PageRead:
    """Read one page. path: its site path (saved file); url: its address (fetched page);
    tree: text's document tree, when the caller has parsed it already."""
    tree = parse_html(text) if tree is None else tree
    canonical = tree.css_first('link[rel="canonical"]')
    base = url or (ORIGIN + "/" + path.lstrip("/") if path else ORIGIN + "/" + source)
    if not url and canonical is not None and not path:
        base = href(canonical) or base
    permalink = normalize_permalink(urlsplit(base).path)
    root = content_root(tree) or tree.root
    if root is None:
        return PageRead(source=source, permalink=permalink)
    groups = nav_groups(root)  # once, for the page's own link and its nav
    if not url and (canonical is None or path):
        permalink = own_link(root, base, permalink, groups)
    page = PageRead(source=source, permalink=permalink)
    h1 = root.css_first("h1")
    if h1 is None and (tree.body is None or root.mem_id != tree.body.mem_id):
        h1 = tree.css_first("h1")  # an h1 is always in body: looked for again only outside it
    page.title = (text_of(h1) if h1 is not None else "") or meta_content(tree, "og:title") or (
        _text_of_first(tree, "title"))
    page.excerpt = meta_content(tree, "og:description", "description")
    heading = root.css_first("h2")
    page.heading = text_of(heading) if heading is not None else ""
    page.nav = read_nav(root, base, permalink, groups)
    own = citation_paper(tree, source=source, locator=permalink)
    if own is not None:
        enrich_own_page(own, tree)
        page.papers = [own]
        return page
    page.papers = read_entries(root, source=source, locator=permalink, warnings=page.warnings)
    embedded = bibtex_papers(bibtex_blocks(tree), source=source, locator=permalink)
    if len(page.papers) <= 1 and len(embedded) == 1:  # a paper's own page: BibTeX decides
        page.papers = embedded
        enrich_own_page(embedded[0], tree)
    elif page.papers:
        for paper in page.papers:
            for other in embedded:
                fill_from(paper, other)
    else:
        page.papers = embedded or jsonld_papers(tree, source=source, locator=permalink)
        if len(page.papers) == 1:
            enrich_own_page(page.papers[0], tree)
        if not page.papers:
            own = project_page_paper(tree, root, source=source, locator=permalink)
            page.papers = [own] if own is not None else []
    if url or (canonical is not None and href(canonical).startswith(("http://", "https://"))):
        _absolute_links(page.papers, url or href(canonical))
    return page


def _text_of_first(tree: LexborHTMLParser, selector: str) -> str:
    """text_of the first element matching selector ("" when there is none)."""
    node = tree.css_first(selector)
    return text_of(node) if node is not None else ""


def _absolute_links(papers: list[Paper], base: str) -> None:
    """Make a fetched page's relative links absolute (they are opened from the terminal)."""
    for paper in papers:
        for link in paper.links:
            if not urlsplit(link.url).scheme:
                link.url = urljoin(base, link.url)


__all__ = ["PageRead", "content_root", "read_page"]
