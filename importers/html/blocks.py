"""Reading one publication block (a paragraph, list item or card) by the roles of its parts."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from importers.html.dom import (
    BLOCK_TAGS,
    SKIP_TAGS,
    block_text,
    class_text,
    href,
    is_hidden,
    split_lines,
    text_of,
)
from importers.html.entry import EntryParts
from importers.jekyll.authors import is_note
from importers.venue import find_badges
from store.text import clean_inline

TITLE_TAGS = frozenset({"strong", "b", "h2", "h3", "h4", "h5", "h6"})
EMPHASIS_TAGS = frozenset({"em", "i", "cite"})
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_VENUE_WORDS = re.compile(
    r"conference|journal|transactions|proceedings|symposium|workshop|arxiv|letters|preprint|"
    r"magazine|review|\b[A-Z]{2,}[a-z]*\b",
)
_LINK_WORDS = re.compile(
    r"paper|pdf|code|project|video|dataset|data|arxiv|slides|poster|supp|demo|bibtex|bib|"
    r"website|page|github|model|talk|abstract|doi|link|download|html|preprint|cite|award",
    re.I,
)
_TOGGLE_ID = re.compile(r"""\(\s*["']?([^"')\s]+)""")
_ROLE_VENUE = ("venue", "periodical", "journal", "booktitle", "pub-venue", "publication")
_ROLE_AUTHORS = ("author",)
_ROLE_BADGE = ("badge", "highlight", "award", "label", "tag")
_ROLE_DATE = ("date", "year", "pub-date")
_BIB_START = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")


def looks_like_venue(text: str) -> bool:
    """True for text that reads as a venue with a year."""
    return bool(_YEAR.search(text)) and bool(_VENUE_WORDS.search(text))


def looks_like_names(text: str) -> bool:
    """True for a comma- or "and"-separated list of short capitalised names."""
    parts = [p.strip() for p in re.split(r",|\band\b|&|;", text) if p.strip()]
    if not parts or _YEAR.search(text):
        return False
    names = [p for p in parts if 1 <= len(p.split()) <= 5 and p.strip("*†‡#§¶ ")[:1].isupper()]
    return len(names) >= max(1, len(parts) - 1) and (len(parts) >= 2 or len(parts[0].split()) >= 2)


def role(node: LexborNode) -> str:
    """A coarse role from tag and class: title, venue, authors, badge, date or ""."""
    tag = node.tag
    if tag == "pub":
        return "venue"
    if tag == "highlighted":
        return "badge"
    names = class_text(node)
    if "title" in names and "subtitle" not in names:
        return "title"
    for key, words in (("authors", _ROLE_AUTHORS), ("venue", _ROLE_VENUE),
                       ("badge", _ROLE_BADGE), ("date", _ROLE_DATE)):
        if any(w in names for w in words):
            return key
    return ""


def find_title(block: LexborNode) -> LexborNode | None:
    """The element holding the block's title, if any."""
    for node in block.traverse():
        if node is block or node.tag in SKIP_TAGS or is_hidden(node):
            continue
        if role(node) == "title" and len(text_of(node).split()) >= 2:
            return node
    for node in block.traverse():
        if node is block or is_hidden(node):
            continue
        if node.tag in TITLE_TAGS and len(text_of(node).split()) >= 2:
            return node
    for node in block.css("a"):
        label = text_of(node)
        if len(label.split()) >= 4 and not _LINK_WORDS.fullmatch(label.strip("[]() ")):
            return node
    return None


def count_titles(block: LexborNode) -> int:
    """How many bold/heading/title-class elements with several words the block holds."""
    count = 0
    for node in block.traverse():
        if node is block or is_hidden(node):
            continue
        if (node.tag in TITLE_TAGS or role(node) == "title") and len(text_of(node).split()) >= 2:
            count += 1
            if count > 1:
                return count
    return count


def lines_of(block: LexborNode) -> tuple[list[list[LexborNode]], list[LexborNode]]:
    """(visible lines of inline nodes, hidden parts) of a block, leaf blocks as their own lines."""
    lines: list[list[LexborNode]] = []
    hidden: list[LexborNode] = []
    run: list[LexborNode] = []
    for child in block.iter(include_text=True):
        if child.tag == "-comment" or child.tag in SKIP_TAGS:
            continue
        if child.tag != "-text" and is_hidden(child):
            hidden.append(child)
            continue
        if child.tag in BLOCK_TAGS and child.tag not in TITLE_TAGS:
            lines += split_lines(run)
            run = []
            sub_lines, sub_hidden = lines_of(child)
            lines += sub_lines
            hidden += sub_hidden
            continue
        run.append(child)
    lines += split_lines(run)
    return lines, hidden


def is_link_line(node: LexborNode) -> bool:
    """True for a paragraph of links only ("Paper | Code | Abstract") without a title."""
    if node.tag not in ("p", "div", "span") or count_titles(node) or not node.css_first("a"):
        return False
    labels = "".join(text_of(a) for a in node.css("a"))
    rest = text_of(node)
    for piece in (text_of(a) for a in node.css("a")):
        rest = rest.replace(piece, "", 1)
    return bool(labels) and not any(c.isalnum() for c in rest)


def read_block(
    block: LexborNode,
    hidden_after: list[LexborNode] | None = None,
    more: list[LexborNode] | None = None,
) -> EntryParts:
    """EntryParts for a publication block, its link-only follower lines and hidden blocks."""
    parts = EntryParts()
    title = find_title(block)
    if title is not None:
        parts.title = text_of(title)
        anchor = title if title.tag == "a" else title.css_first("a")
        if anchor is not None and text_of(anchor) == parts.title:
            parts.title_url = href(anchor)
    lines, hidden = lines_of(block)
    for follower in more or []:
        extra_lines, extra_hidden = lines_of(follower)
        lines += extra_lines
        hidden += extra_hidden
    for line in lines:
        _read_line(parts, line, title)
    for node in hidden + list(hidden_after or []):
        _read_hidden(parts, node)
    return parts


def _read_line(parts: EntryParts, line: list[LexborNode], title: LexborNode | None) -> None:
    """Assign one line's pieces to authors, venue, links, badges or notes."""
    rest: list[str] = []
    emphasis: list[str] = []
    names_links: list[str] = []
    link_nodes: list[LexborNode] = []
    for node in line:
        if title is not None and (node.mem_id == title.mem_id or _contains(node, title)):
            rest.append(_outside(node, title))
            continue
        _read_node(parts, node, rest, emphasis, link_nodes)
    labels = [text_of(a) for a in link_nodes]
    plain = clean_inline(" ".join(t for t in rest if t)).strip(" |·•,;-–—")
    if link_nodes and not parts.authors and all(
        not _LINK_WORDS.search(label) for label in labels
    ) and (len(link_nodes) >= 2 or "," in plain) and looks_like_names(", ".join(labels)):
        names_links = labels
    if names_links:
        parts.authors = clean_join(rest, names_links)
        return
    for anchor in link_nodes:
        parts.add_link(text_of(anchor), href(anchor))
    for text in emphasis:
        _classify(parts, text, emphasised=True)
    if plain:
        _classify(parts, plain, emphasised=False)


def clean_join(rest: list[str], labels: list[str]) -> str:
    """An author line written as linked names: the names joined by commas."""
    del rest
    return ", ".join(label for label in labels if label)


def _read_node(parts: EntryParts, node: LexborNode, rest: list[str], emphasis: list[str],
               links: list[LexborNode]) -> None:
    """Sort one inline node of a line into the right bucket."""
    tag = node.tag
    if tag == "-text":
        rest.append(node.text_content or "")
        return
    if tag == "a":
        onclick = node.attributes.get("onclick") or ""
        if onclick:
            found = _TOGGLE_ID.search(onclick)
            if found and not parts.abstract_id:
                parts.abstract_id = found.group(1)
            return
        if href(node).lower().startswith(("javascript:", "#")):
            return
        links.append(node)
        return
    kind = role(node)
    inner_pub = node.css_first("pub") if tag != "pub" else None
    text = text_of(node)
    if kind == "venue" or inner_pub is not None:
        if not parts.venue:
            parts.venue = text_of(inner_pub) if inner_pub is not None else text
        return
    if kind == "badge":
        parts.add_badges(find_badges(text) or [text])
        return
    if kind == "authors" and not parts.authors:
        parts.authors = text
        return
    if kind == "date" and not parts.year:
        parts.year = text
        return
    anchors = node.css("a")
    if anchors:
        for anchor in anchors:
            _read_node(parts, anchor, rest, emphasis, links)
        if tag in EMPHASIS_TAGS and len(anchors) >= 2:
            return
        for anchor in anchors:
            anchor_text = text_of(anchor)
            text = text.replace(anchor_text, " ", 1)
    if tag in EMPHASIS_TAGS:
        emphasis.append(text)
    else:
        rest.append(text)


def _classify(parts: EntryParts, text: str, *, emphasised: bool) -> None:
    """Authors, venue, note, award or other text."""
    text = clean_inline(text).strip(" |·•,;-–—")
    if not text:
        return
    if is_note(text):
        parts.notes.append(text)
        return
    venue_like = looks_like_venue(text)
    if not parts.authors and not venue_like and (emphasised or looks_like_names(text)):
        parts.authors = text
    elif not parts.venue and (venue_like or (emphasised and parts.authors)):
        parts.venue = text
    elif not parts.year and _YEAR.fullmatch(text.strip("() .,")):
        parts.year = text
    else:
        badges = find_badges(text)
        if badges:
            parts.add_badges(badges)
            parts.awards.append(text)
        else:
            parts.texts.append(text)


def _read_hidden(parts: EntryParts, node: LexborNode) -> None:
    """A hidden block: an abstract, or a BibTeX entry."""
    if node.tag in ("script", "style"):
        return
    text = block_text(node)
    stripped = text.strip()
    if not stripped:
        return
    if _BIB_START.match(stripped):
        parts.bibtex = parts.bibtex or stripped
        return
    if not parts.abstract:
        parts.abstract = trim_lines(stripped)
        if not parts.abstract_id:
            parts.abstract_id = node.attributes.get("id") or ""


def trim_lines(text: str) -> str:
    """text without leading and trailing lines that hold no letter or digit ("##", "---")."""
    lines = text.splitlines()
    while lines and not any(c.isalnum() for c in lines[-1]):
        lines.pop()
    while lines and not any(c.isalnum() for c in lines[0]):
        lines.pop(0)
    return "\n".join(lines)


def _contains(node: LexborNode, inner: LexborNode) -> bool:
    """True when inner is a descendant of node."""
    parent = inner.parent
    while parent is not None:
        if parent.mem_id == node.mem_id:
            return True
        parent = parent.parent
    return False


def _outside(node: LexborNode, title: LexborNode) -> str:
    """Text of node other than the title's (badges beside a title inside one element)."""
    if node.mem_id == title.mem_id:
        return ""
    return text_of(node).replace(text_of(title), " ", 1)
