"""Plain citation lines and BibTeX for the copy keys."""

from __future__ import annotations

from store.models import Paper
from tui.safe import clean


def citation_line(paper: Paper) -> str:
    """`Authors (Year). Title. Venue. URL` on one line."""
    authors = ", ".join(clean(a) for a in paper.authors)
    if paper.authors_truncated:
        authors += " et al."
    parts = [f"{authors} ({paper.year})." if paper.year else f"{authors}."]
    parts.append(clean(paper.display_title).rstrip(".") + ".")
    if paper.venue or paper.venue_short:
        parts.append(clean(paper.venue or paper.venue_short).rstrip(".") + ".")
    if paper.primary_url:
        parts.append(clean(paper.primary_url))
    return " ".join(p for p in parts if p.strip(". "))


def bibtex(paper: Paper) -> str:
    """The paper's BibTeX entry (store.bibtex_export when present, else a minimal @misc)."""
    try:
        from store.bibtex_export import to_bibtex
    except ImportError:  # the exporter is optional
        to_bibtex = None
    if to_bibtex is not None:
        return to_bibtex([paper]).strip() + "\n"
    fields = {
        "title": clean(paper.display_title),
        "author": " and ".join(clean(a) for a in paper.authors),
        "year": str(paper.year or ""),
        "howpublished": clean(paper.venue),
        "url": clean(paper.primary_url),
    }
    key = (paper.authors[0].split()[-1] if paper.authors else "anon").lower() + str(
        paper.year or "")
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@misc{{{key},\n{body}\n}}\n"
