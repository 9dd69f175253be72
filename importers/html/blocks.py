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
from importers.jekyll_authors import is_note
from importers.venue import find_badges
from store.text import clean_inline

TITLE_TAGS = frozenset({"strong", "b", "h3", "h4", "h5", "h6"})
EMPHASIS_TAGS = frozenset({"em", "i", "cite"})
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_VENUE_WORDS = re.compile(
    r"conference|journal|transactions|proceedings|symposium|workshop|arxiv|letters|preprint|"
    r"magazine|review|thesis|university|press|\bproc\b", re.I,
)
_ACRONYM = re.compile(r"\b(?=\w*[A-Z]\w*[A-Z])\w+\b")
_LINK_WORDS = re.compile(
    r"paper|pdf|code|project|video|dataset|data|arxiv|slides|poster|supp|demo|bibtex|bib|"
    r"website|page|github|model|talk|abstract|doi|link|download|html|preprint|cite|award",
    re.I,
)
_TOGGLE_ID = re.compile(r"""\(\s*["']?([^"')\s]+)""")
_ROLE_VENUE = ("venue", "periodical", "journal", "booktitle", "pub-venue", "publication",
               "ispartof")
_ROLE_AUTHORS = ("author",)
_ROLE_BADGE = ("badge", "highlight", "award", "label", "tag")
_ROLE_DATE = ("date", "year", "pub-date")
_ROLE_ABSTRACT = ("excerpt", "abstract", "summary", "article-style", "pub-abstract")
_BIB_START = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")


def looks_like_venue(text: str) -> bool:
    """True for text that reads as a venue with a year."""
    return bool(_YEAR.search(text)) and bool(_VENUE_WORDS.search(text) or _ACRONYM.search(text))


def looks_like_names(text: str) -> bool:
    """True for a comma- or "and"-separated list of short capitalised names."""
    parts = [p.strip() for p in re.split(r",|\band\b|&|;", text) if p.strip()]
    if not parts or _YEAR.search(text):
        return False
    names = [p for p in parts if 1 <= len(p.split()) <= 5 and _is_name(p)]
    return len(names) >= max(1, len(parts) - 1) and (len(parts) >= 2 or len(parts[0].split()) >= 2)


_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della",
                        "la", "le", "bin", "al", "el", "y", "dos", "das", "ter", "zu"})


def _is_name(part: str) -> bool:
    """True when every word of part is capitalised, an initial or a name particle."""
    words = [w.strip("*†‡#§¶.()0123456789 ") for w in part.split()]
    words = [w for w in words if w]
    return bool(words) and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


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
            if kind == "anchor" and (_LINK_WORDS.search(label) and words < 4 or words > 30
                                     or _in_authors(node, block)):
                continue
            if kind == "tag" and _in_name_list(node, label):
                continue
            if any(_contains(other, node) or _contains(node, other) for other in found):
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


_QUOTED = re.compile(r"[“\"]([^“”\"]{8,300}?)[,.]?[”\"]")


def quoted_title(text: str) -> str:
    """A title written in quotes inside a citation line ("Title," or “Title”), else ""."""
    found = _QUOTED.search(text)
    if found is None or len(found.group(1).split()) < 3:
        return ""
    return found.group(1).strip(" ,.")


_APA = re.compile(r"^(?P<authors>[^()]{3,600}?)\s*\((?P<year>(?:19|20)\d{2})[a-z]?\)\.?\s+"
                  r"(?P<title>[^.?!]{8,300}[?!]?)[.?!]?\s")


def apa_title(text: str) -> str:
    """The title of an author-year citation: "Lovelace, A. (2021). Title. Venue.", else ""."""
    found = _APA.match(text)
    if found is None or len(found.group("title").split()) < 3:
        return ""
    return found.group("title").strip()


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
        if title is not None and _contains(node, title):
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


_EMPTY_BRACKETS = re.compile(r"\[\s*[|,]?\s*\]|\(\s*\)")
_YEAR_PAREN = re.compile(r"\(\s*((?:19|20)\d{2})[a-z]?\s*\)\.?|,?\s*\b((?:19|20)\d{2})\.\s*$")
_LEAD = re.compile(r"^(?:published\s+in|appeared\s+in|to\s+appear\s+in)\s*:?\s*", re.I)


def _plain(pieces: list[str]) -> str:
    """Pieces joined and cleaned of empty brackets and stray separators."""
    text = clean_inline(" ".join(p for p in pieces if p))
    text = clean_inline(_EMPTY_BRACKETS.sub(" ", text))
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    return text.strip(" |·•,;:-–—/").lstrip(".")


def _read_line(parts: EntryParts, line: list[LexborNode], title: LexborNode | None) -> None:
    """Assign one line's pieces to authors, venue, links, badges or notes."""
    segs: list[Segment] = []
    _segments(parts, line, title, segs)
    links = [node for kind, _, node in segs if kind == "link" and node is not None]
    labels = [text_of(a) for a in links]
    other = _plain([t for kind, t, _ in segs if kind in ("text", "emph")])
    commas = "," in " ".join(t for kind, t, _ in segs if kind in ("text", "emph"))
    if (links and not parts.authors and not any(_LINK_WORDS.search(lb) for lb in labels)
            and (len(links) >= 2 or commas) and looks_like_names(", ".join(labels))):
        names = _plain([t for k, t, _ in segs if k in ("text", "emph", "link")])
        parts.authors = names if looks_like_names(names) else ", ".join(labels)
        return
    for anchor in links:
        if href(anchor) and href(anchor) != parts.title_url:
            parts.add_link(text_of(anchor), href(anchor))
    kinds = [kind for kind, _, _ in segs]
    if "title" in kinds:
        at = kinds.index("title")
        before = _plain([t for k, t, _ in segs[:at] if k in ("text", "emph")])
        after_segs = [(k, t) for k, t, _ in segs[at + 1 :] if k in ("text", "emph")]
        after = _plain([t for _, t in after_segs])
        _read_before(parts, before)
        if after:
            if not parts.venue and (looks_like_venue(after) or any(k == "emph" for k, _ in
                                                                    after_segs)):
                parts.venue = _venue_text(after)
            else:
                _classify(parts, after, emphasised=False)
        return
    if parts.title and len(parts.title) >= 12 and parts.title.lower()[:24] in other.lower():
        _classify(parts, other, emphasised=False)  # a citation line repeating the title
        return
    emphasis = [t for k, t, _ in segs if k == "emph"]
    if emphasis and not parts.venue and looks_like_venue(other):
        parts.venue = _venue_text(other)
        return
    for text in emphasis:
        _classify(parts, text, emphasised=True)
    plain = _plain([t for k, t, _ in segs if k == "text"])
    if plain:
        _classify(parts, plain, emphasised=False)


def _venue_text(text: str) -> str:
    """A venue line without "Published in" and a closing period."""
    return _LEAD.sub("", text).rstrip(" .")


def _read_before(parts: EntryParts, before: str) -> None:
    """Text before the title on its line: a year in parentheses and an author list."""
    if not before:
        return
    found = _YEAR_PAREN.search(before)
    if found:
        parts.year = parts.year or (found.group(1) or found.group(2))
        before = _plain([before[: found.start()], before[found.end() :]])
    if before and not parts.authors and looks_like_names(before):
        parts.authors = before


def _classify(parts: EntryParts, text: str, *, emphasised: bool) -> None:
    """Authors, venue, note, award or other text."""
    text = clean_inline(text).strip(" |·•,;-–—")
    if not text:
        return
    if is_note(text):
        parts.notes.append(text)
        return
    if parts.title and len(parts.title) >= 12:
        at = text.lower().find(parts.title.lower()[:24])
        if at > 0:  # a citation line: "Authors (2021). "Title." Venue."
            prefix = text[:at].rstrip(" \"“'‘")
            head, sep, tail = prefix.partition(":")
            if sep and len(head.split()) <= 3:
                prefix = tail
            _read_before(parts, _plain([prefix]))
            rest = text[at + len(parts.title) :].lstrip(" \"”'’.,")
            if rest and not parts.venue and (_YEAR.search(rest) or _VENUE_WORDS.search(rest)
                                             or _ACRONYM.search(rest)):
                parts.venue = _venue_text(_plain([_EMPTY_BRACKETS.sub(" ", rest)]))
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
        elif not parts.abstract and not emphasised and len(text.split()) >= 8:
            parts.abstract = text  # a visible summary sentence
        else:
            parts.texts.append(text)


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
