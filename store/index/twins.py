"""The stored papers an import can merge with, found through the index's exact-key fields.

A merge (store.merge) matches an incoming paper by id, arXiv id, DOI, normalised title (or its
prefix, for near-miss notes) and abstract blocking keys; an incoming paper with an arXiv id is
compared by abstract only with papers that have none (store.merge.similar). So these are the
only stored papers it can meet. Abstract keys shared by more papers than the merge's posting
cap are too common to block on: they are returned as `common`, never looked up (looking them
up would load thousands of papers), and the merge is told to skip them too, so it decides
exactly as it would over the whole library.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
import tantivy

from store.library import arxiv_key, doi_key
from store.merge.keys import AbstractIndex, norm_title
from store.merge.near import TITLE_PREFIX

if TYPE_CHECKING:
    from store.index.engine import PaperIndex

Q = tantivy.Query
Occur = tantivy.Occur
CAP = AbstractIndex.MAX_POSTING


@dataclass
class Twins:
    """Stored papers (library position, raw dict) in library order, and the common keys."""

    found: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    common_every: set[str] = field(default_factory=set)  # too common among all papers
    common_open: set[str] = field(default_factory=set)  # ... among papers without arXiv id


def _count(index: PaperIndex, query: tantivy.Query) -> int:
    """Live documents matching query."""
    return index.searcher.search(query, 1, count=True).count or 0


def _no_arxiv(index: PaperIndex, query: tantivy.Query) -> tantivy.Query:
    """query restricted to papers without an arXiv id."""
    return Q.boolean_query([(Occur.Must, query), (Occur.MustNot, Q.term_query(
        index.schema, "flags", "arxiv"))])


def _selective(index: PaperIndex, keys: set[str], open_only: bool,
               common: set[str]) -> list[str]:
    """keys shared by at most CAP papers (of those without arXiv id when open_only); the
    others go to common."""
    out: list[str] = []
    for key in sorted(keys):
        term = "a" + key
        if index.searcher.doc_freq("mkeys", term) > CAP:  # counts deleted docs: check live
            query = Q.term_query(index.schema, "mkeys", term)
            if _count(index, _no_arxiv(index, query) if open_only else query) > CAP:
                common.add(key)
                continue
        out.append(term)
    return out


def find_twins(index: PaperIndex, papers: Iterable[Any]) -> Twins:
    """The stored papers a merge of papers can match or note, and the common keys."""
    alt: list[str] = []
    titles: list[str] = []
    every: set[str] = set()
    open_: set[str] = set()
    for p in papers:
        alt.append("id:" + p.id)
        if p.arxiv_id:
            alt.append("arxiv:" + arxiv_key(p.arxiv_id))
        if p.doi:
            alt.append("doi:" + doi_key(p.doi))
        norm = norm_title(p.title)
        if norm:
            titles += [f"n:{norm}", f"x:{norm[:TITLE_PREFIX]}"]
        (open_ if p.arxiv_id else every).update(AbstractIndex.keys(p.abstract))
    out = Twins()
    schema = index.schema
    if open_ and not _count(index, _no_arxiv(index, Q.all_query())):
        open_ = set()  # every stored paper has an arXiv id: none to compare abstracts with
    clauses = [(Occur.Should, Q.term_set_query(schema, "alt", alt or ["-"]))]
    if titles:
        clauses.append((Occur.Should, Q.term_set_query(schema, "mkeys", titles)))
    keys = _selective(index, every, False, out.common_every)
    if keys:
        clauses.append((Occur.Should, Q.term_set_query(schema, "mkeys", keys)))
    keys = _selective(index, open_, True, out.common_open)
    if keys:
        clauses.append((Occur.Should, _no_arxiv(index, Q.term_set_query(schema, "mkeys",
                                                                         keys))))
    query = Q.boolean_query(clauses)
    limit = 2 * len(alt) + 64  # room for every twin of a re-import: one search, not two
    first = index.searcher.search(query, limit, count=True)
    total = first.count or 0
    if not total:
        return out
    hits = first.hits if total <= limit else index.searcher.search(query, total,
                                                                   count=False).hits
    addrs = [a for _, a in hits]
    positions = index.searcher.fast_field_values("pos", addrs)
    doc = index.searcher.doc
    out.found = sorted(((int(pos), orjson.loads(doc(a)["raw"][0]))
                        for pos, a in zip(positions, addrs, strict=True)),
                       key=lambda x: x[0])
    return out
