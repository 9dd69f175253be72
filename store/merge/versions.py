"""Related versions: records with one title that are still different publications.

A conference paper and its journal version, or a paper and the thesis that contains it, often
share a title and an abstract. Title or abstract similarity alone never merges two records
whose DOIs differ, or whose venue and year both differ; they are kept apart and linked to each
other through `extra["related"]` (space-separated paper ids), which the viewer shows.
"""

from __future__ import annotations

import re

from store.models import Paper
from store.text import fold

RELATED = "related"  # Paper.extra key: ids of other versions of the same work

_PREPRINT = re.compile(
    r"\b(?:arxiv|corr|preprint|biorxiv|medrxiv|chemrxiv|ssrn|techrxiv|openreview|"
    r"under review|submitted|in submission|manuscript|working paper)\b",
    re.I,
)
_THESIS = re.compile(r"\b(?:thesis|dissertation|these|doctoral|habilitation)\b", re.I)
_NOISE = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b|[^a-z0-9 ]+")
_FILLER = frozenset({"in", "proc", "proceedings", "of", "the", "on", "and", "ieee", "acm", "cvf"})


def venue_key(paper: Paper) -> str:
    """A comparable form of the paper's venue ("" for none, or for a preprint server)."""
    text = paper.venue_short or paper.venue
    if not text or _PREPRINT.search(text):
        return ""
    words = _NOISE.sub(" ", fold(text).lower()).split()
    return " ".join(w for w in words if w not in _FILLER)


def _same_venue(a: str, b: str) -> bool:
    """True when two venue keys name the same venue (one may abbreviate the other)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if short and short in long.split():
        return True
    return bool(short) and long.startswith(short)


def _is_thesis(paper: Paper) -> bool:
    """True for a thesis (by entry type or venue)."""
    kind = paper.extra.get("entrytype", "")
    return kind.endswith("thesis") or bool(_THESIS.search(paper.venue or ""))


def distinct_versions(a: Paper, b: Paper) -> bool:
    """True when similar-looking records must stay apart (different DOIs, a thesis and a
    paper, or a different venue in a different year)."""
    if a.doi and b.doi and a.doi.strip().lower() != b.doi.strip().lower():
        return True
    if _is_thesis(a) != _is_thesis(b) and (a.venue or b.venue):
        return True
    va, vb = venue_key(a), venue_key(b)
    if not (va and vb and a.year and b.year):
        return False
    return a.year != b.year and not _same_venue(va, vb)


def related_ids(paper: Paper) -> list[str]:
    """The ids of the paper's related versions."""
    return paper.extra.get(RELATED, "").split()


def link_related(paper: Paper, other_id: str) -> bool:
    """Add other_id to paper's related versions; True when it was not there yet."""
    ids = related_ids(paper)
    if other_id in ids or other_id == paper.id:
        return False
    paper.extra[RELATED] = " ".join([*ids, other_id])
    return True


def union_related(target: Paper, other: Paper) -> None:
    """Give target every related id other has."""
    for pid in related_ids(other):
        link_related(target, pid)
