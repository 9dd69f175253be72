"""The repeated publication blocks of a page's content, in page order, as papers."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.base import ImportWarning
from importers.html.blocks import is_link_line, read_block
from importers.html.classify import looks_like_names
from importers.html.dom import holds_few, is_hidden, text_of
from importers.html.entry import EntryParts, to_paper
from importers.html.leak import leaked_papers, split_leak
from importers.html.roles import title_candidates
from importers.html.tables import table_entries
from store.models import Paper

MAX_ENTRIES = 5000  # publications read from one page
MAX_TRIED = 12_000  # blocks read as possible entries on one page (a real one needs ~2 each)
MIN_TEXT = 12  # characters of text a block needs to hold a title and its authors
MAX_LEAK = 500_000  # characters of unrendered Markdown read from one hidden block
BLOCK_CANDIDATES = frozenset({"p", "li", "div", "article", "section", "dd", "td", "tr",
                              "blockquote", "dt"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_WANTED = ", ".join(sorted(BLOCK_CANDIDATES | _HEADINGS))
# lexbor's ids of the standard tags (the same in every document; other tags get others)
_IDS = {node.tag: node.tag_id for node in LexborHTMLParser(
    "<table><tr><td></td></tr></table><dl><dt></dt><dd></dd></dl><ul><li></li></ul>"
    + "".join(f"<{tag}></{tag}>" for tag in sorted(BLOCK_CANDIDATES | _HEADINGS))
).root.traverse()}
_CANDIDATE_IDS = frozenset(_IDS[tag] for tag in BLOCK_CANDIDATES)
_HEADING_IDS = frozenset(_IDS[tag] for tag in _HEADINGS)
_TOP_IDS = frozenset({_IDS["h1"], _IDS["h2"]})
FENCE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
_YEAR_HEADING = re.compile(r"^(?:year\s+)?((?:19|20)\d{2})(?:\s+(?:papers|publications))?$",
                           re.I)
_DATE_ONLY = re.compile(r"^[\W\d]*(?:19|20)\d{2}[\W\d]*$|^\w{3,9}\.? \d{1,2},? (?:19|20)\d{2}$")


def _fenced(node: LexborNode, root: LexborNode, accepted: set[int]) -> bool:
    """True inside an accepted block, a hidden block, or nav/header/footer/aside."""
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if parent.mem_id in accepted or parent.tag in FENCE_TAGS or is_hidden(parent):
            return True
        parent = parent.parent
    return False


def _with_headings(root: LexborNode) -> set[int]:
    """mem_ids of the nodes below root (and root) that hold an h1-h4 (each node once)."""
    found: set[int] = set()
    for heading in root.css(", ".join(sorted(_HEADINGS))) if holds_few(root.parser) else []:
        parent = heading.parent
        while parent is not None and parent.mem_id not in found:
            found.add(parent.mem_id)
            parent = parent.parent
    return found


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


def read_entries(root: LexborNode, *, source: str, locator: str,
                 warnings: list[ImportWarning] | None = None) -> list[Paper]:
    """Papers of the repeated publication blocks below root, in page order (capped)."""
    accepted: set[int] = set()
    found: list[tuple[EntryParts, list[LexborNode], int | None]] = []
    for row, parts in table_entries(root):
        accepted.add(row.mem_id)
        found.append((parts, [], None))
    year: int | None = None
    tried = 0
    headed = _with_headings(root)
    descend = root.css_first(_WANTED) is not None  # else only root itself can be a block
    stack = [iter((root,))]  # root.traverse() order, but a subtree that holds no heading and
    while stack:  # too little text for a block is skipped whole (none of it can be read)
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        kind = node.tag_id  # cheaper than the tag name
        if kind in _CANDIDATE_IDS and node.mem_id not in accepted \
                and len(node.text(strip=True)) < MIN_TEXT:  # in C: the cheapest test first
            if descend and node.mem_id in headed:
                stack.append(node.iter())
            continue  # (its subtree is not entered unless it holds a heading)
        if descend:
            stack.append(node.iter())
        if kind in _HEADING_IDS and not _fenced(node, root, accepted):
            match = _YEAR_HEADING.match(text_of(node).strip(" :."))
            year = int(match.group(1)) if match else (None if kind in _TOP_IDS else year)
            continue
        if kind not in _CANDIDATE_IDS or node.mem_id in accepted:
            continue
        if is_hidden(node) or _fenced(node, root, accepted):
            continue
        titles = title_candidates(node, 2)
        if len(titles) > 1:
            continue
        tried += 1
        if tried > MAX_TRIED:
            if warnings is not None:
                warnings.append(ImportWarning(source, None, f"more than {MAX_TRIED:,} blocks "
                                              "read on one page; the rest skipped"))
            break
        more, after = _followers(node)
        parts = read_block(node, after, more, titles=titles)
        if not _is_publication(parts, strict=True):
            continue
        accepted.add(node.mem_id)
        accepted.update(n.mem_id for n in more)
        found.append((parts, after, year))
        if len(found) >= MAX_ENTRIES:
            if warnings is not None:
                warnings.append(ImportWarning(source, None, f"more than {MAX_ENTRIES} entries "
                                              "on one page; the rest skipped"))
            break
    if len(found) < 2 and not (found and found[0][0].venue and found[0][0].authors):
        return []
    papers: list[Paper] = []
    for parts, after, year_hint in found:
        leaked: list[Paper] = []
        for hidden in after:
            head, markdown = split_leak(hidden)
            if markdown and len(markdown) <= MAX_LEAK:
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
