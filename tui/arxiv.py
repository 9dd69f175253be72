"""Application glue for arXiv: fetch by id or author, and enrich untitled listing entries."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from importers.atom import normalize_arxiv_id, parse_feed
from importers.base import ImporterError, ImportResult, ImportWarning
from store.arxiv_api import ArxivClient, ArxivError
from store.models import ImportSummary, Paper, Provenance, make_paper_id
from store.text import clean_inline, slugify

IDS_COLLECTION = "arxiv:ids"
ENRICH_SOURCE = "arxiv:enrich"
__all__ = [
    "ArxivError",
    "EnrichReport",
    "IdLookup",
    "ImporterError",
    "enrich",
    "enrich_candidates",
    "fetch_author",
    "fetch_ids",
    "lookup_ids",
    "make_client",
    "parse_id_args",
]


class IdLookup(Protocol):
    """What an id lookup needs from store.arxiv_api.ArxivClient."""

    def fetch_ids(self, ids: Iterable[str], *, chunk: int = 100) -> list[str]:
        """Responses for an id lookup."""
        ...


class _Client(IdLookup, Protocol):
    """What the glue needs from store.arxiv_api.ArxivClient."""

    def search_author(
        self, name: str, *, max_results: int = 100, page_size: int | None = None
    ) -> list[str]:
        """Responses for an author query."""
        ...


class _StoreLike(Protocol):
    """What enrich needs from store.repository.Store."""

    def each_paper(self) -> Iterable[Paper]:
        """Every paper, a bounded chunk at a time."""
        ...

    def apply_import(
        self, result: ImportResult, *, source: str, importer: str, digest: str = "",
        dry_run: bool = False,
    ) -> ImportSummary:
        """Merge a result into the library."""
        ...


def make_client(
    base_url: str | None = None, *, cancel: threading.Event | None = None, **options: float
) -> ArxivClient:
    """The arXiv client ($PAPERDECK_ARXIV_URL or export.arxiv.org; 3 s between requests).

    cancel: an event that aborts a fetch at once when set (a TUI worker's cancelled_event,
    which Textual sets when the app quits).
    """
    return ArxivClient(base_url, cancel=cancel, **options)  # type: ignore[arg-type]


def parse_id_args(args: Iterable[str]) -> list[str]:
    """"arxiv:2002.12259", "2002.12259v2", abs URLs -> bare ids; ArxivError on a bad one."""
    ids: list[str] = []
    for arg in args:
        arxiv_id = normalize_arxiv_id(arg.strip())
        if not arxiv_id:
            raise ArxivError(f"not an arXiv id: {arg!r}")
        if arxiv_id not in ids:
            ids.append(arxiv_id)
    return ids


def _merge_results(results: list[ImportResult]) -> ImportResult:
    """One result from several pages: papers deduplicated by arXiv id, one collection."""
    merged = ImportResult()
    seen: set[str] = set()
    for result in results:
        for paper in result.papers:
            key = paper.arxiv_id or paper.id
            if key not in seen:
                seen.add(key)
                merged.papers.append(paper)
        merged.warnings.extend(result.warnings)
        if not merged.collections:
            merged.collections.extend(result.collections)
            merged.sections.extend(result.sections)
    return merged


def fetch_ids(ids: Iterable[str], client: _Client) -> ImportResult:
    """Papers for arXiv ids, in an "arxiv:ids" collection; missing ids become warnings.

    Raises ArxivError (network) or ImporterError (arXiv error entry, malformed feed).
    """
    wanted = parse_id_args(ids)
    if not wanted:
        return ImportResult()
    pages = client.fetch_ids(wanted)
    results = [
        parse_feed(text, source=f"arxiv:{','.join(wanted)}", collection_id=IDS_COLLECTION,
                   title="arXiv lookups").result
        for text in pages
    ]
    result = _merge_results(results)
    found = {p.arxiv_id.lower() for p in result.papers}
    for arxiv_id in wanted:
        if arxiv_id.lower() not in found:
            result.warnings.append(ImportWarning(f"arXiv:{arxiv_id}", None, "not found on arXiv"))
    return result


def fetch_author(name: str, client: _Client, max_results: int = 100) -> ImportResult:
    """An author's papers (au:"name"), paged, in an "arxiv:author-<name>" collection."""
    name = clean_inline(name)
    pages = client.search_author(name, max_results=max_results)
    cid = f"arxiv:author-{slugify(name)}"
    results = [
        parse_feed(text, source=f"arxiv:author:{name}", collection_id=cid,
                   title=f"arXiv: {name}").result
        for text in pages
    ]
    return _merge_results(results)


@dataclass(slots=True)
class EnrichReport:
    """What `enrich` did: candidates looked up, papers filled, ids arXiv did not know."""

    candidates: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    summary: ImportSummary | None = None
    dry_run: bool = False

    def __str__(self) -> str:
        """One summary line plus a line per paper filled."""
        if not self.candidates:
            return "enrich: no untitled entries with an arXiv id; nothing to do"
        head = "dry run, nothing stored: " if self.dry_run else ""
        lines = [
            f"{head}enrich: {len(self.candidates)} looked up · {len(self.filled)} filled · "
            f"{len(self.not_found)} not found on arXiv"
        ]
        lines += [f"  {pid}: {', '.join(self.fields.get(pid, []))}" for pid in self.filled]
        lines += [f"  not found: arXiv:{arxiv_id}" for arxiv_id in self.not_found]
        return "\n".join(lines)


def lookup_ids(client: IdLookup, papers: Iterable[Paper], *, source: str) -> dict[str, Paper]:
    """arXiv's records for the papers' arXiv ids (each id once), by lower-case id."""
    fetched: dict[str, Paper] = {}
    for text in client.fetch_ids(dict.fromkeys(p.arxiv_id for p in papers)):
        for paper in parse_feed(text, source=source).result.papers:
            fetched[paper.arxiv_id.lower()] = paper
    return fetched


def enrich_candidates(papers: Iterable[Paper]) -> list[Paper]:
    """Papers with an arXiv id that lack a title or authors."""
    return [p for p in papers if p.arxiv_id and (not p.title or not p.authors)]


def _filled_copy(existing: Paper, fetched: Paper) -> tuple[Paper, list[str]]:
    """existing with only its EMPTY fields filled from fetched (never overwriting a value)."""
    paper = Paper.from_dict(existing.to_dict())
    changed: list[str] = []
    if not paper.title and fetched.title:
        paper.title = fetched.title
        changed.append("title")
    if not paper.authors and fetched.authors:
        paper.authors = list(fetched.authors)
        changed.append("authors")
    for name in ("year", "date", "doi", "category"):
        if not getattr(paper, name) and getattr(fetched, name):
            setattr(paper, name, getattr(fetched, name))
            changed.append(name)
    if not paper.abstract and fetched.abstract:
        paper.abstract = fetched.abstract
        changed.append("abstract")
    paper.provenance = [Provenance(ENRICH_SOURCE, "atom", f"arXiv:{paper.arxiv_id}", None)]
    paper.sections = []
    paper.links = []
    paper.badges = []
    paper.keywords = []
    paper.id = existing.id or make_paper_id(paper)
    return paper, changed


def enrich(store: _StoreLike, client: _Client, *, dry_run: bool = False) -> EnrichReport:
    """Fill missing titles/authors of entries that have an arXiv id; never overwrite a value.

    Raises ArxivError when the API cannot be reached, ImporterError on a bad response.
    """
    candidates = enrich_candidates(store.each_paper())
    report = EnrichReport(candidates=[p.id for p in candidates], dry_run=dry_run)
    if not candidates:
        return report
    fetched = lookup_ids(client, candidates, source=ENRICH_SOURCE)
    result = ImportResult()
    for existing in candidates:
        match = fetched.get(existing.arxiv_id.lower())
        if match is None:
            report.not_found.append(existing.arxiv_id)
            continue
        paper, changed = _filled_copy(existing, match)
        if changed:
            result.papers.append(paper)
            report.filled.append(existing.id)
            report.fields[existing.id] = changed
    if result.papers:
        report.summary = store.apply_import(
            result, source=ENRICH_SOURCE, importer="atom", dry_run=dry_run
        )
    return report

