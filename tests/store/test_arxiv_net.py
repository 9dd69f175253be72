"""The arXiv client's network limits (#12 item 10) against a hostile server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from store.arxiv_api import ArxivClient, ArxivError
from tests.data.arxiv_server import atom
from tests.data.local_http import LocalServer, Route, local_server

FEED = atom("id_2002.12259.xml")
ATOM = "application/atom+xml; charset=utf-8"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A local server; tests script /api/query."""
    with local_server() as running:
        yield running


def client_for(url: str, **options: object) -> ArxivClient:
    """A client with no spacing and fast backoff."""
    options.setdefault("delay", 0.0)
    options.setdefault("backoff", 0.01)
    return ArxivClient(url, **options)  # type: ignore[arg-type]


def test_a_trickling_server_is_cut_at_the_deadline(server: LocalServer) -> None:
    """One byte every 50 ms (the feed would take minutes): over after the 1 s deadline."""
    server.routes["/api/query"] = Route(FEED, trickle=0.05, content_type=ATOM)
    client = client_for(server.url("/api/query"), timeout=5.0, deadline=1.0)
    start = time.monotonic()
    with pytest.raises(ArxivError) as info:
        client.fetch_ids(["2002.12259"])
    assert time.monotonic() - start < 3.0
    assert "1 s" in str(info.value) and "\n" not in str(info.value)


def test_the_deadline_runs_on_the_injected_clock(server: LocalServer) -> None:
    """A trickle against a clock that jumps 10 s per reading: the 60 s default deadline ends it."""
    server.routes["/api/query"] = Route(FEED, trickle=0.01, content_type=ATOM)
    now = [0.0]

    def clock() -> float:
        now[0] += 10.0
        return now[0]

    client = client_for(server.url("/api/query"), clock=clock, sleep=lambda s: None)
    start = time.monotonic()
    with pytest.raises(ArxivError, match="60 s"):
        client.fetch_ids(["2002.12259"])
    assert time.monotonic() - start < 3.0


def test_a_redirect_to_ftp_is_refused(server: LocalServer) -> None:
    """302 to ftp:// is an error, and nothing else is requested."""
    server.routes["/api/query"] = Route(status=302, headers={"Location": "ftp://127.0.0.1/x"})
    with pytest.raises(ArxivError, match="ftp"):
        client_for(server.url("/api/query")).fetch_ids(["2002.12259"])
    assert len(server.hits) == 1


def test_a_redirect_to_another_host_is_refused(server: LocalServer) -> None:
    """302 to localhost (another host name) is refused."""
    elsewhere = f"http://localhost:{server.port}/api/query"
    server.routes["/api/query"] = Route(status=302, headers={"Location": elsewhere})
    with pytest.raises(ArxivError, match="another host"):
        client_for(server.url("/api/query")).fetch_ids(["2002.12259"])
    assert len(server.hits) == 1


def test_a_same_host_redirect_is_followed(server: LocalServer) -> None:
    """A moved endpoint on the same host still works."""
    server.routes["/api/query"] = Route(status=301, headers={"Location": "/v2/query"})
    server.routes["/v2/query"] = Route(FEED, content_type=ATOM)
    pages = client_for(server.url("/api/query")).fetch_ids(["2002.12259"])
    assert "Blurry Video Frame Interpolation" in pages[0]
    assert server.hits[1].path == "/v2/query"


def test_cancel_ends_a_stalled_fetch_at_once(server: LocalServer) -> None:
    """The TUI's quit sets the event: the fetch ends within a fraction of a second."""
    server.routes["/api/query"] = Route(stall=True)
    cancel = threading.Event()
    client = client_for(server.url("/api/query"), timeout=30.0, cancel=cancel)
    threading.Timer(0.2, cancel.set).start()
    start = time.monotonic()
    with pytest.raises(ArxivError, match="cancelled"):
        client.fetch_ids(["2002.12259"])
    assert time.monotonic() - start < 1.5


def test_env_override_still_wins(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """$PAPERDECK_ARXIV_URL points the default client at a local server."""
    server.routes["/api/query"] = Route(FEED, content_type=ATOM)
    monkeypatch.setenv("PAPERDECK_ARXIV_URL", server.url("/api/query"))
    assert "Blurry" in ArxivClient(delay=0).fetch_ids(["2002.12259"])[0]


def test_a_url_without_a_host_is_refused() -> None:
    """http:///x is not a usable API address."""
    with pytest.raises(ArxivError, match="host"):
        ArxivClient("http:///api/query")
