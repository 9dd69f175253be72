"""`enrich` for preprints: a missing DOI or published venue from arXiv's doi/journal-ref.

What it finds goes into the `filled` layer of the user's edits file, never into the library:
it wins over imported data and survives re-imports, and the user's own values win over it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from store.bibtex_export import is_arxiv_only
from store.models import Paper
from store.repository import Store
from tui.arxiv import IdLookup, lookup_ids

SOURCE = "arxiv:enrich-published"


@dataclass
class PublishedReport:
    """Preprints looked up and the fields filled for each."""

    candidates: list[str] = field(default_factory=list)
    filled: dict[str, list[str]] = field(default_factory=dict)
    dry_run: bool = False

    def __str__(self) -> str:
        """One summary line plus one line per paper filled."""
        head = "dry run, nothing stored: " if self.dry_run else ""
        lines = [f"{head}enrich: {len(self.candidates)} preprints looked up for a DOI or venue"
                 f" · {len(self.filled)} filled"]
        lines += [f"  {pid}: {', '.join(names)}" for pid, names in self.filled.items()]
        return "\n".join(lines)


def candidates(papers: Iterable[Paper]) -> list[Paper]:
    """Papers with an arXiv id and no DOI or no published venue."""
    return [p for p in papers if p.arxiv_id and (not p.doi or is_arxiv_only(p))]


def found_fields(paper: Paper, fetched: Paper, user: dict[str, Any]) -> dict[str, Any]:
    """The DOI and venue arXiv knows and the paper lacks (never a field the user set)."""
    out: dict[str, Any] = {}
    if not paper.doi and fetched.doi and "doi" not in user:
        out["doi"] = fetched.doi
    published = fetched.venue and not is_arxiv_only(fetched)
    if is_arxiv_only(paper) and published and not {"venue", "venue_short"} & set(user):
        out["venue"], out["venue_short"] = fetched.venue, fetched.venue_short
    return out


def enrich_published(store: Store, client: IdLookup, *, dry_run: bool = False) -> PublishedReport:
    """Look the preprints up on arXiv and fill what is missing (ArxivError/ImporterError out)."""
    todo = candidates(store.each_paper())
    report = PublishedReport(candidates=[p.id for p in todo], dry_run=dry_run)
    if not todo:
        return report
    fetched = lookup_ids(client, todo, source=SOURCE)
    with store.journal.change("enrich"):
        for paper in todo:
            match = fetched.get(paper.arxiv_id.lower())
            if match is None:
                continue
            layers = store.overlay.edits.get(paper.id)
            fields = found_fields(paper, match, layers.get("user") or {})
            if not fields:
                continue
            report.filled[paper.id] = list(fields)
            if not dry_run:
                store.overlay.edits.set_layer(
                    paper.id, "filled", {**(layers.get("filled") or {}), **fields})
    return report
