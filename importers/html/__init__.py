"""The HTML importer: rendered publication pages (lab themes, al-folio, academicpages, Hugo…)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser

from importers.base import ImporterError, ImportResult, ImportWarning
from importers.html.dom import parse_html
from importers.html.guard import TooDeep
from importers.html.page import PageRead, read_page
from importers.html.site import assemble

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b|body\b)",
                         re.I | re.S)
_TAGS = ("<div", "<p>", "<p ", "<li", "<a ", "<meta", "<table", "<span")
_SAMPLE = 4096
T = TypeVar("T")


class HtmlImporter:
    """Rendered web pages: publication lists and a paper's own page (citation meta tags)."""

    name = "html"
    description = "rendered web page (al-folio, academicpages, Hugo, lab themes, citation tags)"

    def detect(self, text: str, filename: str = "") -> float:
        """Near-certain for a document that starts as HTML; some for .html files and tag soup."""
        head = text[:_SAMPLE]
        if _HTML_START.match(head):
            return 0.95
        if head.lstrip("\ufeff").startswith("---"):
            return 0.2  # a generator's template source (front matter): the site readers' own
        score = 0.0
        if filename.lower().endswith((".html", ".htm", ".xhtml")):
            score += 0.5
        low = head.lower()
        if sum(tag in low for tag in _TAGS) >= 3 and "---" not in head[:10]:
            score += 0.3
        return min(score, 0.9)

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """One page (a saved file or a fetched one); follows nothing."""
        del today
        from importers.html.lists import better

        tree = _guarded(lambda: parse_html(text), source)  # one tree for both readings
        page = read(text, source=source, tree=tree)
        return better(parse_pages([page], site=False), text, source=source, tree=tree)


def read(text: str, *, source: str, path: str = "", url: str = "",
         tree: LexborHTMLParser | None = None) -> PageRead:
    """Read one page (tree: its document tree, when already parsed), turning any parser
    failure into ImporterError."""
    return _guarded(lambda: read_page(text, source=source, path=path, url=url, tree=tree),
                    source)


def _guarded(run: Callable[[], T], source: str) -> T:
    """run(), turning any parser failure into ImporterError."""
    try:
        return run()
    except TooDeep as exc:
        raise ImporterError(str(exc), source=source) from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError,
            UnicodeError) as exc:
        raise ImporterError(f"cannot read this page ({exc.__class__.__name__})",
                            source=source) from None


def parse_pages(pages: list[PageRead], *, site: bool = True, quiet: bool = False) -> ImportResult:
    """Assemble read pages; a page set with no publications says so.

    quiet: pages without publications are left out silently (a crawl meets many).
    """
    result = assemble(pages, site=site, quiet=quiet)
    if not result.papers:
        where = pages[0].source if len(pages) == 1 else f"{len(pages)} pages"
        result.warnings.append(ImportWarning(where, None, "no publications found (0 papers)"))
    return result


IMPORTER = HtmlImporter()

__all__ = ["IMPORTER", "HtmlImporter", "PageRead", "parse_pages", "read"]
