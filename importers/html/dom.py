"""Small helpers over a selectolax DOM: text, classes, visibility, lines split at <br>."""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.html.guard import check_depth
from store.text import clean_inline

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "button", "select", "option", "textarea",
})
HIDDEN_CLASSES = frozenset({"hidden", "abs", "collapse", "d-none", "hide", "sr-only"})


class Tree(LexborHTMLParser):
    """A page's document tree that keeps what its readers ask of it more than once."""

    metas: dict[tuple[str, str], str] | None = None  # see meta_content


def parse_html(text: str) -> LexborHTMLParser:
    """The document tree of an HTML text (lenient about bad markup; raises TooDeep, before any
    tree is built, for elements nested by the thousand)."""
    check_depth(text)
    return Tree(text)


def classes(node: LexborNode) -> set[str]:
    """The node's class names, lower-cased."""
    value = node.attributes.get("class") or ""
    return {c.lower() for c in value.split()}


def class_text(node: LexborNode) -> str:
    """Class names and id joined, lower-cased, for loose role matching."""
    attrs = node.attributes
    names = (attrs.get("class"), attrs.get("id"), attrs.get("itemprop"))
    return " ".join(n for n in names if n).lower()


def is_hidden(node: LexborNode) -> bool:
    """True for content a visitor sees only after a click (display:none, .hidden, <details>)."""
    attrs = node.attributes
    if node.tag == "details" and "open" not in attrs:
        return True
    style = attrs.get("style")
    if style and "display:none" in style.replace(" ", "").lower() or "hidden" in attrs:
        return True
    names = attrs.get("class")  # as classes(node), without asking for the attributes again
    return bool(names) and not HIDDEN_CLASSES.isdisjoint(c.lower() for c in names.split())


def text_of(node: LexborNode) -> str:
    """Visible-or-not text of a node on one line, scripts and styles left out."""
    if node.tag == "-text":
        return clean_inline(node.text_content or "")
    return clean_inline("".join(_texts(node)))


def _texts(node: LexborNode) -> Iterator[str]:
    """Text pieces below node, skipping scripts, styles and comments."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            yield child.text_content or ""
        elif tag in SKIP_TAGS or tag == "-comment":
            continue
        elif tag == "br":
            yield " "
        elif tag in BLOCK_TAGS:
            yield " "
            yield from _texts(child)
            yield " "
        else:
            yield from _texts(child)


def block_text(node: LexborNode) -> str:
    """Text of a node keeping paragraph breaks as blank lines (for abstracts)."""
    parts: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag in SKIP_TAGS or tag == "-comment":
            continue
        elif tag == "br":
            parts.append("\n")
        elif tag in BLOCK_TAGS:
            parts.append("\n\n" + block_text(child) + "\n\n")
        else:
            parts.append(block_text(child))
    return "".join(parts)


def children(node: LexborNode) -> list[LexborNode]:
    """Element and text children, comments and scripts dropped."""
    return [
        c
        for c in node.iter(include_text=True)
        if c.tag != "-comment" and c.tag not in SKIP_TAGS
    ]


def elements(node: LexborNode) -> list[LexborNode]:
    """Element children only."""
    return [c for c in node.iter() if c.tag not in SKIP_TAGS]


def split_lines(nodes: list[LexborNode]) -> list[list[LexborNode]]:
    """Inline nodes cut into lines at <br> (empty lines dropped)."""
    lines: list[list[LexborNode]] = [[]]
    for child in nodes:
        if child.tag == "br":
            lines.append([])
        else:
            lines[-1].append(child)
    return [line for line in lines if any(_meaningful(n) for n in line)]


def _meaningful(node: LexborNode) -> bool:
    """True for an element or a text node with more than whitespace."""
    return node.tag != "-text" or bool((node.text_content or "").strip())


def href(node: LexborNode) -> str:
    """The href of an anchor, stripped."""
    return (node.attributes.get("href") or "").strip()


def meta_content(tree: LexborHTMLParser, *names: str) -> str:
    """The first non-empty <meta name|property|itemprop=…> content among names (the first
    such tag of each name counts; one pass over the page's first MAX_META meta tags)."""
    first = tree.metas if isinstance(tree, Tree) else None
    if first is None:
        first = {}
        for node in tree.css("meta")[:MAX_META]:
            attrs = node.attributes
            for attr in _META_ATTRS:
                key = attrs.get(attr)
                if key is not None and (attr, key) not in first:
                    first[(attr, key)] = attrs.get("content") or ""
        if isinstance(tree, Tree):
            tree.metas = first  # one pass over the page's meta tags, however often asked
    for name in names:
        for attr in _META_ATTRS:
            value = clean_inline(first.get((attr, name), ""))
            if value:
                return value
    return ""


MAX_META = 5_000  # meta tags looked at on one page (a real page has a few dozen)
_META_ATTRS = ("name", "property", "itemprop")
