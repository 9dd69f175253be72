"""HTML publication lists read as citations under headings: the one list reader.

Each `<li>` (or `<p>`, `<dd>`) under a publication heading becomes a Markdown-like inline line
(bold, italic and links kept), which the site entry reader takes apart as it does a Markdown
list entry. The site walker reads a site's own publications page this way first; the HTML
importer uses it when it finds more papers with authors than the structural reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.base import MAX_ENTRIES, ImporterError, ImportResult, too_many_entries
from importers.html.copy import copied
from importers.html.dom import parse_html
from importers.html.inline import inline_tokens
from importers.html.scan import MAX_ENTRIES as SCAN_MAX
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
_ESCAPED = re.compile(r"[\\`*_\[\]]")  # text without them needs no escaping
_SPACES = re.compile(r"\s+")


def _inline(node: LexborNode) -> str:
    """The node's content as one line of Markdown (bold, italic and links kept)."""
    return _SPACES.sub(" ", _markdown(node))


def _markdown(node: LexborNode) -> str:
    """_inline with its white space not yet folded (folded once per line, as good as per part)."""
    out: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            text = child.text_content or ""
            out.append(text.translate(_ESCAPES) if _ESCAPED.search(text) else text)
        elif tag in _SKIP or tag in ("ul", "ol"):
            continue
        elif tag == "br":
            out.append(" ; ")
        elif tag in _STRONG:
            out.append(f"**{_markdown(child).strip()}** ")
        elif tag in _EM:
            out.append(f"*{_markdown(child).strip()}* ")
        elif tag == "a":
            href = str(child.attributes.get("href") or "").replace(")", "%29").replace(" ", "%20")
            out.append(f"[{_markdown(child).strip()}]({href})")
        else:
            out.append(_markdown(child))
    return "".join(out)


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


@lru_cache(maxsize=1024)
def _heading(text: str) -> tuple[bool, str]:
    """(entries under it are publications, their group label) of a heading's text (cached)."""
    label = _label(text)
    area = bool(PUBLICATION_HEADING.search(label)) and not _OTHER_HEADING.search(label)
    return area, "" if re.fullmatch(r"(?:selected\s+)?publications?", label, re.I) else label


def _entry_nodes(html: str, tree: LexborHTMLParser | None = None
                 ) -> Iterator[tuple[LexborNode, str]]:
    """(node, group label) for each list entry under the page's publication headings."""
    tree = parse_html(html) if tree is None else tree
    root = tree.body or tree.root
    if root is None:
        return
    group, area = "", not re.search(r"<h[1-5]", html, re.I)
    for count, node in enumerate(root.traverse(include_text=False)):
        if count > _MAX_NODES:
            break
        tag = node.tag
        if tag in _HEADINGS:
            area, group = _heading(node.text(separator=" "))
            continue
        if area and tag in ("li", "p", "dd") and not _inside_item(node):
            yield node, group


def html_entries(html: str, tree: LexborHTMLParser | None = None
                 ) -> Iterator[tuple[Paper, str, int]]:
    """(paper, group label, 0) for each list entry under the page's publication headings, read
    as the caller asks for them (so a caller that stops early reads no further); tree: html's
    document tree, when already parsed. An entry line met a third time is not read again: it
    gets a copy of the paper its line gave (a page that repeats its entries)."""
    seen: set[str] = set()
    kept: dict[str, Paper | None] = {}  # lines met twice: their paper, never handed out
    for node, group in _entry_nodes(html, tree):
        line = _inline(node)
        if line in kept:
            paper = copied(kept[line])
        else:
            paper = entry_paper(inline_tokens(line))
            if line in seen:
                kept[line] = copied(paper)
            seen.add(line)
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


def _authored(result: ImportResult) -> int:
    """How many of result's papers have a title and authors."""
    return sum(1 for p in result.papers if p.authors and p.title)


def better(structural: Callable[[], ImportResult], text: str, *, source: str,
           tree: LexborHTMLParser | None = None) -> ImportResult:
    """The structural reading (structural(), at most SCAN_MAX papers), unless the list
    reading finds more papers that have authors (tree: text's document tree, when already
    parsed). Neither reading is made when a count shows it cannot win: a page with more list
    entries than the structural reading holds is list-read first."""
    tree = parse_html(text) if tree is None else tree
    nodes = sum(1 for _ in islice(_entry_nodes(text, tree), SCAN_MAX + 1))
    listed: ImportResult | None = None
    if nodes > SCAN_MAX:
        listed = list_reading(text, source=source, tree=tree)
        if listed is not None and _authored(listed) > SCAN_MAX:
            return listed  # more than the structural reading can hold
    first = structural()
    if listed is None:
        if nodes <= _authored(first):
            return first  # no more list entries than papers already found: it cannot win
        listed = list_reading(text, source=source, tree=tree)
    if listed is not None and len(listed.papers) > _authored(first):
        listed.warnings.extend(first.warnings)
        return listed
    return first
