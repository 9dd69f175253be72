"""arXiv HTTP client against a local server on 127.0.0.1 (no test reaches the internet)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from store.arxiv_api import DEFAULT_DELAY, DEFAULT_URL, ArxivClient, ArxivError
from tests.data.arxiv_server import FakeArxiv, fake_arxiv


@pytest.fixture
def server() -> Iterator[FakeArxiv]:
    """A fake arXiv API for one test."""
    with fake_arxiv() as fake:
        yield fake


def client_for(server: FakeArxiv, **options: float) -> ArxivClient:
    """A client with a tiny delay pointed at the fake server."""
    options.setdefault("delay", 0.01)
    options.setdefault("timeout", 2.0)
    options.setdefault("backoff", 0.01)
    return ArxivClient(server.url, **options)  # type: ignore[arg-type]


def test_id_lookup_returns_the_response_text(server: FakeArxiv) -> None:
    """One request with id_list; the text is the saved feed."""
    pages = client_for(server).fetch_ids(["2002.12259"])
    assert len(pages) == 1 and "Blurry Video Frame Interpolation" in pages[0]
    assert server.requests[0]["id_list"] == "2002.12259"


def test_ids_are_chunked(server: FakeArxiv) -> None:
    """More ids than a chunk make several requests."""
    pages = client_for(server).fetch_ids(["2002.12259", "1904.00830", "2003.11282"], chunk=2)
    assert len(pages) == 2
    assert [r["id_list"] for r in server.requests] == ["2002.12259,1904.00830", "2003.11282"]


def test_author_query_pages_until_total(server: FakeArxiv) -> None:
    """start/max_results paging stops at totalResults (5 entries, pages of 2 -> 3 requests)."""
    pages = client_for(server).search_author("Zhiyong Gao", max_results=50, page_size=2)
    assert len(pages) == 3
    assert [r["start"] for r in server.requests] == ["0", "2", "4"]
    assert server.requests[0]["search_query"] == 'au:"Zhiyong Gao"'


def test_author_query_respects_max_results(server: FakeArxiv) -> None:
    """max_results caps the paging."""
    pages = client_for(server).search_author("Zhiyong Gao", max_results=2, page_size=2)
    assert len(pages) == 1 and len(server.requests) == 1


def test_empty_result_is_one_request(server: FakeArxiv) -> None:
    """An author with no papers: one page, no entries."""
    pages = client_for(server).search_author("Nobody Atall", max_results=50, page_size=10)
    assert len(pages) == 1 and "<entry>" not in pages[0]


def test_http_400_error_feed_is_returned_for_the_parser(server: FakeArxiv) -> None:
    """arXiv's 400 answer carries an Atom error entry: the client hands it on."""
    pages = client_for(server).fetch_ids(["1234.1234x"])
    assert "api/errors" in pages[0]


def test_slow_server_times_out_with_bounded_retries(server: FakeArxiv) -> None:
    """The timeout fires; after `retries` tries one ArxivError line."""
    server.mode = "slow"
    server.slow_seconds = 0.6
    client = client_for(server, timeout=0.15, retries=2)
    with pytest.raises(ArxivError) as info:
        client.fetch_ids(["2002.12259"])
    assert "timed out" in str(info.value) and "2 tries" in str(info.value)
    assert "\n" not in str(info.value)
    assert client.requests == 2


def test_5xx_is_retried_then_succeeds(server: FakeArxiv) -> None:
    """Two 503s then a good answer: three requests, the text comes back."""
    server.failures_left = 2
    client = client_for(server, retries=3)
    assert "Blurry" in client.fetch_ids(["2002.12259"])[0]
    assert client.requests == 3


def test_5xx_forever_gives_up(server: FakeArxiv) -> None:
    """Bounded: never more than `retries` requests."""
    server.failures_left = 99
    client = client_for(server, retries=3)
    with pytest.raises(ArxivError, match="HTTP 503"):
        client.fetch_ids(["2002.12259"])
    assert len(server.requests) == 3


def test_refused_connection_is_one_line() -> None:
    """Nothing listening: ArxivError, not a traceback."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    client = ArxivClient(f"http://127.0.0.1:{port}/api/query", delay=0, timeout=1)
    with pytest.raises(ArxivError) as info:
        client.fetch_ids(["2002.12259"])
    assert "cannot reach the arXiv API" in str(info.value)
    assert "refused" in str(info.value)


def test_malformed_feed_text_is_returned_as_is(server: FakeArxiv) -> None:
    """The client does not parse; a truncated feed comes back for the importer to reject."""
    server.mode = "malformed"
    text = client_for(server).fetch_ids(["2002.12259"])[0]
    assert "<feed" in text and "</feed>" not in text


def test_default_spacing_is_three_seconds_with_an_injected_clock(server: FakeArxiv) -> None:
    """Default delay 3 s: the second and third requests wait for the remainder of 3 s."""
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    client = ArxivClient(server.url, sleep=sleep, clock=lambda: now[0], timeout=2)
    assert client.delay == DEFAULT_DELAY == 3.0
    client.fetch_ids(["2002.12259"])
    now[0] += 1.0  # the caller spent a second parsing
    client.fetch_ids(["2002.12259"])
    client.fetch_ids(["2002.12259"])
    assert sleeps == [pytest.approx(2.0), pytest.approx(3.0)]
    assert len(server.requests) == 3


def test_base_url_from_argument_env_and_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Constructor argument > $PAPERDECK_ARXIV_URL > https://export.arxiv.org (not http)."""
    monkeypatch.delenv("PAPERDECK_ARXIV_URL", raising=False)
    assert ArxivClient().base_url == DEFAULT_URL == "https://export.arxiv.org/api/query"
    monkeypatch.setenv("PAPERDECK_ARXIV_URL", "http://127.0.0.1:9/api/query")
    assert ArxivClient().base_url == "http://127.0.0.1:9/api/query"
    assert ArxivClient("http://127.0.0.1:8/q").base_url == "http://127.0.0.1:8/q"
    with pytest.raises(ArxivError):
        ArxivClient("file:///etc/passwd")


def test_bad_ids_are_refused_before_any_request(server: FakeArxiv) -> None:
    """Ids with spaces or query syntax never reach the server."""
    with pytest.raises(ArxivError, match="not an arXiv id"):
        client_for(server).fetch_ids(["2002.12259&start=0"])
    assert server.requests == []
