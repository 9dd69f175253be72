"""tui.arxiv glue: fetch by id/author into a real Store, and enrich untitled listing entries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from importers.base import ImporterError, ImportResult
from store.arxiv_api import ArxivClient, ArxivError
from store.models import Collection, Paper, Provenance, Section, SectionRef, make_paper_id
from store.repository import Store
from tests.conftest import seed
from tests.data.arxiv_server import FakeArxiv, fake_arxiv
from tui.arxiv import enrich, fetch_author, fetch_ids, make_client, parse_id_args


@pytest.fixture
def server() -> Iterator[FakeArxiv]:
    """A fake arXiv API on 127.0.0.1."""
    with fake_arxiv() as fake:
        yield fake


@pytest.fixture
def client(server: FakeArxiv) -> ArxivClient:
    """A fast client pointed at the fake API."""
    return make_client(server.url, delay=0.01, timeout=2.0, page_size=2)


def listing_store(home: Path, entries: list[tuple[str, str, list[str]]]) -> Store:
    """A store holding listing-like entries (arxiv id, title, authors) with abstracts."""
    cid = "listing:demo"
    ref = SectionRef(cid, f"{cid}/all", "demo")
    papers = []
    for arxiv_id, title, authors in entries:
        paper = Paper(title=title, authors=authors, arxiv_id=arxiv_id,
                      abstract=f"Abstract of {arxiv_id}.", comments="accepted in CVPR 2020",
                      sections=[ref], provenance=[Provenance("demo.txt", "arxiv_listing")])
        paper.id = make_paper_id(paper)
        papers.append(paper)
    result = ImportResult(
        papers=papers,
        sections=[Section(id=ref.section, collection=cid, label="demo")],
        collections=[Collection(id=cid, kind="listing", title="demo")],
    )
    store = Store(home)
    store.apply_import(result, source="demo.txt", importer="arxiv_listing")
    return store


def test_parse_id_args() -> None:
    """arxiv: prefixes, versions and URLs are accepted; junk is refused."""
    args = ["arxiv:2002.12259", "1904.00830v2", "https://arxiv.org/abs/2002.12259"]
    assert parse_id_args(args) == ["2002.12259", "1904.00830"]
    with pytest.raises(ArxivError):
        parse_id_args(["nonsense"])


def test_fetch_ids_into_a_store(client: ArxivClient, tmp_path: Path) -> None:
    """Two ids -> two papers in the arxiv:ids collection; an unknown id is a warning."""
    result = fetch_ids(["arxiv:2002.12259", "arxiv:1904.00830", "arxiv:2099.99999"], client)
    assert sorted(p.arxiv_id for p in result.papers) == ["1904.00830", "2002.12259"]
    assert [c.id for c in result.collections] == ["arxiv:ids"]
    assert any("2099.99999" in str(w) for w in result.warnings)
    store = Store(tmp_path / "home")
    summary = store.apply_import(result, source="arxiv:ids", importer="atom")
    assert len(summary.new) == 2
    assert store.resolve("2002.12259").title == "Blurry Video Frame Interpolation"


def test_fetch_author_pages(client: ArxivClient, server: FakeArxiv) -> None:
    """An author query over three pages gives five papers in one collection."""
    result = fetch_author("Zhiyong Gao", client, max_results=50)
    assert len(result.papers) == 5
    assert [c.id for c in result.collections] == ["arxiv:author-zhiyong-gao"]
    assert len(server.requests) == 3


def test_fetch_author_empty(client: ArxivClient) -> None:
    """No papers, no error."""
    assert fetch_author("Nobody Atall", client).papers == []


def test_error_entry_and_malformed_feed_raise_importer_error(
    client: ArxivClient, server: FakeArxiv
) -> None:
    """A 400 error entry and a truncated feed are ImporterErrors (one line)."""
    with pytest.raises(ImporterError, match="incorrect id format"):
        fetch_ids(["1234.12345"], client)
    server.mode = "malformed"
    with pytest.raises(ImporterError, match="malformed"):
        fetch_ids(["2002.12259"], client)


def test_offline_is_one_arxiv_error(tmp_path: Path) -> None:
    """Nothing listening: ArxivError."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    client = make_client(f"http://127.0.0.1:{port}/api/query", delay=0, timeout=1)
    with pytest.raises(ArxivError, match="cannot reach"):
        fetch_ids(["2002.12259"], client)


def test_enrich_fills_only_missing_fields(client: ArxivClient, tmp_path: Path) -> None:
    """Untitled entries gain title/authors; a title already there is never overwritten."""
    store = listing_store(tmp_path / "home", [
        ("2002.12259", "", []),
        ("1904.00830", "My own title for DAIN", []),
        ("2003.11282", "", []),
    ])
    untitled = store.resolve("2002.12259")
    store.mark(untitled.id, read=True, note="keep me")
    report = enrich(store, client)
    assert sorted(report.filled) == sorted(
        [store.resolve("2002.12259").id, store.resolve("1904.00830").id]
    )
    assert report.not_found == ["2003.11282"]
    blurry = store.resolve("2002.12259")
    assert blurry.title == "Blurry Video Frame Interpolation"
    assert blurry.authors[0] == "Wang Shen" and blurry.abstract == "Abstract of 2002.12259."
    assert blurry.id == untitled.id
    dain = store.resolve("1904.00830")
    assert dain.title == "My own title for DAIN"
    assert dain.authors[:2] == ["Wenbo Bao", "Wei-Sheng Lai"]
    assert store.annotation(untitled.id).note == "keep me" and store.annotation(untitled.id).read
    assert len(store.papers()) == 3
    assert "2 filled" in str(report) and "1 not found" in str(report)
    again = enrich(store, client)
    assert again.filled == []


def test_enrich_dry_run_changes_nothing(client: ArxivClient, tmp_path: Path) -> None:
    """--dry-run reports but leaves the library file alone."""
    store = listing_store(tmp_path / "home", [("2002.12259", "", [])])
    before = store.library_fingerprint()
    report = enrich(store, client, dry_run=True)
    assert len(report.filled) == 1 and report.dry_run
    assert store.library_fingerprint() == before
    assert store.resolve("2002.12259").title == ""


def test_enrich_nothing_to_do_makes_no_request(client: ArxivClient, server: FakeArxiv,
                                               tmp_path: Path) -> None:
    """A library with titles everywhere never calls the API."""
    store = listing_store(tmp_path / "home", [("2002.12259", "T", ["A B"])])
    assert enrich(store, client).candidates == []
    assert server.requests == []


def test_enrich_the_listing_seed(client: ArxivClient, tmp_path: Path) -> None:
    """The real arXiv-listing seed: its untitled entries for 2002.12259/1904.00830 gain titles."""
    from importers.arxiv_listing import IMPORTER as LISTING

    path = seed("001")
    text = path.read_text(encoding="utf-8")
    result = LISTING.parse(text, source=str(path), today=date(2024, 6, 1))
    store = Store(tmp_path / "home")
    store.apply_import(result, source=str(path), importer="arxiv_listing")
    report = enrich(store, client)
    assert len(report.candidates) == 7
    assert store.resolve("2002.12259").title == "Blurry Video Frame Interpolation"
    assert store.resolve("1904.00830").title == "Depth-Aware Video Frame Interpolation"
    assert len(store.papers()) == 7
