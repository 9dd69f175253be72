"""A polite same-site crawler: nav first, page and depth limits, robots.txt, a line per failure."""

from __future__ import annotations

import heapq
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib import robotparser
from urllib.parse import urlsplit, urlunsplit

from store.net.http import FetchError, HttpClient, Response, check_url
from store.net.links import page_key, page_links

DEFAULT_MAX_PAGES = 200
DEFAULT_MAX_DEPTH = 4
DEFAULT_DELAY = 1.0
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class CrawlLimits:
    """How far a crawl may go."""

    max_pages: int = DEFAULT_MAX_PAGES
    max_depth: int = DEFAULT_MAX_DEPTH
    robots: bool = True


@dataclass(slots=True)
class FetchedPage:
    """One HTML page fetched: the address asked for, where it ended up, and its text."""

    url: str
    final_url: str
    text: str
    depth: int


@dataclass(slots=True)
class CrawlResult:
    """Pages fetched, one line per page that failed, and what was left out."""

    pages: list[FetchedPage] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    off_site: int = 0


def _variants(url: str) -> list[str]:
    """An extension-less path as a static host may serve it: /x, /x.html, /x/index.html."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path.endswith("/") or posixpath.splitext(path)[1]:
        return [url]
    return [url] + [urlunsplit(parts._replace(path=path + tail)) for tail in (".html",
                                                                                "/index.html")]


def _reason(message: str) -> str:
    """A client error message without its leading host name."""
    head, sep, rest = message.partition(": ")
    return rest if sep and " " not in head else message


class Crawler:
    """Fetches a start page and the same-site pages it leads to, within limits."""

    def __init__(
        self,
        client: HttpClient,
        limits: CrawlLimits = CrawlLimits(),
        *,
        progress: Callable[[str], None] = lambda line: None,
    ) -> None:
        """client carries timeouts, size cap, delay (min_interval) and cancel."""
        self.client = client
        self.limits = limits
        self.progress = progress
        self._robots: robotparser.RobotFileParser | None = None

    def _load_robots(self, start: str) -> None:
        """Read the site's robots.txt (missing or unreadable: everything allowed)."""
        parts = urlsplit(start)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        parser = robotparser.RobotFileParser(robots_url)
        try:
            response = self.client.get(robots_url)
            parser.parse(response.text().splitlines())
        except FetchError as exc:
            if str(exc) == "cancelled":
                raise
            parser.parse([])
        self._robots = parser

    def allowed(self, url: str) -> bool:
        """True unless robots.txt forbids paperdeck (or every robot) this URL."""
        if self._robots is None:
            return True
        agent = self.client.policy.user_agent.split("/")[0]
        return self._robots.can_fetch(agent, url)

    def _fetch(self, url: str) -> Response:
        """GET a page, trying /x.html and /x/index.html when /x is not found."""
        tries = _variants(url)
        for candidate in tries:
            try:
                return self.client.get(candidate)
            except FetchError as exc:
                if exc.status != 404:
                    raise
        also = " (nor as .html or /index.html)" if len(tries) > 1 else ""
        raise FetchError(f"{url}: HTTP 404 Not Found{also}", status=404)

    def crawl(self, start: str) -> CrawlResult:
        """Fetch start, then same-site pages, nav/menu links first, breadth first."""
        check_url(start)
        result = CrawlResult()
        if self.limits.robots:
            self._load_robots(start)
        queue: list[tuple[int, int, int, str]] = [(0, 0, 0, start)]
        queued = {page_key(start)}
        seq = 0
        while queue and len(result.pages) < self.limits.max_pages:
            _, depth, _, url = heapq.heappop(queue)
            if not self.allowed(url):
                result.skipped.append(f"{url}: skipped, robots.txt disallows it")
                self.progress(result.skipped[-1])
                continue
            page = self._visit(url, depth, result)
            if page is None or depth >= self.limits.max_depth:
                continue
            links, left_out = page_links(page.text, page.final_url)
            result.off_site += left_out
            for link in links:
                key = page_key(link.url)
                if key in queued:
                    continue
                queued.add(key)
                seq += 1
                heapq.heappush(queue, (0 if link.in_nav else 1, depth + 1, seq, link.url))
        if queue:
            result.skipped.append(
                f"page limit of {self.limits.max_pages} reached; {len(queue)} pages not fetched")
            self.progress(result.skipped[-1])
        return result

    def _visit(self, url: str, depth: int, result: CrawlResult) -> FetchedPage | None:
        """Fetch one page and record it, or record one failure line."""
        number = len(result.pages) + 1
        try:
            response = self._fetch(url)
        except FetchError as exc:
            if str(exc) == "cancelled":
                raise
            line = str(exc) if str(exc).startswith(url) else f"{url}: {_reason(str(exc))}"
            result.failures.append(line)
            self.progress(f"failed: {line}")
            return None
        kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
        if kind and kind not in HTML_TYPES:
            result.skipped.append(f"{url}: skipped, not a web page ({kind})")
            self.progress(result.skipped[-1])
            return None
        page = FetchedPage(url, response.url, response.text(), depth)
        result.pages.append(page)
        size = len(response.body)
        self.progress(f"[{number}] {response.url} ({size / 1024:.0f} KB)")
        return page
