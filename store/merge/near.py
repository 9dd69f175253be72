"""Near misses in merging: pairs reported as possible duplicates, never merged silently."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from store.merge.keys import AbstractIndex, VersionIndex, norm_abstract, norm_title
from store.models import Paper

TITLE_PREFIX = 24  # normalised-title prefix length that flags a near miss
VERSION_SCORE = 60.0  # token-set similarity for an untitled entry and a same-month paper


class NearMisses:
    """Mixin of the merger that notes possible duplicates (needs papers, by_prefix, versions)."""

    papers: list[Paper]
    by_prefix: dict[str, int]
    versions: VersionIndex | None
    near: dict[tuple[str, str], float]

    def _note(self, a: str, b: str, score: float) -> None:
        """Record a possible duplicate pair once (best score kept)."""
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        self.near[key] = max(self.near.get(key, 0.0), round(score, 1))

    def _near_title(self, paper: Paper) -> None:
        """Note a paper whose title shares a long prefix with another, different title."""
        title = norm_title(paper.title)
        if len(title) < TITLE_PREFIX:
            return
        slot = self.by_prefix.get(title[:TITLE_PREFIX])
        if slot is None:
            return
        other = self.papers[slot]
        if other.id != paper.id and norm_title(other.title) != title:
            self._note(paper.id, other.id, fuzz.ratio(title, norm_title(other.title)))

    def _near_version(self, paper: Paper) -> None:
        """Note an untitled arXiv entry and a same-month titled paper with related abstracts."""
        kind, _ = VersionIndex.month_of(paper.title, paper.arxiv_id, paper.date)
        if not kind:
            return
        text = norm_abstract(paper.abstract)
        if len(text) < AbstractIndex.MIN_LENGTH:
            return
        if self.versions is None:
            self.versions = VersionIndex()
            for slot, known in enumerate(self.papers):
                self.versions.add(slot, known.title, known.arxiv_id, known.date)
        candidates = self.versions.candidates(paper.title, paper.arxiv_id, paper.date)
        choices = {slot: norm_abstract(self.papers[slot].abstract) for slot in candidates}
        best = process.extractOne(
            text, choices, scorer=fuzz.token_set_ratio, score_cutoff=VERSION_SCORE
        )
        if best is not None:
            self._note(paper.id, self.papers[best[2]].id, best[1])
