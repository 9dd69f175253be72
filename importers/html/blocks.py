"""Reading one publication block (a paragraph, list item or card) by the roles of its parts."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from importers.html.classify import (
    apa_title,
    classify,
    join_text,
    looks_like_names,
    looks_like_venue,
    quoted_title,
    read_before,
    trim_lines,
    venue_text,
)
from importers.html.dom import (
    BLOCK_TAGS,
    SKIP_TAGS,
    block_text,
    href,
    is_hidden,
    split_lines,
    text_of,
)
from importers.html.entry import EntryParts
from importers.html.roles import (
    LINK_WORDS,
    TITLE_TAGS,
    contains,
    count_titles,
    find_title,
    role,
)
from importers.venue import find_badges

EMPHASIS_TAGS = frozenset({"em", "i", "cite"})
_TOGGLE_ID = re.compile(r"""\(\s*["']?([^"')\s]+)""")
_BIB_START = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")


_ROLE_LINE = frozenset({"title", "authors", "venue", "date", "abstract", "badge"})


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
            summary = child.css_first("summary") if child.tag == "details" else None
            if summary is not None and len(text_of(summary).split()) > 3:
                lines += split_lines(run)  # <details><summary>the entry</summary>abstract…
                run = []
                sub_lines, _ = lines_of(summary)
                lines += sub_lines
            continue
        if child.tag in BLOCK_TAGS and child.tag not in TITLE_TAGS:
            lines += split_lines(run)
            run = []
            if role(child) in _ROLE_LINE:
                lines.append([child])
                hidden += [n for n in child.css("*") if is_hidden(n)]
                continue
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
    titles: list[LexborNode] | None = None,
) -> EntryParts:
    """EntryParts for a publication block, its link-only follower lines and hidden blocks
    (titles: title_candidates(block), when the caller has them)."""
    parts = EntryParts()
    title = find_title(block) if titles is None else (titles[0] if titles else None)
    if title is not None:
        parts.title = text_of(title)
        anchor = title if title.tag == "a" else title.css_first("a")
        if anchor is None and title.parent is not None and title.parent.tag == "a":
            anchor = title.parent
        if anchor is not None and text_of(anchor) == parts.title:
            parts.title_url = href(anchor)
    elif not any(n.mem_id != block.mem_id for n in block.css("li, p, tr, dd")):
        text = text_of(block)
        parts.title = quoted_title(text) or apa_title(text)
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


Segment = tuple[str, str, "LexborNode | None"]


def _segments(parts: EntryParts, nodes: list[LexborNode], title: LexborNode | None,
              out: list[Segment]) -> None:
    """Flatten a line into (kind, text, node) pieces; roles are stored on parts directly."""
    for node in nodes:
        tag = node.tag
        if title is not None and node.mem_id == title.mem_id:
            out.append(("title", "", node))
            continue
        if title is not None and contains(node, title):
            _segments(parts, [c for c in node.iter(include_text=True) if c.tag != "-comment"],
                      title, out)
            continue
        if tag == "-text":
            out.append(("text", node.text_content or "", None))
            continue
        if tag in SKIP_TAGS or tag in ("abbr", "img", "i") and not text_of(node) or tag == "abbr":
            continue
        if tag == "a":
            onclick = node.attributes.get("onclick") or ""
            if onclick:
                found = _TOGGLE_ID.search(onclick)
                if found and not parts.abstract_id:
                    parts.abstract_id = found.group(1)
                continue
            inner = [n for n in node.css("*") if n.mem_id != node.mem_id]
            if any(role(n) in ("venue", "authors", "date", "title") for n in inner):
                _segments(parts, [c for c in node.iter(include_text=True)
                                  if c.tag != "-comment"], title, out)
                continue
            label = text_of(node)
            wrapped = any(role(n) == "abstract" for n in node.css("*") if n.mem_id != node.mem_id)
            if wrapped or len(label.split()) > 12:
                if not parts.abstract:
                    parts.abstract = label
                continue
            out.append(("link", label, node))
            continue
        kind = role(node)
        inner_pub = node.css_first("pub") if tag != "pub" else None
        text = text_of(node)
        if kind == "venue" or inner_pub is not None:
            if not parts.venue:
                parts.venue = text_of(inner_pub) if inner_pub is not None else text
            continue
        if kind == "badge":
            parts.add_badges(find_badges(text) or [text])
            continue
        if kind == "authors":
            if not parts.authors:
                parts.authors = text
            elif "," not in text and 1 <= len(text.split()) <= 5:
                parts.authors = f"{parts.authors}, {text}"  # one element per author
            continue
        if kind == "date":
            parts.year = parts.year or text
            continue
        if kind == "abstract":
            parts.abstract = parts.abstract or text
            continue
        if node.css_first("a") is not None and not (tag in EMPHASIS_TAGS and _names_links(node)):
            _segments(parts, [c for c in node.iter(include_text=True) if c.tag != "-comment"],
                      title, out)
            continue
        out.append(("emph" if tag in EMPHASIS_TAGS else "text", text, node))


def _names_links(node: LexborNode) -> bool:
    """True for an emphasised author list whose names link to home pages."""
    labels = [text_of(a) for a in node.css("a")]
    return len(labels) >= 2 and looks_like_names(", ".join(labels))


def _read_line(parts: EntryParts, line: list[LexborNode], title: LexborNode | None) -> None:
    """Assign one line's pieces to authors, venue, links, badges or notes."""
    segs: list[Segment] = []
    _segments(parts, line, title, segs)
    links = [node for kind, _, node in segs if kind == "link" and node is not None]
    labels = [text_of(a) for a in links]
    other = join_text([t for kind, t, _ in segs if kind in ("text", "emph")])
    commas = "," in " ".join(t for kind, t, _ in segs if kind in ("text", "emph"))
    if (links and not parts.authors and not any(LINK_WORDS.search(lb) for lb in labels)
            and (len(links) >= 2 or commas) and looks_like_names(", ".join(labels))):
        names = join_text([t for k, t, _ in segs if k in ("text", "emph", "link")])
        parts.authors = names if looks_like_names(names) else ", ".join(labels)
        return
    for anchor in links:
        if href(anchor) and href(anchor) != parts.title_url:
            parts.add_link(text_of(anchor), href(anchor))
    kinds = [kind for kind, _, _ in segs]
    if "title" in kinds:
        at = kinds.index("title")
        before = join_text([t for k, t, _ in segs[:at] if k in ("text", "emph")])
        after_segs = [(k, t) for k, t, _ in segs[at + 1 :] if k in ("text", "emph")]
        after = join_text([t for _, t in after_segs])
        read_before(parts, before)
        if after:
            if not parts.venue and (looks_like_venue(after) or any(k == "emph" for k, _ in
                                                                    after_segs)):
                parts.venue = venue_text(after)
            else:
                classify(parts, after, emphasised=False)
        return
    if parts.title and len(parts.title) >= 12 and parts.title.lower()[:24] in other.lower():
        classify(parts, other, emphasised=False)  # a citation line repeating the title
        return
    emphasis = [t for k, t, _ in segs if k == "emph"]
    if emphasis and not parts.venue and looks_like_venue(other):
        parts.venue = venue_text(other)
        return
    for text in emphasis:
        classify(parts, text, emphasised=True)
    plain = join_text([t for k, t, _ in segs if k == "text"])
    if plain:
        classify(parts, plain, emphasised=False)


def _read_hidden(parts: EntryParts, node: LexborNode) -> None:
    """A hidden block: an abstract, or a BibTeX entry."""
    if node.tag in ("script", "style"):
        return
    text = block_text(node)
    summary = node.css_first("summary") if node.tag == "details" else None
    if summary is not None:
        label = text_of(summary)
        text = text.replace(summary.text(deep=True) or "", "", 1)
        if re.search(r"bib|cit", label, re.I) and not _BIB_START.match(text.strip()):
            return
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


def _outside(node: LexborNode, title: LexborNode) -> str:
    """Text of node other than the title's (badges beside a title inside one element)."""
    if node.mem_id == title.mem_id:
        return ""
    return text_of(node).replace(text_of(title), " ", 1)
