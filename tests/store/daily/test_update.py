"""The update runner against a local OAI-PMH server and a local arXiv API (no internet)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from importers.atom import parse_feed
from importers.oai_arxiv import parse_page
from store.arxiv_api import ArxivClient
from store.daily.follows import FollowList
from store.daily.harvest_state import HarvestState
from store.daily.inbox import Arrivals
from store.daily.oai import OaiHarvester
from store.daily.update import Updater
from store.net.http import FetchPolicy, HttpClient
from store.repository import Store
from tests.data.arxiv_server import fake_arxiv
from tests.data.oai_server import FakeOai, OaiRecord, day_one, fake_oai

TODAY = date(2026, 11, 27)


class FakeClock:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        """Start at an arbitrary time."""
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.lock = threading.Lock()

    def __call__(self) -> float:
        """The current fake time."""
        with self.lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        """Advance instead of sleeping."""
        with self.lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)


def updater(store: Store, server: FakeOai, clock: FakeClock, **kw: object) -> Updater:
    """An Updater over the fake server, 3 s apart on the fake clock."""
    client = HttpClient(FetchPolicy(min_interval=3.0, retries=3, backoff=1.0, deadline=60.0),
                        clock=clock, sleep=clock.sleep)
    follows = FollowList(store.home).get()
    return Updater(
        store, follows, today=kw.pop("today", TODAY), sets=["cs"],  # type: ignore[arg-type]
        harvester=OaiHarvester(client, server.url),
        parse_oai=lambda text, source, spec: parse_page(text, source=source, set_spec=spec),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store following cs.CV and cs.LG, a watched author and a keyword."""
    s = Store(tmp_path / "home")
    s.home.mkdir(parents=True, exist_ok=True)
    FollowList(s.home).add(categories=["cs.CV", "cs.LG"], authors=["Zhiwei Xiong"],
                           keywords=["video frame interpolation"])
    return s


def test_three_pages_spaced_with_retry_after(store: Store) -> None:
    """Three pages through resumption tokens, 3 s apart, a 503 Retry-After honoured."""
    clock = FakeClock()
    with fake_oai(clock) as server:
        server.records = day_one()
        server.busy = [("cs|2026-11-26|2", 7)]  # the second page first answers 503, 7 s
        report = updater(store, server, clock).run()
    verbs = [r.get("resumptionToken", r.get("from")) for r in server.requests]
    assert verbs == ["2026-11-26", "cs|2026-11-26|2", "cs|2026-11-26|2", "cs|2026-11-26|4"]
    assert server.requests[0] == {"verb": "ListRecords", "metadataPrefix": "arXiv",
                                  "set": "cs", "from": "2026-11-26"}
    gaps = [b - a for a, b in zip(server.times, server.times[1:], strict=False)]
    assert all(g >= 3.0 for g in gaps), gaps
    assert gaps[1] >= 7.0  # Retry-After, not just the 3 s spacing
    rep = report.sources[0]
    assert rep.pages == 3 and rep.records == 6 and not rep.error
    assert len(rep.skipped) == 1 and "2611.00005" in rep.skipped[0]
    ids = {p.arxiv_id for p in store.papers()}
    assert ids == {"2611.00001", "2611.00002", "2611.00003", "2610.09999"}  # cs.RO left out
    assert rep.replaced == [] and "2610.09999" in rep.new
    state = HarvestState(store.home).get("cs")
    assert state == {"done": "2026-11-26", "token": "", "top": ""}


def test_tabs_mirror_the_taxonomy(store: Store) -> None:
    """Computer Science › cs.CV and cs.LG; a cross-list sits under its followed category."""
    clock = FakeClock()
    with fake_oai(clock) as server:
        server.records = day_one()
        updater(store, server, clock).run()
    colls = {c.id: c.title for c in store.collections()}
    assert colls["arxiv-cat:cs"] == "Computer Science"
    secs = {s.id: (s.label, s.heading) for s in store.sections()}
    assert secs["arxiv-cat:cs/cs.cv"] == ("cs.CV", "Computer Vision and Pattern Recognition")
    assert secs["arxiv-cat:cs/cs.lg"] == ("cs.LG", "Machine Learning")
    assert not any("cs.ro" in s for s in secs)
    cross = store.resolve("2611.00003")
    assert cross is not None and cross.category == "eess.IV"
    assert [r.section for r in cross.sections] == ["arxiv-cat:cs/cs.cv"]


def test_incremental_from_and_nothing_new_twice(store: Store) -> None:
    """The next run asks from the last datestamp; an empty day is fine; nothing new twice."""
    clock = FakeClock()
    with fake_oai(clock) as server:
        server.records = day_one()
        updater(store, server, clock).run()
        before = store.library_path.read_bytes()
        server.requests.clear()
        again = updater(store, server, clock).run()
        assert [r.get("from") for r in server.requests[:1]] == ["2026-11-26"]
        assert again.total("new") == 0 and again.total("replaced") == 0
        assert store.library_path.read_bytes() == before  # nothing new: not even rewritten
        # an empty day: noRecordsMatch
        server.records = []
        server.requests.clear()
        empty = updater(store, server, clock, today=date(2026, 11, 28)).run()
        assert len(server.requests) == 1 and empty.sources[0].pages == 0 + 1
        assert empty.total("new") == 0 and not empty.failed
        assert HarvestState(store.home).get("cs")["done"] == "2026-11-26"


def test_replacement_and_journal_ref_update_in_place(store: Store) -> None:
    """A new version updates the paper in place and says so; a journal-ref gives a venue."""
    clock = FakeClock()
    with fake_oai(clock) as server:
        server.records = day_one()
        updater(store, server, clock).run()
        store.mark(store.resolve("2611.00002").id, starred=True, note="keep")  # type: ignore[union-attr]
        server.records = [
            OaiRecord("2611.00002", "2026-11-28", "Scaling Laws for Sparse Mixtures, Revisited",
                      [("Rossi", "Elena")], "cs.LG stat.ML", "2026-11-25", updated="2026-11-27",
                      journal_ref="Advances in Neural Information Processing Systems 39 (2026)",
                      doi="10.5555/neurips.2026.123"),
        ]
        report = updater(store, server, clock, today=date(2026, 11, 28)).run()
    assert report.sources[0].replaced == ["2611.00002"]
    assert report.sources[0].venues == ["2611.00002"]
    papers = [p for p in store.papers() if p.arxiv_id == "2611.00002"]
    assert len(papers) == 1
    paper = papers[0]
    assert paper.title == "Scaling Laws for Sparse Mixtures, Revisited"
    assert paper.doi == "10.5555/neurips.2026.123" and "Neural Information" in paper.venue
    ann = store.annotation(paper.id)
    assert ann.starred and ann.note == "keep"  # marks survive
    entry = Arrivals(store.home).all()["2611.00002"]
    assert entry["kind"] == "replaced" and entry["day"] == "2026-11-28"
    assert HarvestState(store.home).get("cs")["done"] == "2026-11-28"


def test_followed_author_through_the_api(store: Store) -> None:
    """Followed authors come from the arXiv API (au:), paged; a second run adds nothing."""
    FollowList(store.home).add(authors=["Zhiyong Gao"])
    with fake_arxiv() as api:
        client = ArxivClient(api.url, delay=0.0, page_size=2)
        follows = FollowList(store.home).get()
        kw = dict(authors=client, parse_atom=lambda text, source, cid, title: parse_feed(
            text, source=source, collection_id=cid, title=title).result)
        first = Updater(store, follows, today=TODAY, **kw).run()  # type: ignore[arg-type]
        gao = next(s for s in first.sources if s.name.endswith("Zhiyong Gao"))
        assert len(gao.new) == 5 and any("au:" in r.get("search_query", "") for r in api.requests)
        second = Updater(store, follows, today=TODAY, **kw).run()  # type: ignore[arg-type]
    assert second.total("new") == 0
    assert any(c.id == "arxiv:author-zhiyong-gao" for c in store.collections())


def test_cancel_between_pages_then_resume(store: Store) -> None:
    """Cancelled after the first page: the token is kept and the next run resumes with it."""
    clock = FakeClock()
    cancel = threading.Event()
    with fake_oai(clock) as server:
        server.records = day_one()
        run = updater(store, server, clock, cancel=cancel,
                      progress=lambda m: cancel.set() if "page 2" in m else None)
        report = run.run()
        assert report.cancelled and report.sources[0].pages == 1
        assert HarvestState(store.home).get("cs")["token"] == "cs|2026-11-26|2"
        server.requests.clear()
        updater(store, server, clock).run()
        assert server.requests[0] == {"verb": "ListRecords", "resumptionToken": "cs|2026-11-26|2"}
    assert len(store.papers()) == 4
