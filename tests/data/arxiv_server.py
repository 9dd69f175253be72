"""A local stand-in for the arXiv API on 127.0.0.1, serving the saved Atom responses."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.data.query_server import QueryServer, serving

ATOM_DIR = Path(__file__).resolve().parent / "arxiv"


def atom(name: str) -> str:
    """A saved response by file name."""
    return (ATOM_DIR / name).read_text(encoding="utf-8")


class FakeArxiv(QueryServer):
    """Routes: id_list=… -> saved id responses; au:… -> paged author responses."""

    content_type = "application/atom+xml; charset=utf-8"

    def __init__(self) -> None:
        """Bind to an ephemeral port on the loopback interface."""
        super().__init__()
        self.mode = "normal"  # or "slow", "error500", "malformed"
        self.slow_seconds = 1.0
        self.failures_left = 0

    @property
    def url(self) -> str:
        """The base URL of the fake API."""
        return f"http://127.0.0.1:{self.server_address[1]}/api/query"

    def respond(self, params: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """Note the request, wait when slow, then answer it."""
        self.requests.append(params)
        if self.mode == "slow":
            time.sleep(self.slow_seconds)
        status, body = self.answer(params)
        return status, {}, body

    def answer(self, params: dict[str, str]) -> tuple[int, str]:
        """Status and body for a query."""
        if self.failures_left > 0:
            self.failures_left -= 1
            return 503, "Service Unavailable"
        if self.mode == "malformed":
            return 200, atom("malformed.xml")
        ids = params.get("id_list", "")
        query = params.get("search_query", "")
        if ids:
            if "1234.1234x" in ids or "1234.12345" in ids:
                return 400, atom("error_400.xml")
            wanted = set(ids.split(","))
            if wanted == {"2002.12259"}:
                return 200, atom("id_2002.12259.xml")
            if wanted & {"2002.12259", "1904.00830"}:
                return 200, atom("ids_2002.12259_1904.00830.xml")
            return 200, atom("empty.xml")
        if query.startswith("au:") and "Gao" in query:
            page = int(params.get("start", "0")) // max(1, int(params.get("max_results", "2")))
            name = f"author_page{page}.xml"
            return 200, atom(name) if (ATOM_DIR / name).exists() else atom("empty.xml")
        return 200, atom("empty.xml")


@contextmanager
def fake_arxiv() -> Iterator[FakeArxiv]:
    """Run the fake API in a thread for the duration of a with-block."""
    with serving(FakeArxiv()) as server:
        yield server
