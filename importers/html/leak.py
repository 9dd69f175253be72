"""Markdown a site generator left unrendered inside an HTML block (an unclosed <div>).

kramdown stops rendering Markdown inside a raw HTML block; when a page forgets a `</div>`,
the entries after it reach the browser as literal `**Title** <br>` text nested in the hidden
block. The block's own text ends at its first blank line, and the rest is read as the
Markdown source it is, by the lab-site (Jekyll) entry reader.
"""

from __future__ import annotations

from datetime import date

from selectolax.lexbor import LexborNode

from importers.base import ImporterError
from importers.html.dom import SKIP_TAGS
from store.models import Paper

_MARKERS = ("**", "](", "__")


def split_leak(node: LexborNode) -> tuple[str, str]:
    """(text before the first blank line, leaked Markdown after it) for a hidden block.

    The second part is empty unless the rest holds Markdown entry markers.
    """
    head: list[str] = []
    tail: list[str] = []
    cut = False
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-comment":
            continue
        if tag == "-text":
            text = child.text_content or ""
            flat = text.replace("\r", "").replace(" \n", "\n")
            if not cut and "\n\n" in flat:
                before, _, after = flat.partition("\n\n")
                if ("".join(head) + before).strip():
                    head.append(before)
                    tail.append(after)
                    cut = True
                    continue
            (tail if cut else head).append(text)
        elif tag in SKIP_TAGS:
            continue
        elif cut:
            tail.append(child.html or "")
        elif tag == "br":
            head.append("\n")
        else:
            head.append(child.text(deep=True) or "")
    leaked = "".join(tail)
    if not cut or not any(marker in leaked for marker in _MARKERS):
        return "".join(head), ""
    return "".join(head), leaked


def leaked_papers(markdown: str, *, source: str) -> list[Paper]:
    """Papers in leaked Markdown, read by the lab-site entry reader ([] when there are none)."""
    from importers.jekyll import IMPORTER as JEKYLL  # a sibling importer, loaded on demand

    try:
        result = JEKYLL.parse(markdown, source=source, today=date(2000, 1, 1))
    except ImporterError:
        return []
    for paper in result.papers:
        paper.sections = []
    return result.papers
