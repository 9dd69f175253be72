"""DOI import by content negotiation against a resolver on 127.0.0.1 started by the test."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from store.doi import CSL_ACCEPT, fetch_csl, normalize_doi, policy
from store.errors import StoreError
from store.net.http import FetchPolicy, HttpClient
from store.repository import Store
from tui.cli import main

CSL_ITEM = {  # shaped like a Crossref content-negotiation answer
    "type": "paper-conference", "id": "https://doi.org/10.5555/grasp.2023",
    "title": "Learning to Grasp Anything", "DOI": "10.5555/grasp.2023",
    "URL": "https://doi.org/10.5555/grasp.2023", "publisher": "IEEE",
    "container-title": "2023 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)",
    "author": [{"given": "Ada", "family": "Li", "sequence": "first"},
               {"given": "Jörg", "family": "Müller", "sequence": "additional"}],
    "issued": {"date-parts": [[2023, 6, 18]]}, "page": "1-10",
}


class Resolver(BaseHTTPRequestHandler):
    """/10.5555/grasp.2023 (negotiated), /missing (404), /busy (429 once), /slow (5 s),
    /moved (same-host redirect to /10.5555/grasp.2023)."""

    seen: list[tuple[str, str, str]] = []
    busy_calls = 0

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        """Answer by path."""
        accept = self.headers.get("Accept", "")
        Resolver.seen.append((self.path, accept, self.headers.get("User-Agent", "")))
        path = self.path.split("?")[0]
        if path == "/10.5555/agency":  # like doi.org: off to the agency's own host
            self.send_response(302)
            port = self.server.server_address[1]
            self.send_header("Location", f"http://localhost:{port}/transform/10.5555/agency")
            self.end_headers()
        elif path == "/transform/10.5555/agency" and CSL_ACCEPT in accept:
            self._json(CSL_ITEM)
        elif path == "/10.5555/moved":
            self.send_response(302)
            self.send_header("Location", "/10.5555/grasp.2023")
            self.end_headers()
        elif path == "/10.5555/busy":
            Resolver.busy_calls += 1
            if Resolver.busy_calls == 1:
                self.send_response(429)
                self.send_header("Retry-After", "2")
                self.end_headers()
                return
            self._json(CSL_ITEM)
        elif path == "/10.5555/slow":
            time.sleep(5)
            with contextlib.suppress(OSError):  # the client has given up by now
                self._json(CSL_ITEM)
        elif path == "/10.5555/grasp.2023" and CSL_ACCEPT in accept:
            self._json(CSL_ITEM)
        elif path == "/10.5555/grasp.2023":
            self.send_response(302)  # doi.org sends a browser to the landing page
            self.send_header("Location", "https://publisher.example/landing")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def _json(self, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.citationstyles.csl+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def resolver() -> Iterator[str]:
    """The resolver's base URL, on 127.0.0.1."""
    Resolver.seen, Resolver.busy_calls = [], 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Resolver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_content_negotiation_and_mailto(
    resolver: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PAPERDECK_DOI_URL", resolver)
    home = tmp_path / "home"
    Store(home).set_setting("mailto", "ada@example.org")
    assert main(["--home", str(home), "import", "doi:10.5555/grasp.2023"]) == 0
    assert "1 new" in capsys.readouterr().out
    path, accept, agent = Resolver.seen[-1]
    assert path == "/10.5555/grasp.2023" and accept == CSL_ACCEPT
    assert "mailto:ada@example.org" in agent
    paper = Store(home).resolve("10.5555/grasp.2023")
    assert paper is not None and paper.authors == ["Ada Li", "Jörg Müller"]
    assert (paper.year, paper.date, paper.venue_short) == (2023, "2023-06-18", "CVPR 2023")


def test_same_host_redirect_is_followed(resolver: str) -> None:
    with HttpClient(policy()) as client:
        record = fetch_csl("https://doi.org/10.5555/moved", client, resolver)
    assert json.loads(record.text)["title"] == "Learning to Grasp Anything"


def test_not_found_is_one_line(resolver: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    with HttpClient(policy()) as client, pytest.raises(StoreError, match="not found"):
        fetch_csl("10.5555/missing", client, resolver)
    monkeypatch.setenv("PAPERDECK_DOI_URL", resolver)
    assert main(["--home", str(tmp_path), "import", "doi:10.5555/missing"]) == 2
    err = capsys.readouterr().err
    assert "skipped: doi:10.5555/missing: DOI 10.5555/missing: not found" in err
    assert "Traceback" not in err


def test_429_waits_as_retry_after_says(resolver: str) -> None:
    waits: list[float] = []
    with HttpClient(policy(), sleep=waits.append) as client:
        record = fetch_csl("10.5555/busy", client, resolver)
    assert json.loads(record.text)["DOI"] == "10.5555/grasp.2023"
    assert 2.0 in waits and Resolver.busy_calls == 2


def test_slow_answer_hits_the_deadline(resolver: str) -> None:
    slow = FetchPolicy(timeout=1.0, deadline=1.5, retries=0)
    start = time.monotonic()
    with HttpClient(slow) as client, pytest.raises(StoreError, match=r"timed out|within 1.5 s"):
        fetch_csl("10.5555/slow", client, resolver)
    assert time.monotonic() - start < 4


def test_bad_doi_and_landing_page_redirect(resolver: str) -> None:
    with pytest.raises(StoreError, match="not a DOI"):
        normalize_doi("doi:hello")
    # without the CSL Accept header the resolver would send a browser elsewhere: refused
    with HttpClient(policy()) as client, pytest.raises(StoreError, match="another host"):
        client.get(f"{resolver}/10.5555/grasp.2023")


def test_redirect_to_an_agency_host_is_followed_when_the_policy_names_it(resolver: str) -> None:
    with HttpClient(policy(agencies=frozenset({"LOCALHOST"}))) as client:
        record = fetch_csl("10.5555/agency", client, resolver)
    assert record.url.endswith("/transform/10.5555/agency")
    assert json.loads(record.text)["title"] == "Learning to Grasp Anything"
    assert Resolver.seen[-1][1] == CSL_ACCEPT  # the Accept header went along


def test_redirect_to_a_host_the_policy_does_not_name_is_refused(resolver: str) -> None:
    with HttpClient(policy()) as client, pytest.raises(StoreError, match="another host"):
        fetch_csl("10.5555/agency", client, resolver)
    assert [seen[0] for seen in Resolver.seen] == ["/10.5555/agency"]
