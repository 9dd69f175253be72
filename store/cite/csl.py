"""Papers as CSL-JSON items (the input of citeproc and the CSL-JSON export)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import orjson

from store.bibtex_export import is_arxiv_only, is_journal
from store.cite.pattern import last_name
from store.models import Paper

LITERAL_AUTHORS = "literal_authors"  # extra: institution names, one per line, kept whole
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
CSL_TYPES = ("article", "article-journal", "paper-conference", "book", "chapter", "report",
             "thesis", "webpage", "dataset", "software", "manuscript", "speech")


def csl_name(author: str, literal: bool = False) -> dict[str, str]:
    """A display name as a CSL name: family/given, or literal for an institution."""
    if literal:
        return {"literal": author}
    if "," in author:
        family, given = (part.strip() for part in author.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    family = last_name(author)
    words, tail = author.split(), family.split()
    at = next((i for i in range(len(words) - len(tail), -1, -1)
               if words[i:i + len(tail)] == tail), None) if tail else None
    if at is None:
        return {"family": family or author}
    name = {"family": family, "given": " ".join(words[:at])}
    suffix = " ".join(words[at + len(tail):])  # "Jr.", "II": after the family name
    return {k: v for k, v in {**name, "suffix": suffix}.items() if v}


def literal_authors(paper: Paper) -> set[str]:
    """The authors of paper that are institutions (kept whole by every style)."""
    return set(filter(None, paper.extra.get(LITERAL_AUTHORS, "").split("\n")))


def csl_type(paper: Paper) -> str:
    """The CSL item type: a preprint, a journal article or a conference paper."""
    own = paper.extra.get("csl_type", "")
    if own in CSL_TYPES:
        return own
    kind = paper.extra.get("entrytype", "")
    if kind in ("book", "phdthesis", "mastersthesis", "techreport"):
        return {"book": "book", "techreport": "report"}.get(kind, "thesis")
    if is_arxiv_only(paper):
        return "article"
    if kind == "article" or (kind != "inproceedings" and is_journal(paper.venue,
                                                                    paper.venue_short)):
        return "article-journal"
    return "paper-conference"


def issued(paper: Paper, full: bool = True) -> dict[str, Any] | None:
    """The CSL date of the paper: its full date when full (year-month-day), else its year."""
    m = _DATE.match(paper.date or "")
    if full and m and (not paper.year or int(m.group(1)) == paper.year):
        parts = [int(g) for g in m.groups() if g]
        return {"date-parts": [parts]}
    return {"date-parts": [[paper.year]]} if paper.year else None


def to_csl(paper: Paper, *, for_style: bool = False) -> dict[str, Any]:
    """One paper as a CSL-JSON item (its id is the stable cite key when it has one). For a
    style, published work is dated by year and the (guessed) venue short name is left out."""
    literal = literal_authors(paper)
    item: dict[str, Any] = {
        "id": paper.extra.get("citekey") or paper.id,
        "type": csl_type(paper),
        "title": paper.title,
    }
    if paper.authors:
        item["author"] = [csl_name(a, a in literal) for a in paper.authors]
    if (date := issued(paper, full=not for_style or item["type"] == "article")) is not None:
        item["issued"] = date
    venue = paper.venue or paper.venue_short
    if venue and not (is_arxiv_only(paper) and venue.lower().startswith(("arxiv", "corr"))):
        item["container-title"] = venue
    if paper.venue_short and paper.venue_short != venue and not for_style:
        item["container-title-short"] = paper.venue_short
    if paper.arxiv_id:
        item["number"] = paper.arxiv_id if for_style else f"arXiv:{paper.arxiv_id}"
        if item["type"] == "article":
            item["publisher"] = "arXiv"
    url = next((link.url for link in paper.links if link.url.startswith("http")), "")
    optional = {"DOI": paper.doi, "URL": url, "abstract": paper.abstract,
                "note": paper.comments, "keyword": ", ".join(paper.keywords)}
    item.update({k: v for k, v in optional.items() if v})
    return item


def to_csl_json(papers: Sequence[Paper]) -> str:
    """Papers as a CSL-JSON array (what Zotero, Mendeley and pandoc read)."""
    items = []
    for paper in papers:
        item = to_csl(paper)
        if paper.extra.get("citekey"):
            item["citation-key"] = paper.extra["citekey"]
        items.append(item)
    return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
