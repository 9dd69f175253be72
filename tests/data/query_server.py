"""A base for the fake APIs on 127.0.0.1: GET with a query string in, status/headers/body out."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

Server = TypeVar("Server", bound=ThreadingHTTPServer)


class QueryServer(ThreadingHTTPServer):
    """Bound to an ephemeral loopback port; subclasses answer one query in `respond`."""

    daemon_threads = True
    allow_reuse_address = True
    content_type = "text/plain; charset=utf-8"

    def __init__(self) -> None:
        """Bind to an ephemeral port on the loopback interface."""
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict[str, str]] = []

    def respond(self, params: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """Status, extra headers and body for one request's query parameters."""
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    """GET /…?query: the server's answer, sent with its content type and length."""

    server: QueryServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Answer one request."""
        params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        status, headers, body = self.server.respond(params)
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", self.server.content_type)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the test output quiet."""


@contextmanager
def serving(server: Server, before_stop: Callable[[], None] | None = None) -> Iterator[Server]:
    """Run a server in a thread for the duration of a with-block, then shut it down."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        if before_stop is not None:
            before_stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
