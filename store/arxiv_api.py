"""arXiv API HTTP client (the only networked code): polite spacing, timeouts, bounded retry."""

from __future__ import annotations

import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from http.client import HTTPException

from store.errors import ArxivError

DEFAULT_URL = "http://export.arxiv.org/api/query"
ENV_URL = "PAPERDECK_ARXIV_URL"
DEFAULT_DELAY = 3.0  # seconds between requests, as arXiv asks
USER_AGENT = "paperdeck/0.1 (terminal paper browser; +https://pypi.org/project/paperdeck/)"
MAX_RESPONSE = 50_000_000
_TOTAL = re.compile(r"<opensearch:totalResults[^>]*>\s*(\d+)\s*<", re.I)
_ENTRY = re.compile(r"<entry[\s>]")
_ID_OK = re.compile(r"^[A-Za-z0-9.\-/]{4,40}$")




class _Retryable(Exception):
    """A failure worth another try (timeout, 5xx, dropped connection)."""


def _reason(exc: BaseException) -> str:
    """A short human reason for a low-level network error."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, socket.gaierror):
        return "cannot resolve the host name (offline?)"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class ArxivClient:
    """Fetches arXiv API responses as text; parsing is the Atom importer's job."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        delay: float = DEFAULT_DELAY,
        timeout: float = 20.0,
        retries: int = 3,
        page_size: int = 50,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        user_agent: str = USER_AGENT,
    ) -> None:
        """base_url defaults to $PAPERDECK_ARXIV_URL, then to export.arxiv.org."""
        self.base_url = base_url or os.environ.get(ENV_URL) or DEFAULT_URL
        if not self.base_url.startswith(("http://", "https://")):
            raise ArxivError(f"arXiv API URL must be http(s): {self.base_url!r}")
        self.delay = delay
        self.timeout = timeout
        self.retries = max(1, retries)
        self.page_size = max(1, page_size)
        self.sleep = sleep
        self.clock = clock
        self.user_agent = user_agent
        self._last: float | None = None
        self.requests = 0

    def _wait_turn(self) -> None:
        """Sleep until `delay` seconds have passed since the previous request."""
        if self._last is not None:
            remaining = self.delay - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()

    def _once(self, url: str) -> str:
        """One HTTP GET; arXiv's 400 error feeds are returned so the parser can report them."""
        self._wait_turn()
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(MAX_RESPONSE + 1)
        except urllib.error.HTTPError as exc:
            if exc.code >= 500 or exc.code == 429:
                raise _Retryable(f"HTTP {exc.code} {exc.reason}") from None
            body = exc.read(MAX_RESPONSE + 1) if exc.fp is not None else b""
            text = body.decode("utf-8", errors="replace")
            if "<feed" in text:
                return text
            raise ArxivError(f"arXiv API answered HTTP {exc.code} {exc.reason}") from None
        except (TimeoutError, ConnectionResetError, HTTPException) as exc:
            raise _Retryable(_reason(exc)) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Retryable("timed out") from None
            host = urllib.parse.urlsplit(url).netloc
            raise ArxivError(f"cannot reach the arXiv API at {host}: {_reason(exc)}") from None
        except OSError as exc:
            raise ArxivError(f"cannot reach the arXiv API: {_reason(exc)}") from None
        if len(body) > MAX_RESPONSE:
            raise ArxivError("arXiv API response too large")
        return body.decode("utf-8", errors="replace")

    def get(self, params: dict[str, str]) -> str:
        """GET base_url?params with up to `retries` tries on timeouts and 5xx answers."""
        url = f"{self.base_url}?{urllib.parse.urlencode(params)}"
        last = ""
        for _ in range(self.retries):
            try:
                return self._once(url)
            except _Retryable as exc:
                last = str(exc)
        host = urllib.parse.urlsplit(self.base_url).netloc
        raise ArxivError(f"arXiv API at {host} failed after {self.retries} tries: {last}")

    def fetch_ids(self, ids: Iterable[str], *, chunk: int = 100) -> list[str]:
        """Responses for an id lookup, `chunk` ids per request."""
        wanted = [i.strip() for i in ids if i.strip()]
        for arxiv_id in wanted:
            if not _ID_OK.match(arxiv_id):
                raise ArxivError(f"not an arXiv id: {arxiv_id!r}")
        return [
            self.get({"id_list": ",".join(wanted[i : i + chunk]), "max_results": str(chunk)})
            for i in range(0, len(wanted), chunk)
        ]

    def search_pages(
        self, query: str, *, max_results: int = 100, page_size: int | None = None
    ) -> Iterator[str]:
        """Responses for a search_query, page by page (start/max_results) up to max_results."""
        page_size = page_size or self.page_size
        start = 0
        while start < max_results:
            size = min(page_size, max_results - start)
            text = self.get(
                {
                    "search_query": query,
                    "start": str(start),
                    "max_results": str(size),
                    "sortBy": "submittedDate",
                    "sortOrder": "descending",
                }
            )
            yield text
            entries = len(_ENTRY.findall(text))
            total = _TOTAL.search(text)
            start += size
            if entries < size or (total is not None and start >= int(total.group(1))):
                return

    def search_author(
        self, name: str, *, max_results: int = 100, page_size: int | None = None
    ) -> list[str]:
        """Responses for an author query (au:"First Last")."""
        name = " ".join(name.replace('"', " ").split())
        if not name:
            raise ArxivError("empty author name")
        query = f'au:"{name}"'
        return list(self.search_pages(query, max_results=max_results, page_size=page_size))
