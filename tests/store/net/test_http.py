"""The polite HTTP client against a real server on 127.0.0.1 (no test reaches the internet)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from store.errors import StoreError
from store.net.http import FetchError, FetchPolicy, HttpClient
from tests.data.local_http import LocalServer, Route, local_server

FAST = FetchPolicy(timeout=2.0, deadline=5.0, retries=0, backoff=0.0)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """An empty local server; tests add routes."""
    with local_server() as running:
        yield running


class FakeTime:
    """An injected clock and sleep: sleeping advances the clock instantly."""

    def __init__(self, start: float = 1000.0, tick: float = 0.0) -> None:
        """start: the clock's first reading; tick: how far every reading advances it."""
        self.now = start
        self.tick = tick
        self.sleeps: list[float] = []
        self.lock = threading.Lock()

    def clock(self) -> float:
        """The fake monotonic clock."""
        with self.lock:
            self.now += self.tick
            return self.now

    def sleep(self, seconds: float) -> None:
        """Record and advance."""
        with self.lock:
            self.sleeps.append(round(seconds, 3))
            self.now += seconds


def timed(call: Callable[[], object]) -> tuple[object, float]:
    """The call's result (or exception) and its real duration."""
    start = time.monotonic()
    try:
        result: object = call()
    except FetchError as exc:
        result = exc
    return result, time.monotonic() - start


def test_plain_get_returns_body_status_url_and_sends_the_user_agent(server: LocalServer) -> None:
    """A 200 with a body; the User-Agent names paperdeck."""
    server.routes["/a"] = Route("<p>héllo</p>")
    with HttpClient(FAST) as client:
        response = client.get(server.url("/a"), params={"q": "x y"})
    assert response.status == 200 and response.text() == "<p>héllo</p>"
    assert response.headers["Content-Type"].startswith("text/html")
    assert server.hits[0].path == "/a?q=x+y"
    assert server.hits[0].headers["User-Agent"].startswith("paperdeck/")


def test_charset_from_content_type_is_used(server: LocalServer) -> None:
    """latin-1 bytes decode by the declared charset."""
    latin = "text/html; charset=ISO-8859-1"
    server.routes["/l"] = Route("café".encode("latin-1"), content_type=latin)
    with HttpClient(FAST) as client:
        assert client.get(server.url("/l")).text() == "café"


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)", "http:///nohost", "x"],
)
def test_only_http_urls_are_fetched(url: str) -> None:
    """Anything but http(s) with a host is refused before any connection."""
    with HttpClient(FAST) as client, pytest.raises(FetchError) as info:
        client.get(url)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, StoreError)


def test_same_host_redirects_are_followed(server: LocalServer) -> None:
    """A relative Location on the same host is followed; the final URL is reported."""
    server.routes["/old"] = Route(status=301, headers={"Location": "/new/"})
    server.routes["/new/"] = Route("fresh")
    with HttpClient(FAST) as client:
        response = client.get(server.url("/old"))
    assert response.text() == "fresh" and response.url.endswith("/new/")


def test_redirect_to_ftp_is_refused(server: LocalServer) -> None:
    """A 302 to ftp:// is never followed (nothing connects to port 21)."""
    server.routes["/r"] = Route(status=302, headers={"Location": "ftp://127.0.0.1/pub/x"})
    with HttpClient(FAST) as client, pytest.raises(FetchError) as info:
        client.get(server.url("/r"))
    assert "ftp" in str(info.value) and "refused" in str(info.value)
    assert info.value.status == 302 and server.paths() == ["/r"]


def test_redirect_to_another_host_is_refused(server: LocalServer) -> None:
    """localhost is another host name than 127.0.0.1: refused."""
    server.routes["/r"] = Route(status=307, headers={"Location": f"http://localhost:{server.port}/"})
    with HttpClient(FAST) as client, pytest.raises(FetchError, match="another host"):
        client.get(server.url("/r"))
    assert server.paths() == ["/r"]


def test_redirect_to_a_host_the_policy_names_is_followed(server: LocalServer) -> None:
    """redirect_hosts lets a redirect leave the host, to the hosts named and only those."""
    server.routes["/r"] = Route(status=302, headers={"Location": f"http://localhost:{server.port}/x"})
    server.routes["/x"] = Route("there")
    allowed = replace(FAST, redirect_hosts=frozenset({"localhost"}))
    with HttpClient(allowed) as client:
        response = client.get(server.url("/r"), headers={"Accept": "text/x-test"})
    assert response.text() == "there" and response.url.startswith("http://localhost:")
    assert server.hits[-1].headers["Accept"] == "text/x-test"
    other = replace(FAST, redirect_hosts=frozenset({"example.org"}))
    with HttpClient(other) as client, pytest.raises(FetchError, match="another host"):
        client.get(server.url("/r"))


def test_redirect_hosts_never_allow_another_scheme(server: LocalServer) -> None:
    """Even a named host is refused over ftp://: only http(s) redirects are ever followed."""
    server.routes["/r"] = Route(status=302, headers={"Location": "ftp://localhost/pub/x"})
    allowed = replace(FAST, redirect_hosts=frozenset({"localhost", "127.0.0.1"}))
    with HttpClient(allowed) as client, pytest.raises(FetchError, match="redirect to a ftp"):
        client.get(server.url("/r"))
    assert server.paths() == ["/r"]


def test_redirect_loop_stops_after_five(server: LocalServer) -> None:
    """At most 5 redirects are followed."""
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    with HttpClient(FAST) as client, pytest.raises(FetchError, match="more than 5 redirects"):
        client.get(server.url("/loop"))
    assert len(server.hits) == 6


def test_trickle_is_cut_at_the_overall_deadline(server: LocalServer) -> None:
    """One byte every 20 ms for 200 bytes (4 s) against a 0.5 s deadline: over in < 2 s."""
    server.routes["/t"] = Route("x" * 200, trickle=0.02)
    policy = FetchPolicy(timeout=5.0, deadline=0.5, retries=0)
    with HttpClient(policy) as client:
        result, took = timed(lambda: client.get(server.url("/t")))
    assert isinstance(result, FetchError) and "0.5 s" in str(result)
    assert took < 3.0


def test_trickle_deadline_is_measured_on_the_injected_clock(server: LocalServer) -> None:
    """A clock racing ahead 1 s per reading ends a 30 s deadline after a few bytes."""
    server.routes["/t"] = Route("x" * 500, trickle=0.01)
    fake = FakeTime(tick=1.0)
    policy = FetchPolicy(timeout=5.0, deadline=30.0, retries=0)
    with HttpClient(policy, clock=fake.clock, sleep=fake.sleep) as client:
        result, took = timed(lambda: client.get(server.url("/t")))
    assert isinstance(result, FetchError) and "30 s" in str(result)
    assert took < 3.0


def test_stall_times_out_and_is_retried_a_bounded_number_of_times(server: LocalServer) -> None:
    """A server that never answers: per-read timeout, retries+1 requests, one line."""
    server.routes["/s"] = Route(stall=True)
    fake = FakeTime()
    policy = FetchPolicy(timeout=0.2, deadline=30.0, retries=2, backoff=1.0)
    with HttpClient(policy, sleep=fake.sleep) as client, pytest.raises(FetchError) as info:
        client.get(server.url("/s"))
    assert "timed out" in str(info.value) and "3 tries" in str(info.value)
    assert len(server.hits) == 3 and fake.sleeps == [1.0, 2.0]


def test_stall_is_bounded_by_the_deadline_too(server: LocalServer) -> None:
    """A long per-read timeout still ends at the overall deadline."""
    server.routes["/s"] = Route(stall=True)
    policy = FetchPolicy(timeout=20.0, deadline=0.4, retries=3)
    with HttpClient(policy) as client:
        result, took = timed(lambda: client.get(server.url("/s")))
    assert isinstance(result, FetchError) and took < 3.0


def test_429_retry_after_is_honoured(server: LocalServer) -> None:
    """Retry-After: 7 on a 429 means one sleep of 7 s, then the answer."""
    server.sequence["/r"] = [Route(status=429, headers={"Retry-After": "7"})]
    server.routes["/r"] = Route("ok")
    fake = FakeTime()
    policy = FetchPolicy(timeout=2.0, retries=3, backoff=1.0)
    with HttpClient(policy, sleep=fake.sleep) as client:
        assert client.get(server.url("/r")).text() == "ok"
    assert fake.sleeps == [7.0] and len(server.hits) == 2


def test_503_without_retry_after_backs_off_exponentially(server: LocalServer) -> None:
    """Two 503s: sleeps of backoff, 2*backoff, then the answer."""
    server.sequence["/r"] = [Route(status=503), Route(status=503)]
    server.routes["/r"] = Route("ok")
    fake = FakeTime()
    policy = FetchPolicy(timeout=2.0, retries=3, backoff=1.5)
    with HttpClient(policy, sleep=fake.sleep) as client:
        assert client.get(server.url("/r")).text() == "ok"
    assert fake.sleeps == [1.5, 3.0]


def test_503_retry_after_http_date_is_honoured(server: LocalServer) -> None:
    """Retry-After as an HTTP date in the past means no wait."""
    server.sequence["/r"] = [
        Route(status=503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    ]
    server.routes["/r"] = Route("ok")
    fake = FakeTime()
    with HttpClient(FetchPolicy(retries=1), sleep=fake.sleep) as client:
        assert client.get(server.url("/r")).text() == "ok"
    assert fake.sleeps == [] and len(server.hits) == 2


def test_an_unreasonable_retry_after_gives_up_at_once(server: LocalServer) -> None:
    """Retry-After: 3600 is not slept through: one line, status kept."""
    server.routes["/r"] = Route(status=429, headers={"Retry-After": "3600"})
    fake = FakeTime()
    client = HttpClient(FetchPolicy(retries=3), sleep=fake.sleep)
    with client, pytest.raises(FetchError, match="3600 s") as info:
        client.get(server.url("/r"))
    assert info.value.status == 429 and fake.sleeps == [] and len(server.hits) == 1


def test_retries_are_bounded(server: LocalServer) -> None:
    """503 forever: retries+1 requests, then FetchError with the status."""
    server.routes["/r"] = Route(status=503)
    fake = FakeTime()
    client = HttpClient(FetchPolicy(retries=2, backoff=0.5), sleep=fake.sleep)
    with client, pytest.raises(FetchError, match="HTTP 503") as info:
        client.get(server.url("/r"))
    assert info.value.status == 503 and len(server.hits) == 3


def test_404_is_not_retried_and_keeps_the_body(server: LocalServer) -> None:
    """A client error: one request, status and capped body on the error."""
    with HttpClient(FetchPolicy(retries=3)) as client, pytest.raises(FetchError) as info:
        client.get(server.url("/missing"))
    assert info.value.status == 404 and "HTTP 404" in str(info.value)
    assert info.value.response is not None and b"Not found" in info.value.response.body
    assert len(server.hits) == 1


def test_declared_size_over_the_cap_is_refused(server: LocalServer) -> None:
    """Content-Length above max_bytes: refused."""
    server.routes["/big"] = Route("y", repeat_body=5000)
    client = HttpClient(FetchPolicy(max_bytes=1000, retries=0))
    with client, pytest.raises(FetchError, match="larger than 1000 bytes"):
        client.get(server.url("/big"))


def test_undeclared_size_over_the_cap_is_cut(server: LocalServer) -> None:
    """No Content-Length, a 3 MB body, a 1 MB cap: refused while reading."""
    server.routes["/big"] = Route("z" * 1024, repeat_body=3 * 1024, declare_length=False)
    client = HttpClient(FetchPolicy(max_bytes=2**20, retries=0))
    with client, pytest.raises(FetchError, match="larger than 1 MB"):
        client.get(server.url("/big"))


def test_min_interval_spaces_request_starts_on_the_injected_clock(server: LocalServer) -> None:
    """min_interval 3 s: the second request waits 3 s, the third only what is left."""
    server.routes["/a"] = Route("a")
    fake = FakeTime()
    policy = FetchPolicy(min_interval=3.0, retries=0)
    with HttpClient(policy, clock=fake.clock, sleep=fake.sleep) as client:
        client.get(server.url("/a"))
        client.get(server.url("/a"))
        fake.now += 1.0
        client.get(server.url("/a"))
        fake.now += 5.0
        client.get(server.url("/a"))
    assert fake.sleeps == [3.0, 2.0]
    assert len(server.hits) == 4


def test_retries_keep_the_spacing(server: LocalServer) -> None:
    """A retry after a short Retry-After still waits out min_interval."""
    server.sequence["/r"] = [Route(status=503, headers={"Retry-After": "1"})]
    server.routes["/r"] = Route("ok")
    fake = FakeTime()
    policy = FetchPolicy(min_interval=3.0, retries=1)
    with HttpClient(policy, clock=fake.clock, sleep=fake.sleep) as client:
        client.get(server.url("/r"))
    assert fake.sleeps == [1.0, 2.0]


def test_cancel_aborts_a_stalled_request_promptly(server: LocalServer) -> None:
    """cancel.set() from another thread ends a stalled request within a fraction of a second."""
    server.routes["/s"] = Route(stall=True)
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with HttpClient(FetchPolicy(timeout=20, deadline=60), cancel=cancel) as client:
        result, took = timed(lambda: client.get(server.url("/s")))
    assert isinstance(result, FetchError) and str(result) == "cancelled"
    assert took < 2.5


def test_cancel_wakes_a_real_backoff_sleep(server: LocalServer) -> None:
    """A cancel during a long Retry-After wait ends it at once."""
    server.routes["/r"] = Route(status=503, headers={"Retry-After": "100"})
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with HttpClient(FetchPolicy(deadline=200, retries=3), cancel=cancel) as client:
        result, took = timed(lambda: client.get(server.url("/r")))
    assert str(result) == "cancelled" and took < 2.5


def test_a_set_cancel_means_no_request(server: LocalServer) -> None:
    """Already cancelled: nothing is sent."""
    cancel = threading.Event()
    cancel.set()
    with HttpClient(FAST, cancel=cancel) as client, pytest.raises(FetchError, match="cancelled"):
        client.get(server.url("/"))
    assert server.hits == []


def test_refused_connection_is_one_line() -> None:
    """Nothing listening: one line that says so."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with HttpClient(FAST) as client, pytest.raises(FetchError) as info:
        client.get(f"http://127.0.0.1:{port}/")
    assert "refused" in str(info.value) and "\n" not in str(info.value)
