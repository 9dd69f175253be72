"""Scanning a lab-site page: front matter, comments removed, then the line scanner."""

from __future__ import annotations

from importers.base import ImportWarning
from importers.frontmatter import split_front_matter
from importers.jekyll.markup import normalize_permalink
from importers.jekyll.model import PageData, RawEntry
from importers.jekyll.scan import Scanner

__all__ = ["PageData", "RawEntry", "normalize_text", "remove_comments", "scan_page"]
_COMMENTS = (("<!--", "-->"), ("{% comment %}", "{% endcomment %}"))


def normalize_text(text: str) -> str:
    """Drop a BOM and make every line ending a plain newline."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def remove_comments(body: str, *, source: str, first_line: int,
                    warnings: list[ImportWarning]) -> str:
    """Blank out `<!-- -->` (and Liquid) comments, keeping line numbers.

    A comment that is never closed is shown as text by kramdown, so only its opening marker
    is dropped, with a warning.
    """
    for opener, closer in _COMMENTS:
        if opener not in body:
            continue
        out: list[str] = []
        pos = 0
        while True:
            start = body.find(opener, pos)
            if start < 0:
                out.append(body[pos:])
                break
            end = body.find(closer, start + len(opener))
            out.append(body[pos:start])
            if end < 0:
                line = first_line + body.count("\n", 0, start)
                warnings.append(ImportWarning(source, line, f"comment {opener} is never closed; "
                                              "the rest of the page is read as text"))
                out.append(body[start + len(opener) :].replace(opener, ""))
                break
            out.append("\n" * body.count("\n", start, end))
            pos = end + len(closer)
        body = "".join(out)
    return body


def scan_page(text: str, *, source: str) -> PageData:
    """Read one page; raises ImporterError only for malformed front matter."""
    lines = normalize_text(text).split("\n")
    front = split_front_matter(lines, source=source)
    page = PageData(source=source, front=front)
    raw_permalink = front.get("permalink")
    if raw_permalink:
        page.permalink = normalize_permalink(raw_permalink)
    body = "\n".join(lines[front.body_start :])
    body = remove_comments(body, source=source, first_line=front.body_start + 1,
                           warnings=page.warnings)
    Scanner(page).run(body.split("\n"), front.body_start + 1)
    return page
