"""A polite same-site crawler: nav first, page and depth limits, robots.txt, a line per failure."""

from __future__ import annotations

import heapq
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib import robotparser
from urllib.parse import urlsplit, urlunsplit

from store.net.http import FetchError, HttpClient, Response, check_url
from store.net.links import page_key, page_links, page_text, toggle_www

DEFAULT_MAX_PAGES = 200
DEFAULT_MAX_DEPTH = 4
DEFAULT_DELAY = 1.0
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is capped
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
    document: FetchedPage | None = None  # a start URL that is text but not HTML (.bib, Atom…)


def _variants(url: str) -> list[str]:
    """An extension-less path as a static host may serve it: /x, /x.html, /x/index.html."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path.endswith("/") or posixpath.splitext(path)[1]:
        return [url]
    return [url] + [urlunsplit(parts._replace(path=path + tail)) for tail in (".html",
                                                                                "/index.html")]


def _textual(kind: str, body: bytes) -> bool:
    """True for a text document (BibTeX, Atom, plain text) rather than a binary file."""
    textual = kind.startswith("text/") or kind.endswith(("xml", "bibtex", "json")) or not kind
    return textual and b"\x00" not in body[:8192]


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
        agent = self.client.policy.user_agent.split("/")[0]
        wait = parser.crawl_delay(agent)
        if wait is not None and float(wait) > self.client.policy.min_interval:
            wait = min(float(wait), MAX_CRAWL_DELAY)
            self.client.policy = replace(self.client.policy, min_interval=wait)
            self.progress(f"robots.txt asks for {wait:g} s between requests")

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
            try:
                response = self._fetch(url)
            except FetchError as exc:
                if depth or exc.status not in (301, 302, 303, 307, 308) or (
                        "another host" not in str(exc)):
                    raise
                twin = toggle_www(url)  # example.org -> www.example.org, the usual move
                response = self._fetch(twin)
                self.progress(f"{url} moved to {twin}; staying on {urlsplit(twin).netloc}")
                if self.limits.robots:
                    self._load_robots(twin)
        except FetchError as exc:
            if str(exc) == "cancelled":
                raise
            line = str(exc) if str(exc).startswith(url) else f"{url}: {_reason(str(exc))}"
            result.failures.append(line)
            self.progress(f"failed: {line}")
            return None
        kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
        if depth == 0 and kind not in HTML_TYPES and _textual(kind, response.body):
            result.document = FetchedPage(url, response.url, response.text(), depth)
            self.progress(f"[{number}] {response.url} ({kind}, not a web page)")
            return None
        if kind and kind not in HTML_TYPES:
            result.skipped.append(f"{url}: skipped, not a web page ({kind})")
            self.progress(result.skipped[-1])
            return None
        declared = "charset=" in response.headers.get("content-type", "").lower()
        text = page_text(response.body, response.charset() if declared else None)
        page = FetchedPage(url, response.url, text, depth)
        result.pages.append(page)
        size = len(response.body)
        self.progress(f"[{number}] {response.url} ({size / 1024:.0f} KB)")
        return page
