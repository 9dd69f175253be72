"""A scriptable HTTP server on 127.0.0.1 for network tests: routes, stalls, trickles, redirects."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.data.query_server import serving


@dataclass
class Route:
    """One canned answer: status, body, headers, and optional misbehaviour."""

    body: bytes | str = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    stall: bool = False  # accept, then never answer (until the server stops)
    delay: float = 0.0  # seconds before the status line
    trickle: float = 0.0  # seconds between single body bytes
    repeat_body: int = 1  # body sent this many times (to build big answers cheaply)
    declare_length: bool = True  # send Content-Length

    def data(self) -> bytes:
        """The body as bytes."""
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass
class Hit:
    """One request the server saw."""

    path: str
    headers: dict[str, str]
    at: float


class LocalServer(ThreadingHTTPServer):
    """Serves `routes` by path (query string ignored unless the full path is a route)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        """Bind to an ephemeral port on the loopback interface."""
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: list[Hit] = []
        self.stopping = threading.Event()
        self.sequence: dict[str, list[Route]] = {}  # path -> answers used one by one first

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: clients that hang up (timeouts, size caps) are what these tests do."""

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self.server_address[1])

    def url(self, path: str = "/") -> str:
        """An absolute URL on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [h.path for h in self.hits]

    def route_for(self, path: str) -> Route:
        """The route for a request path (a sequence first, then the table, else a 404)."""
        queue = self.sequence.get(path)
        if queue:
            return queue.pop(0)
        if path in self.routes:
            return self.routes[path]
        bare = urlsplit(path).path
        return self.routes.get(bare, Route("<h1>Not found</h1>", status=404))


class _Handler(BaseHTTPRequestHandler):
    """Answers GET from the server's routes."""

    server: LocalServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Serve the route, misbehaving as told."""
        server = self.server
        server.hits.append(Hit(self.path, dict(self.headers.items()), time.monotonic()))
        route = server.route_for(self.path)
        if route.stall:
            server.stopping.wait(30)
            return
        if route.delay:
            server.stopping.wait(route.delay)
        data = route.data() * route.repeat_body
        try:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.declare_length:
                self.send_header("Content-Length", str(len(data)))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            if route.trickle:
                for i in range(len(data)):
                    if server.stopping.wait(route.trickle):
                        return
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
            else:
                self.wfile.write(data)
            if not route.declare_length:
                self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def local_server(routes: dict[str, Route] | None = None) -> Iterator[LocalServer]:
    """A running LocalServer, shut down (stalls released) on exit."""
    server = LocalServer(routes)
    with serving(server, before_stop=server.stopping.set):
        yield server
