"""Cross-source merging: one record per paper, matched by arXiv id, DOI, title or abstract."""

from __future__ import annotations

from dataclasses import dataclass, field

from store.merge.fields import (
    absorb,
    clone,
    combine,
    conflicts,
    settled_fields,
    sources_of,
)
from store.merge.keys import VersionIndex, arxiv_key, norm_title, unique_id
from store.merge.near import TITLE_PREFIX, NearMisses
from store.merge.provenance import settle_provenance
from store.merge.similar import NEAR_SCORE, AbstractMatcher
from store.merge.versions import distinct_versions, link_related, related_ids
from store.models import Paper, Provenance, make_paper_id

MERGE_SCORE = 95.0  # abstract similarity at or above which two papers are one
__all__ = ["MERGE_SCORE", "NEAR_SCORE", "MergeOutcome", "merge_papers"]


@dataclass(slots=True)
class MergeOutcome:
    """The merged paper list and what happened to each paper."""

    papers: list[Paper]
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    possible_duplicates: list[tuple[str, str, float]] = field(default_factory=list)


class _Merger(NearMisses):
    """Working state of one merge: the paper list and its dict indexes."""

    def __init__(self, existing: list[Paper], *, exhaustive: bool = False,
                 common: tuple[set[str], set[str]] | None = None) -> None:
        """Index the existing papers (copies are made only for papers that get touched)."""
        self.papers: list[Paper] = list(existing)
        self.similar = AbstractMatcher(self.papers, exhaustive=exhaustive, common=common)
        self.originals: dict[int, Paper] = {}
        self.new_slots: set[int] = set()
        self.seen_prov: dict[int, set[tuple[str, str, str]]] = {}
        self.fresh: dict[tuple[int, str, str], set[str]] = {}
        self.appended: dict[int, list[Provenance]] = {}
        self.locked: dict[int, set[str]] = {}
        self.records: dict[int, list[Paper]] = {}
        self.by_id: dict[str, int] = {}
        self.by_arxiv: dict[str, int] = {}
        self.by_doi: dict[str, int] = {}
        self.by_title: dict[str, list[int]] = {}
        self.related: list[int] = []  # slots the paper being added is a different version of
        self.links: list[tuple[int, int]] = []  # (slot, slot) pairs of related versions
        self.by_prefix: dict[str, int] = {}
        self.versions: VersionIndex | None = None
        self.near: dict[tuple[str, str], float] = {}
        for slot, paper in enumerate(self.papers):
            self._index(slot, paper)

    def _index(self, slot: int, paper: Paper) -> None:
        """Add a paper's identity keys to the dict indexes (first paper wins a key)."""
        if paper.id:
            self.by_id.setdefault(paper.id, slot)
        if paper.arxiv_id:
            self.by_arxiv.setdefault(arxiv_key(paper.arxiv_id), slot)
        if paper.doi:
            self.by_doi.setdefault(paper.doi.strip().lower(), slot)
        title = norm_title(paper.title)
        if title:
            self._title_slot(title, slot)
            if len(title) >= TITLE_PREFIX:
                self.by_prefix.setdefault(title[:TITLE_PREFIX], slot)
        self.similar.add(slot, paper)
        if self.versions is not None:
            self.versions.add(slot, paper.title, paper.arxiv_id, paper.date)

    def _unindex(self, slot: int, identity: tuple[str, str, str, str, str]) -> None:
        """Forget the id keys a paper had before its fields changed (abstract keys are
        verified on use, so they may stay)."""
        arxiv_id, doi, title, _, _ = identity
        norm = norm_title(title)
        slots = self.by_title.get(norm, [])
        if slot in slots:
            slots.remove(slot)
        for index, key in (
            (self.by_arxiv, arxiv_key(arxiv_id) if arxiv_id else ""),
            (self.by_doi, doi.strip().lower()),
            (self.by_prefix, norm[:TITLE_PREFIX] if len(norm) >= TITLE_PREFIX else ""),
        ):
            if key and index.get(key) == slot:
                del index[key]

    def _title_slot(self, title: str, slot: int) -> None:
        """Remember that the paper at slot answers to a normalised title."""
        slots = self.by_title.setdefault(title, [])
        if slot not in slots:
            slots.append(slot)

    def _weak_match(self, paper: Paper, slot: int) -> bool:
        """True when a title or id match may merge; a different version is remembered."""
        other = self.papers[slot]
        if distinct_versions(paper, other):
            if slot not in self.related:
                self.related.append(slot)
            return False
        if conflicts(paper, other):
            self._note(paper.id, other.id, 100.0)
            return False
        return True

    def _exact(self, paper: Paper) -> int | None:
        """A slot matched by arXiv id, DOI, normalised title or id, without id conflicts.

        A paper this very source gave before (same id, shared source) is matched first, so
        re-imports land on the same records even after other sources changed them.
        """
        slot = self.by_id.get(paper.id)
        if slot is not None:
            known = self.papers[slot]
            same = sources_of(known) & sources_of(paper)
            if same and not conflicts(paper, known) and not distinct_versions(paper, known):
                return slot
        keys: list[tuple[dict[str, int], str]] = []
        if paper.arxiv_id:
            keys.append((self.by_arxiv, arxiv_key(paper.arxiv_id)))
        if paper.doi:
            keys.append((self.by_doi, paper.doi.strip().lower()))
        for index, key in keys:
            slot = index.get(key)
            if slot is None:
                continue
            other = self.papers[slot]
            if conflicts(paper, other):
                self._note(paper.id, other.id, 100.0)
                continue
            return slot
        # title or id alone: never across DOIs, or across venue and year (rule 5)
        weak = list(self.by_title.get(norm_title(paper.title), ())) if paper.title else []
        by_id = self.by_id.get(paper.id) if paper.id else None
        if by_id is not None and by_id not in weak:
            weak.append(by_id)
        for slot in weak:
            if self._weak_match(paper, slot):
                return slot
        return None

    def _by_abstract(self, paper: Paper) -> int | None:
        """A slot whose abstract is near-identical; near misses are only noted."""
        for slot, score in self.similar.ranked(paper):
            other = self.papers[slot]
            if score >= MERGE_SCORE and distinct_versions(paper, other):
                if slot not in self.related:
                    self.related.append(slot)
                continue
            if score >= MERGE_SCORE and not conflicts(paper, other):
                return slot
            self._note(paper.id, other.id, score)
        return None

    def _touch(self, slot: int) -> Paper:
        """The paper at slot, copied before its first change so the input is never mutated."""
        if slot not in self.originals and slot not in self.new_slots:
            self.originals[slot] = self.papers[slot]
            self.papers[slot] = clone(self.papers[slot])
        return self.papers[slot]

    def _add_provenance(self, slot: int, target: Paper, incoming: Paper) -> None:
        """Append incoming's provenance entries that target lacks; note what is fresh."""
        have = self.seen_prov.get(slot)
        if have is None:
            have = {(p.source, p.importer, p.locator) for p in target.provenance}
            self.seen_prov[slot] = have
        for prov in incoming.provenance:
            self.fresh.setdefault((slot, prov.source, prov.importer), set()).add(prov.locator)
            ident = (prov.source, prov.importer, prov.locator)
            if ident not in have:
                have.add(ident)
                target.provenance.append(prov)
                self.appended.setdefault(slot, []).append(prov)

    def _finish_provenance(self, slot: int) -> None:
        """Settle the provenance of a touched paper (see store.merge.provenance)."""
        fresh = {key[1:]: locators for key, locators in self.fresh.items() if key[0] == slot}
        settle_provenance(self.papers[slot], self.appended.get(slot, []), fresh)

    def add(self, incoming: Paper) -> None:
        """Merge one incoming paper into the working list, or append it as new."""
        paper = clone(incoming)
        if not paper.id:
            paper.id = make_paper_id(paper)
        self.related = []
        slot = self._exact(paper)
        if slot is None:
            slot = self._by_abstract(paper)
        self._place(paper, slot)
        self._link_versions(slot if slot is not None else len(self.papers) - 1)

    def _link_versions(self, slot: int) -> None:
        """Link the paper at slot and the different versions of it met while placing it."""
        for other in self.related:
            if other != slot:
                self.links.append((slot, other))

    def _apply_links(self) -> None:
        """Write the related-version links found in this merge into both papers."""
        for x, y in self.links:
            for a, b in ((x, y), (y, x)):
                target_id = self.papers[b].id
                if target_id not in related_ids(self.papers[a]):
                    link_related(self._touch(a), target_id)

    def _place(self, paper: Paper, slot: int | None) -> None:
        """Append paper as new (slot None) or merge it into the paper at slot."""
        if slot is None:
            self._near_title(paper)
            self._near_version(paper)
            if paper.id in self.by_id:
                paper.id = unique_id(paper, self.by_id)
            slot = len(self.papers)
            self.papers.append(paper)
            self.new_slots.add(slot)
            self.locked[slot] = settled_fields(paper)
            self._index(slot, paper)
            return
        target = self._touch(slot)
        self._add_provenance(slot, target, paper)
        before = _identity(target)
        if slot in self.new_slots:
            absorb(target, paper, self.locked[slot])
        else:
            target = self._absorb_existing(slot, target, paper)
        if _identity(target) != before:
            self._unindex(slot, before)
            self._index(slot, target)
        # the record's own title and id now lead here too, so its twins in this import
        # (say, the same entry on another page) land on the same paper
        title = norm_title(paper.title)
        if title:
            self._title_slot(title, slot)
        self.by_id.setdefault(paper.id, slot)

    def _absorb_existing(self, slot: int, target: Paper, paper: Paper) -> Paper:
        """Merge paper into an existing slot: the records this merge gives the slot are first
        combined among themselves, then absorbed once into the original paper.

        So what an import says about a paper never depends on the order in which its records
        meet the stored fields, and importing the same records again changes nothing.
        """
        records = self.records.setdefault(slot, [])
        records.append(paper)
        if len(records) == 1:
            absorb(target, paper, set())
            return target
        rebuilt = clone(self.originals[slot])
        rebuilt.provenance = target.provenance
        absorb(rebuilt, combine(records), set())
        self.papers[slot] = rebuilt
        return rebuilt

    def outcome(self) -> MergeOutcome:
        """Classify every touched paper and build the result."""
        self._apply_links()
        result = MergeOutcome(papers=self.papers)
        for slot in sorted(self.new_slots):
            result.new.append(self.papers[slot].id)
        for slot in sorted(self.originals):
            self._finish_provenance(slot)
            before, after = self.originals[slot], self.papers[slot]
            if after == before:
                self.papers[slot] = before
                result.unchanged.append(after.id)
            elif sources_of(after) - sources_of(before):
                result.merged.append(after.id)
            else:
                result.updated.append(after.id)
        ids = {p.id for p in self.papers}
        result.possible_duplicates = [
            (a, b, score) for (a, b), score in sorted(self.near.items()) if a in ids and b in ids
        ]
        return result


def _identity(paper: Paper) -> tuple[str, str, str, str, str]:
    """The fields the indexes are built from."""
    return paper.arxiv_id, paper.doi, paper.title, paper.abstract, paper.date


def merge_papers(existing: list[Paper], incoming: list[Paper], *, exhaustive: bool = False,
                 common: tuple[set[str], set[str]] | None = None) -> MergeOutcome:
    """Merge incoming papers into existing ones; inputs are never mutated. exhaustive compares
    abstracts of two arXiv papers too; common (see store.merge.similar)."""
    merger = _Merger(existing, exhaustive=exhaustive, common=common)
    for paper in incoming:
        merger.add(paper)
    return merger.outcome()
