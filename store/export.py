"""Exports of papers with the user's annotations: JSON for scripts, Markdown for people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import orjson

from store.models import Annotation, Paper
from store.text import clean_block, clean_data, clean_inline, clean_output


def _sources(paper: Paper) -> list[str]:
    """Distinct source ids of a paper's provenance, in first-seen order."""
    return list(dict.fromkeys(str(p.source) for p in paper.provenance))


def paper_record(paper: Paper, annotation: Annotation | None = None) -> dict[str, Any]:
    """The export dict of one paper (every id a string, year an int or None)."""
    ann = annotation or Annotation()
    year = paper.year if isinstance(paper.year, int) and not isinstance(paper.year, bool) else None
    return {
        "id": str(paper.id),
        "title": paper.title,
        "authors": [str(a) for a in paper.authors],
        "authors_truncated": paper.authors_truncated,
        "year": year,
        "date": paper.date,
        "venue": paper.venue,
        "venue_short": paper.venue_short,
        "category": paper.category,
        "abstract": paper.abstract,
        "links": [{"label": link.label, "url": link.url} for link in paper.links],
        "arxiv_id": str(paper.arxiv_id),
        "doi": str(paper.doi),
        "comments": paper.comments,
        "badges": list(paper.badges),
        "keywords": list(paper.keywords),
        "sections": [{"collection": s.collection, "section": s.section, "label": s.label}
                     for s in paper.sections],
        "sources": _sources(paper),
        "read": ann.read,
        "starred": ann.starred,
        "tags": list(ann.tags),
        "note": ann.note,
    }


def to_json(papers: Sequence[Paper], annotations: Mapping[str, Annotation]) -> str:
    """A JSON array of paper records (with read, starred, tags and note)."""
    records = clean_data([paper_record(p, annotations.get(p.id)) for p in papers])
    return orjson.dumps(records, option=orjson.OPT_INDENT_2).decode("utf-8")


def _md(text: str) -> str:
    """Inline text made safe for Markdown (controls stripped, markup characters escaped)."""
    out = clean_inline(text)
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


_TARGET_ESCAPES = str.maketrans(
    {" ": "%20", "<": "%3C", ">": "%3E", "`": "%60", "(": "%28", ")": "%29", "\\": "%5C"}
)


def _url(url: str) -> str:
    """A URL usable inside a Markdown link target: controls stripped; spaces, angle
    brackets, backticks, parentheses and backslashes percent-encoded."""
    return clean_inline(url).translate(_TARGET_ESCAPES)


def _link(label: str, url: str) -> str:
    """A Markdown link when url is http(s) with a host; otherwise the label and the URL as
    inert code-free text (a file:, ftp: or `--option` target never becomes a link)."""
    target = _url(url)
    scheme, sep, rest = target.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if sep and scheme.lower() in ("http", "https") and host:
        return f"[{_md(label) or 'link'}](<{target}>)"
    return f"{_md(label) or 'link'}: {_md(url)}"


def paper_markdown(paper: Paper, annotation: Annotation | None = None) -> str:
    """One paper as a Markdown list item with indented details."""
    ann = annotation or Annotation()
    marks = ("★ " if ann.starred else "") + ("✓ " if ann.read else "")
    lines = [f"- {marks}**{_md(paper.display_title)}**"]
    if paper.authors:
        more = " et al." if paper.authors_truncated else ""
        lines.append(f"  {_md(', '.join(paper.authors))}{more}")
    venue = paper.venue or paper.venue_short
    year = str(paper.year) if paper.year is not None else ""
    where = ", ".join(x for x in (_md(venue), year if year not in venue else "") if x)
    if where:
        lines.append(f"  *{where}*")
    links = [_link(link.label, link.url) for link in paper.links]
    if paper.arxiv_id and not any("arxiv.org" in link.url for link in paper.links):
        arxiv = quote(clean_inline(paper.arxiv_id), safe="/.:")
        links.append(_link(f"arXiv:{paper.arxiv_id}", f"https://arxiv.org/abs/{arxiv}"))
    if paper.doi and not any("doi.org" in link.url for link in paper.links):
        links.append(_link("DOI", "https://doi.org/" + quote(clean_inline(paper.doi), safe="/.:;")))
    if links:
        lines.append("  " + " · ".join(links))
    if ann.tags:
        lines.append("  Tags: " + ", ".join(_md(t) for t in ann.tags))
    if ann.note.strip():
        lines.append("  Note: " + _md(clean_block(ann.note).replace("\n\n", " / ")))
    return "\n".join(lines)


def to_markdown(papers: Sequence[Paper], annotations: Mapping[str, Annotation]) -> str:
    """A readable Markdown list: title, authors, venue and links of each paper."""
    if not papers:
        return "*No papers.*\n"
    body = "\n".join(paper_markdown(p, annotations.get(p.id)) for p in papers)
    return clean_output(f"# Papers ({len(papers)})\n\n{body}\n")
