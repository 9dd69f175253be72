"""Markdown structure read with markdown-it-py: headed sections, blocks and inline pieces."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """One CommonMark parser with tables (HTML blocks are kept as tokens)."""
    return MarkdownIt("commonmark").enable("table")


@dataclass(slots=True)
class Block:
    """One block of a page: a heading, paragraph, list item, fence or HTML block."""

    kind: str  # "heading", "paragraph", "item", "fence", "html"
    text: str  # the block's Markdown source (inline content), or HTML / fence content
    line: int  # 1-based line in the page
    level: int = 0  # heading level
    info: str = ""  # fence info string
    children: list[Token] = field(default_factory=list)  # inline children tokens


def blocks(text: str, *, first_line: int = 1) -> list[Block]:
    """The page's blocks in order; list items are one block each (nested lists flattened)."""
    tokens = parser().parse(text)
    out: list[Block] = []
    depth = 0  # list-item nesting: paragraphs inside items belong to the item
    item_open: list[Block] = []
    pending_heading: Token | None = None
    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            pending_heading = token
        elif token.type == "inline" and pending_heading is not None:
            out.append(Block("heading", token.content, line, int(pending_heading.tag[1:]),
                             children=token.children or []))
            pending_heading = None
        elif token.type == "list_item_open":
            depth += 1
            block = Block("item", "", line)
            item_open.append(block)
            out.append(block)
        elif token.type == "list_item_close":
            depth -= 1
            item_open.pop()
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            if item_open:
                item = item_open[-1]
                item.text = f"{item.text}\n{token.content}" if item.text else token.content
                item.children.extend(token.children or [])
            else:
                out.append(Block("paragraph", token.content, line,
                                 children=token.children or []))
        elif token.type in ("fence", "code_block"):
            out.append(Block("fence", token.content, line, info=token.info.strip().lower()))
        elif token.type == "html_block":
            out.append(Block("html", token.content, line))
    return out


def sections(text: str, *, first_line: int = 1) -> dict[str, list[Block]]:
    """Blocks under each heading, by lower-cased heading text ("" for the blocks before)."""
    out: dict[str, list[Block]] = {"": []}
    current = ""
    for block in blocks(text, first_line=first_line):
        if block.kind == "heading":
            current = block.text.strip().strip("#").strip().lower()
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(block)
    return out


def inline_links(children: list[Token]) -> list[tuple[str, str]]:
    """(text, href) of every Markdown link among inline tokens."""
    links: list[tuple[str, str]] = []
    href: str | None = None
    parts: list[str] = []
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            parts = []
        elif token.type == "link_close" and href is not None:
            links.append(("".join(parts).strip(), href))
            href = None
        elif href is not None and token.type in ("text", "code_inline"):
            parts.append(token.content)
    return links
