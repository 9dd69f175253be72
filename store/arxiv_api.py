"""arXiv API client on the one polite HTTP client: spacing, deadline, bounded retry, cancel."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from store.errors import ArxivError
from store.net.http import FetchError, FetchPolicy, HttpClient

DEFAULT_URL = "https://export.arxiv.org/api/query"
ENV_URL = "PAPERDECK_ARXIV_URL"
DEFAULT_DELAY = 3.0  # seconds between requests, as arXiv asks
DEFAULT_DEADLINE = 60.0  # overall seconds per request, retries included
USER_AGENT = "paperdeck/0.1 (terminal paper browser; +https://pypi.org/project/paperdeck/)"
MAX_RESPONSE = 50_000_000
_TOTAL = re.compile(r"<opensearch:totalResults[^>]*>\s*(\d+)\s*<", re.I)
_ENTRY = re.compile(r"<entry[\s>]")
_ID_OK = re.compile(r"^[A-Za-z0-9.\-/]{4,40}$")


class ArxivClient:
    """Fetches arXiv API responses as text; parsing is the Atom importer's job."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        delay: float = DEFAULT_DELAY,
        timeout: float = 20.0,
        deadline: float = DEFAULT_DEADLINE,
        retries: int = 3,
        backoff: float = 1.0,
        page_size: int = 50,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        user_agent: str = USER_AGENT,
        cancel: threading.Event | None = None,
    ) -> None:
        """base_url defaults to $PAPERDECK_ARXIV_URL, then to https://export.arxiv.org.

        retries counts tries in all; cancel.set() (the TUI quitting) aborts a fetch at once.
        """
        self.base_url = base_url or os.environ.get(ENV_URL) or DEFAULT_URL
        if not self.base_url.startswith(("http://", "https://")) or not urlsplit(
            self.base_url
        ).hostname:
            raise ArxivError(f"arXiv API URL must be http(s) with a host: {self.base_url!r}")
        self.delay = delay
        self.retries = max(1, retries)
        self.page_size = max(1, page_size)
        policy = FetchPolicy(
            timeout=timeout,
            deadline=deadline,
            max_bytes=MAX_RESPONSE,
            retries=self.retries - 1,
            backoff=backoff,
            min_interval=delay,
            user_agent=user_agent,
        )
        self.http = HttpClient(policy, clock=clock, sleep=sleep, cancel=cancel)

    @property
    def requests(self) -> int:
        """HTTP requests sent so far (retries and redirects included)."""
        return self.http.requests

    def close(self) -> None:
        """Release connections."""
        self.http.close()

    def get(self, params: dict[str, str]) -> str:
        """GET base_url?params; arXiv's 400 error feeds are returned for the parser to report."""
        try:
            return self.http.get(self.base_url, params=params).text()
        except FetchError as exc:
            response = exc.response
            if response is not None and exc.status == 400 and b"<feed" in response.body:
                return response.text()
            if str(exc) == "cancelled":
                raise ArxivError("arXiv fetch cancelled") from None
            if exc.status is None:
                raise ArxivError(f"cannot reach the arXiv API: {exc}") from None
            raise ArxivError(f"arXiv API: {exc}") from None

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
