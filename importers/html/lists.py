"""HTML publication lists read as citations under headings: the one list reader.

Each `<li>` (or `<p>`, `<dd>`) under a publication heading becomes a Markdown-like inline line
(bold, italic and links kept), which the site entry reader takes apart as it does a Markdown
list entry. The site walker reads a site's own publications page this way first; the HTML
importer uses it when it finds more papers with authors than the structural reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.base import MAX_ENTRIES, ImporterError, ImportResult, too_many_entries
from importers.html.dom import parse_html
from importers.html.inline import inline_tokens
from importers.sites.entry import entry_paper
from importers.sites.groups import Grouped, build, collection_for, finish
from importers.sites.publist import _OTHER_HEADING, PUBLICATION_HEADING, _label
from store.models import Paper

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5"})
_STRONG = frozenset({"b", "strong"})
_EM = frozenset({"i", "em", "cite"})
_SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template"})
_MAX_NODES = 200_000
_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_[]"})  # Markdown's own characters
_SPACES = re.compile(r"\s+")


def _inline(node: LexborNode) -> str:
    """The node's content as one line of Markdown (bold, italic and links kept)."""
    out: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append((child.text_content or "").translate(_ESCAPES))
        elif tag in _SKIP or tag in ("ul", "ol"):
            continue
        elif tag == "br":
            out.append(" ; ")
        elif tag in _STRONG:
            out.append(f"**{_inline(child).strip()}** ")
        elif tag in _EM:
            out.append(f"*{_inline(child).strip()}* ")
        elif tag == "a":
            href = str(child.attributes.get("href") or "").replace(")", "%29").replace(" ", "%20")
            out.append(f"[{_inline(child).strip()}]({href})")
        else:
            out.append(_inline(child))
    return _SPACES.sub(" ", "".join(out))


def _inside_item(node: LexborNode) -> bool:
    """True for a paragraph inside a list item (the item is read as a whole)."""
    parent = node.parent
    for _ in range(20):
        if parent is None:
            return False
        if parent.tag in ("li", "dd"):
            return True
        parent = parent.parent
    return False


def html_entries(html: str, tree: LexborHTMLParser | None = None
                 ) -> Iterator[tuple[Paper, str, int]]:
    """(paper, group label, 0) for each list entry under the page's publication headings, read
    as the caller asks for them (so a caller that stops early reads no further); tree: html's
    document tree, when already parsed."""
    tree = parse_html(html) if tree is None else tree
    root = tree.body or tree.root
    if root is None:
        return
    group, area = "", not re.search(r"<h[1-5]", html, re.I)
    for count, node in enumerate(root.traverse(include_text=False)):
        if count > _MAX_NODES:
            break
        if node.tag in _HEADINGS:
            label = _label(node.text(separator=" "))
            area = bool(PUBLICATION_HEADING.search(label)) and not _OTHER_HEADING.search(label)
            group = "" if re.fullmatch(r"(?:selected\s+)?publications?", label, re.I) else label
            continue
        if not area or node.tag not in ("li", "p", "dd") or _inside_item(node):
            continue
        paper = entry_paper(inline_tokens(_inline(node)))
        if paper is not None:
            yield paper, group, 0


def list_reading(text: str, *, source: str, importer: str = "html", authored_only: bool = True,
                 collection: tuple[str, str] | None = None,
                 tree: LexborHTMLParser | None = None) -> ImportResult | None:
    """The page read as entries grouped by its headings, or None when that finds nothing.

    authored_only: entries without authors are left out; collection: (id, title), else one
    named after the source; tree: text's document tree, when already parsed.
    """
    grouped = Grouped()
    cut = False
    try:
        for paper, group, line in html_entries(text, tree):
            if paper.authors or not authored_only:
                if len(grouped.items) >= MAX_ENTRIES:
                    cut = True
                    break
                finish(paper, source=source, importer=importer, locator=group, line=line)
                grouped.add(paper, group)
    except (ImporterError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
    if not grouped.items:
        return None
    cid, title = collection or collection_for(source)
    result = build(grouped, cid=cid, title=title, source=source)
    if cut:
        result.warnings.append(too_many_entries(source, None, MAX_ENTRIES))
    return result


def better(first: ImportResult, text: str, *, source: str,
           tree: LexborHTMLParser | None = None) -> ImportResult:
    """first, unless the list reading finds more papers that have authors (tree: text's
    document tree, when already parsed)."""
    with_authors = sum(1 for p in first.papers if p.authors and p.title)
    listed = list_reading(text, source=source, tree=tree)
    if listed is not None and len(listed.papers) > with_authors:
        listed.warnings.extend(first.warnings)
        return listed
    return first
