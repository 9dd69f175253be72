"""Roles of elements inside a publication block (title, authors, venue…) and title finding."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from importers.html.classify import looks_like_names
from importers.html.dom import class_text, is_hidden, text_of

TITLE_TAGS = frozenset({"strong", "b", "h3", "h4", "h5", "h6"})
LINK_WORDS = re.compile(
    r"paper|pdf|code|project|video|dataset|data|arxiv|slides|poster|supp|demo|bibtex|bib|"
    r"website|page|github|model|talk|abstract|doi|link|download|html|preprint|cite|award",
    re.I,
)
_ROLE_VENUE = ("venue", "periodical", "journal", "booktitle", "pub-venue", "publication",
               "ispartof")
_ROLE_AUTHORS = ("author",)
_ROLE_BADGE = ("badge", "highlight", "award", "label", "tag")
_ROLE_DATE = ("date", "year", "pub-date")
_ROLE_ABSTRACT = ("excerpt", "abstract", "summary", "article-style", "pub-abstract")
def role(node: LexborNode) -> str:
    """A coarse role from tag and class: title, venue, authors, badge, date, abstract or ""."""
    tag = node.tag
    if tag == "pub":
        return "venue"
    if tag == "highlighted":
        return "badge"
    names = class_text(node)
    if not names.strip():
        return ""
    if "title" in names and "subtitle" not in names:
        return "title"
    if "author" in names and "highlight" in names:
        return ""  # one highlighted name inside an author list
    if any(word in names for word in ("link", "btn", "button", "icon")):
        return ""  # link bars: their anchors are read one by one
    for key, words in (("authors", _ROLE_AUTHORS), ("venue", _ROLE_VENUE),
                       ("badge", _ROLE_BADGE), ("date", _ROLE_DATE),
                       ("abstract", _ROLE_ABSTRACT)):
        if any(w in names for w in words):
            return key
    return ""


def _in_authors(node: LexborNode, block: LexborNode) -> bool:
    """True when node sits inside an author-list element of block."""
    parent = node.parent
    while parent is not None and parent.mem_id != block.mem_id:
        if role(parent) == "authors":
            return True
        parent = parent.parent
    return False


_PASSES = (
    ("role", '[class*="title"], [class*="Title"], [id*="title"]'),
    ("tag", "strong, b, h3, h4, h5, h6"),
    ("anchor", "a"),
)


def title_candidates(block: LexborNode, limit: int = 2) -> list[LexborNode]:
    """Elements that may hold the block's title, best first (at most limit)."""
    found: list[LexborNode] = []
    for kind, selector in _PASSES:
        for node in block.css(selector):
            if node.mem_id == block.mem_id or is_hidden(node):
                continue
            if kind == "role" and role(node) != "title":
                continue
            if kind == "anchor" and node.attributes.get("onclick"):
                continue
            label = text_of(node)
            words = len(label.split())
            if words < (3 if kind == "anchor" else 2):
                continue
            if kind == "anchor" and (LINK_WORDS.search(label) and words < 4 or words > 30
                                     or _in_authors(node, block)):
                continue
            if kind == "tag" and _in_name_list(node, label):
                continue
            if any(contains(other, node) or contains(node, other) for other in found):
                continue
            found.append(node)
            if len(found) >= limit:
                return found
        if found:
            return found
    return found


def _in_name_list(node: LexborNode, label: str) -> bool:
    """True for a bold name inside a comma-separated author list ("A, <b>B</b>, C")."""
    if not looks_like_names(label):
        return False
    before = node.prev.text_content if node.prev is not None and node.prev.tag == "-text" else ""
    after = node.next.text_content if node.next is not None and node.next.tag == "-text" else ""
    return (before or "").rstrip().endswith((",", "&", "and")) or (after or "").lstrip(
    ).startswith((",", "&", "and "))


def find_title(block: LexborNode) -> LexborNode | None:
    """The element holding the block's title, if any."""
    found = title_candidates(block, 1)
    return found[0] if found else None


def count_titles(block: LexborNode) -> int:
    """How many title candidates the block holds (0, 1, or 2 meaning "several")."""
    return len(title_candidates(block, 2))


def contains(node: LexborNode, inner: LexborNode) -> bool:
    """True when inner is a descendant of node."""
    parent = inner.parent
    while parent is not None:
        if parent.mem_id == node.mem_id:
            return True
        parent = parent.parent
    return False


