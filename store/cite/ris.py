"""Papers as RIS records (EndNote, Zotero and Mendeley read them)."""

from __future__ import annotations

from collections.abc import Sequence

from store.cite.csl import csl_name, csl_type, literal_authors
from store.models import Paper
from store.text import clean_block, clean_inline

RIS_TYPES = {"article-journal": "JOUR", "paper-conference": "CPAPER", "book": "BOOK",
             "chapter": "CHAP", "thesis": "THES", "report": "RPRT", "article": "UNPB"}


def _one_line(text: str) -> str:
    """A value on one line (RIS has no line continuation)."""
    return " ".join(clean_block(text).split())


def ris_record(paper: Paper) -> str:
    """One paper as a RIS record ending in `ER  - `."""
    lines: list[tuple[str, str]] = []
    kind = paper.extra.get("ris_type") or RIS_TYPES.get(csl_type(paper), "GEN")
    lines.append(("TY", kind))
    if paper.extra.get("citekey"):
        lines.append(("ID", paper.extra["citekey"]))
    lines.append(("TI", paper.title))
    literal = literal_authors(paper)
    for author in paper.authors:
        name = csl_name(author, author in literal)
        if "literal" in name:
            lines.append(("AU", name["literal"]))
        else:
            lines.append(("AU", ", ".join(p for p in (name["family"], name.get("given", ""),
                                                      name.get("suffix")) if p is not None)
                          .rstrip(", ")))
    if paper.year:
        lines.append(("PY", str(paper.year)))
    if paper.date and len(paper.date) > 4:
        lines.append(("DA", paper.date.replace("-", "/")))
    if paper.venue:
        lines.append(("T2", paper.venue))
    if paper.venue_short and paper.venue_short != paper.venue:
        lines.append(("J2", paper.venue_short))
    if paper.doi:
        lines.append(("DO", paper.doi))
    if paper.arxiv_id:
        lines.append(("AN", f"arXiv:{paper.arxiv_id}"))
    for link in paper.links:
        if link.url.startswith(("http://", "https://")):
            lines.append(("UR", link.url))
    if paper.abstract:
        lines.append(("AB", paper.abstract))
    for keyword in paper.keywords:
        lines.append(("KW", keyword))
    if paper.comments:
        lines.append(("N1", paper.comments))
    body = "".join(f"{tag}  - {_one_line(clean_inline(v) if tag != 'AB' else v)}\n"
                   for tag, v in lines)
    return body + "ER  - \n"


def to_ris(papers: Sequence[Paper]) -> str:
    """Papers as a RIS file (records separated by blank lines)."""
    return "\n".join(ris_record(p) for p in papers)
