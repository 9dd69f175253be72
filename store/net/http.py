"""The one polite HTTP client: timeouts, an overall deadline, size cap, retries, spacing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from urllib.parse import urljoin

import httpx

from store.net.policy import FetchPolicy, check_url, host_of, redirect_refusal, same_site
from store.net.response import FetchError, Response, Retry, retry_after, transport_reason

__all__ = ["FetchError", "FetchPolicy", "HttpClient", "Response", "check_url", "same_site"]

MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 120.0  # seconds; a server asking for a longer wait is given up on
_REDIRECTS = {301, 302, 303, 307, 308}
_POLL = 0.05  # seconds between checks of cancel and deadline while a request runs
DEFAULT_POLICY = FetchPolicy()


class HttpClient:
    """GET with timeouts, an overall deadline, a size cap, bounded retries and spacing."""

    def __init__(
        self,
        policy: FetchPolicy = DEFAULT_POLICY,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        cancel: threading.Event | None = None,
    ) -> None:
        """clock/sleep are injectable for tests; cancel.set() aborts a request promptly."""
        self.policy = policy
        self._clock = clock
        self._sleep = sleep
        self._cancel = cancel
        self._last_start: float | None = None
        self.requests = 0
        self._http = httpx.Client(
            follow_redirects=False,
            timeout=policy.timeout,
            headers={"User-Agent": policy.user_agent},
            trust_env=False,
        )

    def close(self) -> None:
        """Release connections."""
        self._http.close()

    def __enter__(self) -> HttpClient:
        """Context manager entry."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on exit."""
        self.close()

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """The response for url (FetchError on refusal, failure, HTTP >= 400, deadline, cancel).

        The exchange runs in a worker thread, so that the deadline (even against a server
        trickling its headers) and a cancel end the call within a fraction of a second.
        """
        check_url(url)
        if params:
            url = str(httpx.URL(url).copy_merge_params(dict(params)))
        cancel = self._cancel or threading.Event()
        self._wait_turn(cancel)
        end = self._clock() + self.policy.deadline
        stop = threading.Event()
        box: dict[str, object] = {}
        done = threading.Event()

        def run() -> None:
            try:
                box["response"] = self._attempts(url, dict(headers or {}), end, stop)
            except BaseException as exc:  # handed to the caller's thread below
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=run, name="paperdeck-http", daemon=True).start()
        while not done.wait(_POLL):
            if cancel.is_set():
                stop.set()
                raise FetchError("cancelled")
            if self._clock() > end:
                stop.set()
                raise FetchError(f"{url}: no complete answer within {self.policy.deadline:g} s")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["response"]  # type: ignore[return-value]

    def _pause(self, seconds: float, stop: threading.Event) -> None:
        """Sleep (waking early on stop when sleeping for real); FetchError once stopped."""
        if seconds > 0:
            if self._sleep is time.sleep:
                stop.wait(seconds)
            else:
                self._sleep(seconds)
        if stop.is_set():
            raise FetchError("cancelled")

    def _wait_turn(self, stop: threading.Event) -> None:
        """Keep min_interval between the starts of two requests."""
        if stop.is_set():
            raise FetchError("cancelled")
        if self._last_start is not None and self.policy.min_interval > 0:
            self._pause(self.policy.min_interval - (self._clock() - self._last_start), stop)
        self._last_start = self._clock()

    def _attempts(
        self, url: str, headers: Mapping[str, str], end: float, stop: threading.Event
    ) -> Response:
        """Attempts with backoff, all within one overall deadline."""
        policy = self.policy
        attempt = 0
        while True:
            try:
                return self._follow(url, headers, end, stop)
            except Retry as exc:
                attempt += 1
                if attempt > policy.retries:
                    tries = f"{attempt} tries" if attempt > 1 else "1 try"
                    raise FetchError(
                        f"{host_of(url)}: {exc} (gave up after {tries})", status=exc.status
                    ) from None
                wait = policy.backoff * 2 ** (attempt - 1) if exc.wait is None else exc.wait
                if exc.wait is not None and exc.wait > MAX_RETRY_AFTER:
                    raise FetchError(
                        f"{host_of(url)}: {exc}; the server asks to wait {exc.wait:.0f} s",
                        status=exc.status,
                    ) from None
                if self._clock() + wait >= end:
                    raise FetchError(
                        f"{host_of(url)}: {exc} (no time left within the "
                        f"{policy.deadline:g} s deadline to retry)",
                        status=exc.status,
                    ) from None
                self._pause(wait, stop)
                self._wait_turn(stop)

    def _follow(
        self, url: str, headers: Mapping[str, str], end: float, stop: threading.Event
    ) -> Response:
        """One attempt: the request and up to MAX_REDIRECTS redirects the policy allows."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._once(current, headers, end, stop)
            if response.status not in _REDIRECTS:
                return self._final(response)
            location = response.headers.get("location", "")
            if not location:
                raise FetchError(f"{current}: redirect without a Location", status=response.status)
            target = urljoin(current, location.strip())
            refusal = redirect_refusal(self.policy, current, target)
            if refusal:
                raise FetchError(f"{current}: {refusal}", status=response.status)
            check_url(target)
            current = target
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _final(self, response: Response) -> Response:
        """The response if it succeeded; Retry for 429/5xx, FetchError for other errors."""
        status = response.status
        if status < 400:
            return response
        reason = httpx.codes.get_reason_phrase(status)
        message = f"HTTP {status} {reason}".strip()
        if status == 429 or status >= 500:
            wait = retry_after(response.headers.get("retry-after"))
            raise Retry(message, status=status, wait=wait)
        raise FetchError(f"{response.url}: {message}", status=status, response=response)

    def _once(
        self, url: str, headers: Mapping[str, str], end: float, stop: threading.Event
    ) -> Response:
        """One network request, read in chunks against the deadline, size cap and cancel."""
        remaining = end - self._clock()
        if remaining <= 0:
            raise FetchError(f"{host_of(url)}: no answer within {self.policy.deadline:g} s")
        if stop.is_set():
            raise FetchError("cancelled")
        timeout = max(0.05, min(self.policy.timeout, remaining))
        self.requests += 1
        try:
            with self._http.stream("GET", url, headers=dict(headers), timeout=timeout) as raw:
                body = b""
                if raw.status_code not in _REDIRECTS:
                    self._check_length(url, raw.headers.get("content-length"))
                    body = b"".join(self._chunks(url, raw.iter_bytes(), end, stop))
                return Response(str(raw.url), raw.status_code, raw.headers, body)
        except httpx.TimeoutException:
            raise Retry("timed out") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            why = transport_reason(exc)
            if why.startswith("cannot resolve") or why == "connection refused":
                raise FetchError(f"{host_of(url)}: {why}") from None
            raise Retry(why) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{host_of(url)}: {transport_reason(exc)}") from None

    def _check_length(self, url: str, value: str | None) -> None:
        """Refuse a declared Content-Length above the cap before reading anything."""
        if value and value.strip().isdigit() and int(value) > self.policy.max_bytes:
            raise FetchError(f"{url}: response larger than {self._cap()}")

    def _cap(self) -> str:
        """The size cap for messages."""
        cap = self.policy.max_bytes
        return f"{cap / 2**20:g} MB" if cap >= 2**20 else f"{cap} bytes"

    def _chunks(
        self, url: str, chunks: Iterator[bytes], end: float, stop: threading.Event
    ) -> Iterator[bytes]:
        """Body chunks, stopping at the deadline, the size cap or a cancel."""
        total = 0
        for chunk in chunks:
            total += len(chunk)
            if total > self.policy.max_bytes:
                raise FetchError(f"{url}: response larger than {self._cap()}")
            if stop.is_set():
                raise FetchError("cancelled")
            if self._clock() > end:
                raise FetchError(
                    f"{url}: not complete within the {self.policy.deadline:g} s deadline"
                )
            yield chunk
