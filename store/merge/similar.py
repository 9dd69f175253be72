"""Abstract similarity in merging: blocking indexes, built lazily, and the ranked candidates.

The rule that keeps big arXiv imports cheap: a paper that carries an arXiv id is compared by
abstract only with papers that carry none. Two records with different arXiv ids are never one
paper (store.merge.fields.conflicts), so their abstracts could only ever yield a
possible-duplicate note or a related-version link between two arXiv submissions; those two are
not looked for. A record with an arXiv id and one without (a paper from a lab's page and the
same paper from arXiv) are still compared, in either import order. With exhaustive=True every
pair is compared as before (the reference the fast path is tested against).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from store.merge.keys import AbstractIndex, norm_abstract
from store.models import Paper

NEAR_SCORE = 80.0  # similarity at or above which a pair is reported as a possible duplicate


class AbstractMatcher:
    """Similarity candidates for incoming papers among the merger's working list."""

    def __init__(self, papers: list[Paper], *, exhaustive: bool = False,
                 common: tuple[set[str], set[str]] | None = None) -> None:
        """Match against papers (the merger's list, which grows as papers are placed);
        common: blocking keys too common among all papers / papers without arXiv id, when
        papers are only the part of the library that store.index.twins found."""
        self.papers = papers
        self.exhaustive = exhaustive
        self.common = common or (set(), set())
        self.every: AbstractIndex | None = None  # all papers
        self.open: AbstractIndex | None = None  # papers without an arXiv id
        self.norms: dict[int, tuple[str, str]] = {}

    def add(self, slot: int, paper: Paper) -> None:
        """Index the paper at slot in whichever index has been built."""
        if self.every is not None:
            self.every.add(slot, paper.abstract)
        if self.open is not None and not paper.arxiv_id:
            self.open.add(slot, paper.abstract)

    def _index(self, arxiv: bool) -> AbstractIndex:
        """The index to search for a paper with (arxiv) or without an arXiv id."""
        if arxiv and not self.exhaustive:
            if self.open is None:
                self.open = AbstractIndex(self.common[1])
                for slot, paper in enumerate(self.papers):
                    if not paper.arxiv_id:
                        self.open.add(slot, paper.abstract)
            return self.open
        if self.every is None:
            self.every = AbstractIndex(self.common[0])
            for slot, paper in enumerate(self.papers):
                self.every.add(slot, paper.abstract)
        return self.every

    def _norm(self, slot: int) -> str:
        """The normalised abstract of the paper at slot, computed once per abstract text."""
        abstract = self.papers[slot].abstract
        known = self.norms.get(slot)
        if known is None or known[0] is not abstract:
            known = self.norms[slot] = (abstract, norm_abstract(abstract))
        return known[1]

    def ranked(self, paper: Paper) -> list[tuple[int, float]]:
        """(slot, score) of the papers whose abstracts score at least NEAR_SCORE, best first
        (at most five)."""
        arxiv = bool(paper.arxiv_id) and not self.exhaustive
        index = self._index(arxiv)
        if not index.postings:  # e.g. an arXiv paper and no paper without an arXiv id
            return []
        text = norm_abstract(paper.abstract)
        if len(text) < AbstractIndex.MIN_LENGTH:
            return []
        candidates = index.candidates(paper.abstract)
        if arxiv:  # a paper may have gained an arXiv id since it was indexed
            candidates = [s for s in candidates if not self.papers[s].arxiv_id]
        if not candidates:
            return []
        choices = {slot: self._norm(slot) for slot in candidates}
        found = process.extract(text, choices, scorer=fuzz.ratio, score_cutoff=NEAR_SCORE,
                                limit=5)
        return [(slot, score) for _, score, slot in found]
