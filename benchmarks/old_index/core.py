"""SearchIndex: fast query evaluation over the library, shared by `paperdeck search` and the TUI."""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import orjson

from old_index import bits as bits_
from old_index.build import STATIC_FLAGS, Built, Corpus, build
from old_index.words import WordIndex
from store.models import Annotation, Paper
from store.query import Query, Term, parse_query
from store.query.text import ANY_FIELDS, phrase_pattern, record_pattern, tag_field

__all__ = ["SearchIndex", "search_cached"]

_CACHE_SIZE = 256
_SCAN_RATIO = 200  # checking one candidate costs about this many posting scatters


class SearchIndex:
    """Inverted word indexes, field haystacks, year and flag bitmaps over papers in library
    order, plus the user's annotation flags. Paper sets are int bitmaps (bit i = paper i)."""

    def __init__(self, papers: list[Paper],
                 annotations: Mapping[str, Annotation] | None = None) -> None:
        """Index papers (library order) and the user's annotations."""
        self._setup([p.id for p in papers], build(papers), annotations or {})

    def _setup(self, ids: list[str], built: Built, annotations: Mapping[str, Annotation]) -> None:
        """Adopt built parts, reset caches and apply the user's annotations."""
        self.n = len(ids)
        # Fresh, contiguous copies: selecting 100k ids then touches far less memory.
        self.ids: list[str] = orjson.loads(orjson.dumps(ids))
        self.words: dict[str, WordIndex] = built.words
        self.corpora: dict[str, Corpus] = built.corpora
        self.years = built.years
        self.flags = built.flags
        self._init_state(annotations)

    def _init_state(self, annotations: Mapping[str, Annotation]) -> None:
        """Reset caches and apply the user's annotations."""
        self.all = bits_.full(self.n)
        self._pos: dict[str, int] | None = None
        self._cache: OrderedDict[tuple[str, str, bool], int] = OrderedDict()
        self._last: tuple[Query, int] | None = None
        self._scope_key: tuple[object, int] | None = None
        self.read = self.starred = self.noted = 0
        self.tags: dict[int, str] = {}
        pos = self.positions_of_ids()
        for pid, ann in annotations.items():
            if pid in pos:
                self._apply(pos[pid], ann)

    def reset_caches(self) -> None:
        """Forget cached word lookups and the last query (for benchmarks)."""
        self._cache.clear()
        self._last = None

    # -- annotations -------------------------------------------------------------------------

    def positions_of_ids(self) -> dict[str, int]:
        """Paper id -> position in library order."""
        if self._pos is None:
            self._pos = {pid: i for i, pid in enumerate(self.ids)}
        return self._pos

    def _apply(self, i: int, ann: Annotation) -> None:
        """Set paper i's annotation bits."""
        bit = 1 << i
        self.read = self.read | bit if ann.read else self.read & ~bit
        self.starred = self.starred | bit if ann.starred else self.starred & ~bit
        self.noted = self.noted | bit if ann.note.strip() else self.noted & ~bit
        tags = tag_field(ann)
        if tags:
            self.tags[i] = tags
        else:
            self.tags.pop(i, None)

    def update_annotation(self, paper_id: str, annotation: Annotation) -> None:
        """Reflect a changed annotation (unknown ids are ignored)."""
        i = self.positions_of_ids().get(paper_id)
        if i is not None:
            self._apply(i, annotation)
            self._last = None

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: Query | str, within: Collection[str] | None = None,
               limit: int | None = None) -> list[str]:
        """Ids of the matching papers in library order (at most limit)."""
        return bits_.select(self.search_bits(query, within), self.ids, limit)

    def search_positions(self, query: Query | str, within: Collection[str] | None = None,
                         limit: int | None = None) -> list[int]:
        """Positions (library order) of the matching papers."""
        found = self.search_bits(query, within)
        return bits_.select(found, range(self.n), limit)

    def count(self, query: Query | str, within: Collection[str] | None = None) -> int:
        """Number of matching papers."""
        return self.search_bits(query, within).bit_count()

    def search_bits(self, query: Query | str, within: Collection[str] | None = None) -> int:
        """Bitmap of the matching papers."""
        q = parse_query(query) if isinstance(query, str) else query
        found = self._match(q)
        return found if within is None else found & self._scope(within)

    def _scope(self, within: Collection[str]) -> int:
        """Bitmap of an id collection; immutable collections are cached by identity."""
        key = self._scope_key
        if key is not None and key[0] is within:
            return key[1]
        pos = self.positions_of_ids()
        found = bits_.from_positions((pos[x] for x in within if x in pos), self.n)
        if isinstance(within, tuple | frozenset | range):
            self._scope_key = (within, found)
        return found

    def _match(self, q: Query) -> int:
        """Bitmap of papers matching every term; narrows from the last query when possible."""
        if q.is_empty:
            return self.all
        if q.branches:  # OR: the union of the branches (each an ordinary AND query)
            found = 0
            for branch in q.branches:
                found |= self._match(Query(q.text, branch))
            return found
        last = self._last
        found = last[1] if last is not None and q.extends(last[0]) else self.all
        plain = sorted((t for t in q.terms if not t.needs_verify), key=self._order)
        for term in plain:
            if not found:
                break
            hit = self._term(term, found)
            found = found & ~hit if term.negated else found & hit
        for term in (t for t in q.terms if t.needs_verify):
            if not found:
                break
            hit = self._phrase(term, found)
            found = found & ~hit if term.negated else hit
        self._last = (q, found)
        return found

    def _order(self, term: Term) -> tuple[int, float]:
        """Evaluation order: bitmap-only terms, then cheap words first, negations last."""
        if not term.is_text:
            return (0, 0.0)
        return (2 if term.negated else 1, self._cost(term.field, term.tokens[0], term.exact))

    def _fields(self, field: str) -> tuple[str, ...]:
        """The indexed fields a query field searches."""
        if field == "any":
            return ANY_FIELDS
        return ("kw",) if field == "tag" else (field,)

    def _cost(self, field: str, token: str, exact: bool) -> float:
        """Estimated cost of an index lookup."""
        return sum(self.words[f].cost(token, exact) for f in self._fields(field))

    def _term(self, term: Term, candidates: int) -> int:
        """Bitmap (possibly restricted to candidates) of papers where term holds."""
        if term.field == "year":
            lo, hi = term.years or (0, 9999)
            found = 0
            for year, b in self.years.items():
                if lo <= year <= hi:
                    found |= b
            return found
        if term.field in ("is", "has"):
            return self._flag(term.value)
        return self._word(term.field, term.tokens[0], term.exact, candidates)

    def _flag(self, name: str) -> int:
        """Bitmap of an is:/has: flag."""
        if name in STATIC_FLAGS:
            return self.flags[name]
        return {"read": self.read, "unread": self.all & ~self.read, "starred": self.starred,
                "unstarred": self.all & ~self.starred, "noted": self.noted,
                "note": self.noted}[name]

    def _word(self, field: str, token: str, exact: bool, candidates: int) -> int:
        """Papers with a word equal to / starting with token in field (tag: keywords + tags);
        exact among candidates, possibly more outside them."""
        key = (field, token, exact)
        found = self._cache.get(key)
        if found is None:
            if candidates.bit_count() * _SCAN_RATIO < self._cost(field, token, exact):
                return self._scan(field, (token,), exact, candidates)
            found = 0
            for f in self._fields(field):
                found |= self.words[f].lookup(token, exact)
            self._cache[key] = found
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        if field == "tag" and self.tags:
            found |= self._scan_tags(phrase_pattern((token,), exact))
        return found

    def _phrase(self, term: Term, candidates: int) -> int:
        """Papers among candidates where the term's words occur in sequence."""
        toks = term.tokens
        for k, tok in enumerate(toks):
            candidates &= self._word(term.field, tok, term.exact or k < len(toks) - 1,
                                     candidates)
        return self._scan(term.field, toks, term.exact, candidates)

    def _scan(self, field: str, tokens: tuple[str, ...], exact: bool, candidates: int) -> int:
        """Papers among candidates whose field haystack has tokens in sequence."""
        pattern = record_pattern(tokens, exact)
        found = 0
        for f in self._fields(field):
            rest = candidates & ~found
            if not rest:
                break
            found |= self._scan_corpus(self.corpora[f], pattern, rest)
        if field == "tag" and self.tags:
            found |= self._scan_tags(phrase_pattern(tokens, exact)) & candidates
        return found

    def _scan_corpus(self, corpus: Corpus, pattern: Any, candidates: int) -> int:
        """Candidates whose record in corpus matches pattern."""
        data, offsets = corpus.data, corpus.offsets
        hits: list[int] = []
        if candidates.bit_count() * 4 > self.n:
            last = -1
            for m in pattern.finditer(data):
                i = bisect_right(offsets, m.start()) - 1
                if i != last:
                    hits.append(i)
                    last = i
            return bits_.from_positions(hits, self.n) & candidates
        search = pattern.search
        hits = [i for i in bits_.positions(candidates, self.n)
                if search(data, offsets[i], offsets[i + 1])]
        return bits_.from_positions(hits, self.n)

    def _scan_tags(self, pattern: Any) -> int:
        """Papers whose user tags match pattern."""
        return bits_.from_positions(
            (i for i, hay in self.tags.items() if pattern.search(hay)), self.n)

    # -- cache files -------------------------------------------------------------------------

    def to_bytes(self, fingerprint: str = "") -> bytes:
        """Serialise (orjson header + raw arrays; never pickle), tagged with fingerprint."""
        from old_index.cache import dump_index

        return dump_index(self, fingerprint)

    @classmethod
    def from_bytes(cls, data: bytes | memoryview,
                   annotations: Mapping[str, Annotation] | None = None) -> SearchIndex:
        """Rebuild from to_bytes() output; raises ValueError when it is not a valid cache."""
        from old_index.cache import load_index

        return load_index(cls, data, annotations or {})[0]

    @classmethod
    def from_built(cls, ids: list[str], built: Built,
                   annotations: Mapping[str, Annotation]) -> SearchIndex:
        """An index over already built (or loaded) parts."""
        index = cls.__new__(cls)
        index._setup(ids, built, annotations)
        return index


def search_cached(cache_path: Path, fingerprint: str, load_papers: Callable[[], list[Paper]],
                  annotations: Mapping[str, Annotation], query: Query | str,
                  limit: int | None = None) -> list[str]:
    """Answer from the index cached at cache_path (no library load); when the cache is
    missing, corrupt or its fingerprint differs, build it from load_papers() and write it."""
    from old_index.cache import cached_index

    index = cached_index(cache_path, fingerprint, load_papers, annotations)
    return index.search(query, limit=limit)
