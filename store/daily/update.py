"""The update runner: followed categories page by page (OAI-PMH), then followed authors."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from store.daily.follows import Follows
from store.daily.harvest_state import HarvestState
from store.daily.inbox import Arrivals
from store.daily.matching import in_followed
from store.daily.oai import OaiHarvester
from store.daily.pages import Page, arrivals_for, keep_followed
from store.errors import ArxivError, StoreError
from store.imports import ImportLike
from store.models import ImportSummary, Paper
from store.net.http import FetchError
from store.text import slugify

OAI_IMPORTER = "oai-arxiv"
MAX_RESTARTS = 3  # passes restarted after an expired resumption token, per set and run
OAI_SOURCE = "arxiv-oai:"


class OaiPageLike(Protocol):
    """What the runner needs from importers.oai_arxiv.OaiPage."""

    result: Any
    token: str
    last_datestamp: str
    no_records: bool
    expired_token: bool
    records: int
    complete_size: int | None


class StoreLike(Protocol):
    """The Store's public methods the runner uses."""

    home: Any

    def imported_many(self, ids: Iterable[str]) -> dict[str, Paper]:
        """Stored papers by id, as imported."""
        ...

    def apply_import(self, result: ImportLike, *, source: str, importer: str, digest: str = "",
                     dry_run: bool = False) -> ImportSummary:
        """Merge a result into the library."""
        ...


class AuthorClient(Protocol):
    """What the runner needs from store.arxiv_api.ArxivClient."""

    def search_author(self, name: str, *, max_results: int = 100,
                      page_size: int | None = None) -> list[str]:
        """Responses for au:"name"."""
        ...


class PageError(StoreError):
    """A harvested page that cannot be read at all (the parser's one-line reason)."""


ParseOai = Callable[[str, str, str], OaiPageLike]  # text, source, set spec
ParseAtom = Callable[[str, str, str, str], ImportLike]  # text, source, collection id, title


@dataclass(slots=True)
class SourceReport:
    """What one followed source gave in this run."""

    name: str
    pages: int = 0
    records: int = 0
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    error: str = ""

    def line(self) -> str:
        """One summary line."""
        if self.error:
            return f"{self.name}: stopped: {self.error}"
        parts = [f"{self.pages} page{'s' if self.pages != 1 else ''}",
                 f"{self.records} records", f"{len(self.new)} new"]
        if self.replaced:
            parts.append(f"{len(self.replaced)} replaced (new version, updated in place)")
        if self.venues:
            parts.append(f"{len(self.venues)} gained a journal-ref or DOI")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return f"{self.name}: " + " · ".join(parts)


@dataclass(slots=True)
class UpdateReport:
    """Everything one `paperdeck update` did."""

    sources: list[SourceReport] = field(default_factory=list)
    cancelled: bool = False

    def total(self, attr: str) -> int:
        """Sum of one list over the sources."""
        return sum(len(getattr(s, attr)) for s in self.sources)

    @property
    def failed(self) -> bool:
        """True when a source stopped on an error."""
        return any(s.error for s in self.sources)


class Updater:
    """Runs one update; interruptible between pages, re-runnable from where it stopped."""

    def __init__(
        self,
        store: StoreLike,
        follows: Follows,
        *,
        today: date,
        sets: Sequence[str] = (),
        harvester: OaiHarvester | None = None,
        parse_oai: ParseOai | None = None,
        authors: AuthorClient | None = None,
        parse_atom: ParseAtom | None = None,
        first_days: int = 1,
        author_max: int = 50,
        cancel: threading.Event | None = None,
        progress: Callable[[str], None] = lambda _msg: None,
    ) -> None:
        """Everything is injected: the store, the clients, the parsers and the clock's today."""
        self.store, self.follows, self.today = store, follows, today
        self.sets, self.harvester, self.parse_oai = list(sets), harvester, parse_oai
        self.authors, self.parse_atom = authors, parse_atom
        self.first_days, self.author_max = first_days, author_max
        self.cancel = cancel or threading.Event()
        self.progress = progress
        self.state = HarvestState(store.home)
        self.arrivals = Arrivals(store.home)
        self.report = UpdateReport()

    def run(self) -> UpdateReport:
        """Every followed set, then every followed author."""
        if self.harvester is not None and self.parse_oai is not None:
            for spec in self.sets:
                if self.cancel.is_set():
                    break
                self._harvest(spec)
        if self.authors is not None and self.parse_atom is not None:
            for name in self.follows.authors:
                if self.cancel.is_set():
                    break
                self._author(name)
        self.report.cancelled = self.cancel.is_set()
        return self.report

    def _apply(self, page: Page, source: str, importer: str, rep: SourceReport) -> None:
        """Record arrivals, then store the page (arrivals first: a re-run finds the papers
        already stored and would no longer see them as arrivals)."""
        found = arrivals_for(self.store, page.papers, self.arrivals.all(), source)
        self.arrivals.add(found.entries)
        rep.new += found.new
        rep.replaced += found.replaced
        rep.venues += found.venues
        if page.papers and (found.entries or found.venues or found.changed):
            self.store.apply_import(page, source=source, importer=importer)

    def _harvest(self, spec: str) -> None:
        """One set, page by page; the resumption point is committed after each stored page."""
        assert self.harvester is not None and self.parse_oai is not None
        rep = SourceReport(f"arXiv {spec} (OAI-PMH)")
        self.report.sources.append(rep)
        source = OAI_SOURCE + spec
        start = self.state.get(spec)
        first = (self.today - timedelta(days=self.first_days)).isoformat()
        done, token, top = start.get("done") or first, start.get("token", ""), start.get("top", "")
        size: int | None = None
        restarts = 0
        while True:
            total = f" of {size}" if size else ""
            self.progress(f"{spec}: page {rep.pages + 1}, {rep.records}{total} records so far"
                          + (" (resuming)" if token else f", from {done}"))
            if self.cancel.is_set():
                return
            try:
                text = self.harvester.list_records(set_spec=spec, from_date=done, token=token)
                page = self.parse_oai(text, source, spec)
            except (FetchError, PageError) as exc:
                rep.error = str(exc)
                return
            if page.expired_token and token and restarts < MAX_RESTARTS:
                restarts += 1
                token, top = "", ""  # the token expired: start the pass again from `done`
                self.state.commit(spec, {"done": done, "token": "", "top": ""})
                continue
            rep.pages += 1
            rep.records += page.records
            size = page.complete_size or size
            rep.skipped += [str(w) for w in page.result.warnings]
            kept = keep_followed(page.result, lambda c: in_followed(c, self.follows))
            self._apply(kept, source, OAI_IMPORTER, rep)
            top = max(top, page.last_datestamp)
            if page.token:
                token = page.token
                self.state.commit(spec, {"done": done, "token": token, "top": top})
                continue
            done = max(done, top)
            self.state.commit(spec, {"done": done, "token": "", "top": ""})
            return

    def _author(self, name: str) -> None:
        """A followed author's latest papers through the arXiv API (au:"name")."""
        assert self.authors is not None and self.parse_atom is not None
        rep = SourceReport(f"arXiv author {name}")
        self.report.sources.append(rep)
        self.progress(f"author {name}")
        source, cid = f"arxiv:author:{name}", f"arxiv:author-{slugify(name)}"
        try:
            texts = self.authors.search_author(name, max_results=self.author_max)
        except (ArxivError, FetchError, OSError) as exc:
            rep.error = str(exc)
            return
        page = Page()
        for text in texts:
            try:
                result = self.parse_atom(text, source, cid, f"arXiv: {name}")
            except PageError as exc:
                rep.error = str(exc)
                return
            rep.pages += 1
            rep.records += len(result.papers)
            page.extend(result)
        self._apply(page.unique(), source, "atom", rep)
        self.state.commit_author(name, self.today.isoformat())
