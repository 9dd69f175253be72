"""A page's in-page navigation (the tabs) and same-site permalinks."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.html.dom import SKIP_TAGS, class_text, href, is_hidden, text_of
from importers.html.entry import clean_label
from store.text import SUSPECT_CHARS

_CURRENT = ("▼", "▾")
MAX_NAV_LINKS = 300  # a link group larger than this is a list of links, not a page's tabs
_UNSEEN = ", ".join(sorted(SKIP_TAGS))
_SUSPECT = re.compile(f"[{SUSPECT_CHARS}]")
# lexbor's ids of the inline elements a nav link may sit in (the same in every document)
_WRAPPERS = frozenset(node.tag_id for node in LexborHTMLParser(
    "<ul><li><span><b><strong><em>x</em></strong></b></span></li></ul>").css("li, span, b, "
                                                                           "strong, em"))


@dataclass(slots=True)
class NavItem:
    """One in-page navigation link: label, target permalink, and whether it is this page."""

    label: str
    permalink: str
    current: bool = False


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


def nav_groups(root: LexborNode) -> list[list[LexborNode]]:
    """Groups of two or more links that make up most of their parent's text."""
    groups: list[list[LexborNode]] = []
    seen: set[int] = set()
    for anchor in root.css("a"):
        parent = anchor.parent
        while parent is not None and parent.tag_id in _WRAPPERS:
            parent = parent.parent
        if parent is None or parent.mem_id in seen or is_hidden(parent):
            continue
        seen.add(parent.mem_id)
        anchors = parent.css("a")
        if len(anchors) > MAX_NAV_LINKS:
            continue
        links = [a for a in anchors if href(a)]
        if len(links) < 2:
            continue
        plain = parent.css_first(_UNSEEN) is None  # then its text can be counted in C
        total = _shown(parent, plain)
        linked = sum(_shown(a, plain) for a in links)
        if total and linked >= 0.7 * total:
            groups.append(links)
    return groups


def _shown(node: LexborNode, plain: bool) -> int:
    """len(text_of(node).replace(" ", "")): counted in C when node holds no unseen element
    (plain) and no character text_of would clean away."""
    if plain:
        text = node.text()
        if not _SUSPECT.search(text):
            return sum(map(len, text.split()))
    return len(text_of(node).replace(" ", ""))


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


def read_nav(root: LexborNode, base: str, permalink: str,
             groups: list[list[LexborNode]] | None = None) -> list[NavItem]:
    """The in-page nav of a topic: the first link group whose pages share this page's topic
    (groups: nav_groups(root), when the caller has them)."""
    topic = permalink.strip("/").split("/")[0].lower()
    for group in nav_groups(root) if groups is None else groups:
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


def own_link(root: LexborNode, base: str, permalink: str,
             groups: list[list[LexborNode]] | None = None) -> str:
    """For a saved file, the nav link that names this page (same last segment), if any
    (groups: nav_groups(root), when the caller has them)."""
    stem = permalink.rstrip("/").split("/")[-1].lower()
    for group in nav_groups(root) if groups is None else groups:
        for anchor in group:
            target = resolve(href(anchor), base)
            if target and target.rstrip("/").split("/")[-1].lower() == stem:
                return target
    return permalink
