"""Ranked pages of one-word queries without scoring every match (tantivy-py has no WAND).

A plain word (or prefix) searches five fields; most of its matches hit only the abstract,
where a match scores little. The page is ranked among the papers that match in title or
authors, with their full scores; a paper matching only elsewhere scores at most BM25's
ceiling there (boost x idf x (k1 + 1), plus 1 per constant-score term set), so when the
page's last score beats that ceiling the page is exact; otherwise the caller ranks every
match. The exact count is the abstract term's papers plus the matches outside the abstract:
from the term dictionary (doc_freq) while the index holds no deleted documents (checked with
a term every document carries: `flags:doc`), else by counting that one term's postings
(doc_freq counts deleted documents too; a mark re-indexes its paper). The score ceiling
holds either way (doc_freq and the document total both count deleted documents, as BM25's
statistics do). A count alone (a page of no rows) of every paper, of a view or of one word
is had the same way, without walking a union of every field's matches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import tantivy

from store.index.schema import ALL_DOCS, ANY_FIELDS, BOOSTS, INITIALS, PREFIX_MAX
from store.index.translate import Expand
from store.query import Query

Q = tantivy.Query
Occur = tantivy.Occur
# The fields candidates must match in: title and authors, or the title alone when names
# starting so are common (a one-letter prefix).
STRONG = (("title", "author"), ("title",))
ANCHOR = "text"  # the abstract: the longest postings, counted from the term dictionary
K1 = 1.2  # tantivy's BM25 k1: a term's tf factor stays below k1 + 1
SLACK = 1.001  # float headroom on the ceiling
CHEAP = 0.2  # rank by candidates only when their postings are at most this share of all
SCAN = 0.35  # ... and with the postings counting scans, at most this share
OUTSIDE = tuple(f for f in ANY_FIELDS if f != ANCHOR)


@dataclass
class _Word:
    """One word's index terms per field: exact terms (BM25) and constant-score sets."""

    scored: dict[str, str]  # field -> the term scored by BM25 (">v" or the whole word)
    sets: dict[str, list[str]]  # field -> prefix expansions (a constant-score term set)
    initial: bool = False  # a one-letter prefix (counted by the initials field)


def _word(query: Query, expand: Expand) -> _Word | None:
    """The terms of a query that is one positive plain word, else None."""
    if len(query.terms) != 1 or getattr(query, "branches", ()):
        return None
    term = query.terms[0]
    if term.negated or term.field != "any" or len(term.tokens) != 1:
        return None
    token = term.tokens[0]
    if token == "|":
        return None
    if term.exact or len(token) <= PREFIX_MAX:
        gram = token if term.exact else ">" + token
        return _Word({f: gram for f in ANY_FIELDS}, {}, len(gram) == 2 and gram[0] == ">")
    sets: dict[str, list[str]] = {}
    for f in ANY_FIELDS:
        found = expand(f, token)
        if found is None:
            return None  # too many words start so: the regex path
        if found:
            sets[f] = found
    return _Word({f: token for f in ANY_FIELDS}, sets)


def _clauses(schema: tantivy.Schema, word: _Word, fields: tuple[str, ...]) -> list[Any]:
    """The translator's flat clauses of word restricted to fields (same queries, same
    boosts, so the same scores)."""
    out = []
    for f in fields:
        parts = [Q.term_query(schema, f, word.scored[f])]
        if f in word.sets:
            parts.insert(0, Q.term_set_query(schema, f, word.sets[f]))
        boost = BOOSTS.get(f, 1.0)
        out += [(Occur.Should, p if boost == 1.0 else Q.boost_query(p, boost)) for p in parts]
    return out


def _union(clauses: list[Any]) -> Any:
    """A union of Should clauses (the clause itself when one)."""
    return clauses[0][1] if len(clauses) == 1 else Q.boolean_query(clauses)


def _idf(searcher: tantivy.Searcher, total: int, field: str, term: str) -> float:
    """An upper bound of tantivy's BM25 idf of a term (total counts deleted documents)."""
    df = searcher.doc_freq(field, term)
    return math.log(1 + (total - df + 0.5) / (df + 0.5)) if df else 0.0


def _ceiling(searcher: tantivy.Searcher, total: int, word: _Word,
             fields: tuple[str, ...]) -> float:
    """The highest score word can give a paper through fields."""
    top = 0.0
    for f in fields:
        top += BOOSTS.get(f, 1.0) * ((K1 + 1) * _idf(searcher, total, f, word.scored[f])
                                     + (1.0 if f in word.sets else 0.0))
    return top * SLACK + 1e-6


def _postings(searcher: tantivy.Searcher, word: _Word, fields: tuple[str, ...]) -> int:
    """How many postings the word's terms in fields hold (the cost of scanning them)."""
    n = 0
    for f in fields:
        n += searcher.doc_freq(f, word.scored[f])
        n += sum(searcher.doc_freq(f, t) for t in word.sets.get(f, ()))
    return n


def _live(searcher: tantivy.Searcher) -> bool:
    """True when the index holds no deleted document (then doc_freq counts live papers)."""
    return searcher.doc_freq("flags", ALL_DOCS) == searcher.num_docs


def _docs_with(searcher: tantivy.Searcher, schema: tantivy.Schema, field: str, term: str,
               live: bool) -> int:
    """Exact number of live papers holding term: the term dictionary's doc_freq, or (with
    deleted documents, which it counts too) a count over the term's postings."""
    if live:
        return searcher.doc_freq(field, term)
    query = Q.term_query(schema, field, term, "basic")
    return int(searcher.search(query, 1, count=True).count or 0)


def _count(searcher: tantivy.Searcher, schema: tantivy.Schema, word: _Word,
           live: bool) -> int:
    """Exact number of papers matching word: the abstract's term's papers, plus the matches
    elsewhere (a one-letter prefix: its own initials term's papers)."""
    if word.initial:
        return _docs_with(searcher, schema, INITIALS, word.scored[ANCHOR], live)
    anchor = Q.term_query(schema, ANCHOR, word.scored[ANCHOR], "basic")
    rest = Q.boolean_query([(Occur.Must, _union(_clauses(schema, word, OUTSIDE))),
                            (Occur.MustNot, anchor)])
    outside = int(searcher.search(rest, 1, count=True).count or 0)
    return _docs_with(searcher, schema, ANCHOR, word.scored[ANCHOR], live) + outside


def ranked_page(searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query,
                expand: Expand, offset: int, limit: int) -> tuple[int, list[Any]] | None:
    """(exact count, doc addresses) of a relevance page of a one-word query, None when this
    shortcut does not apply or cannot prove its page (the caller then ranks every match)."""
    word = _word(query, expand)
    if word is None:
        return None
    total = searcher.doc_freq("flags", ALL_DOCS)  # deleted documents too: an idf ceiling
    live = total == searcher.num_docs
    every = _postings(searcher, word, ANY_FIELDS)
    strong = next((fields for fields in STRONG
                   if _postings(searcher, word, fields) <= CHEAP * every), None)
    outside = 0 if word.initial else _postings(searcher, word, OUTSIDE)  # counting scans
    if strong is None or _postings(searcher, word, strong) + outside > SCAN * every:
        return None
    weak = tuple(f for f in ANY_FIELDS if f not in strong)
    if word.sets.get(ANCHOR, [word.scored[ANCHOR]]) != [word.scored[ANCHOR]]:
        return None  # several abstract words: no one term to count
    want = offset + max(limit, 1)
    must = _union(_clauses(schema, word, strong))
    candidates = Q.boolean_query([(Occur.Must, must), *_clauses(schema, word, weak)])
    result = searcher.search(candidates, want, count=True)
    hits = result.hits
    proven = len(hits) == want and hits[-1][0] > _ceiling(searcher, total, word, weak)
    if not proven and len(hits) == want:
        return None
    count = _count(searcher, schema, word, live)
    if not proven and int(result.count or 0) < count:  # matches outside the candidates
        return None
    return count, [a for _, a in hits[offset: offset + max(limit, 0)]]


def count_only(searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query,
               view: str | None, expand: Expand) -> int | None:
    """The exact count of an empty query in a view or of one word in all papers, from the
    term dictionary without walking the matches; None when it cannot be had so."""
    if query.is_empty and view in ("", "all", None):
        return int(searcher.num_docs)
    live = _live(searcher)
    if query.is_empty:
        return _docs_with(searcher, schema, "sec", str(view), live)
    word = _word(query, expand) if view in ("", "all", None) else None
    if word is None or word.sets.get(ANCHOR, [word.scored[ANCHOR]]) != [word.scored[ANCHOR]]:
        return None
    return _count(searcher, schema, word, live)
