"""The one polite HTTP client: timeouts, an overall deadline, size cap, retries, spacing."""

from __future__ import annotations

import codecs
import email.utils
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from urllib.parse import urljoin, urlsplit

import httpx

from store.errors import StoreError

MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 120.0  # seconds; a server asking for a longer wait is given up on
_REDIRECTS = {301, 302, 303, 307, 308}
_POLL = 0.05  # seconds between checks of cancel and deadline while a request runs


def _version() -> str:
    """The installed paperdeck version, or "0" when running from a bare checkout."""
    try:
        return metadata.version("paperdeck")
    except metadata.PackageNotFoundError:
        return "0"


class FetchError(StoreError):
    """A request failed; the message is one user-facing line, .status the HTTP status if any."""

    def __init__(
        self, message: str, *, status: int | None = None, response: Response | None = None
    ) -> None:
        """A one-line message; the final HTTP status and the (capped) error response, if any."""
        super().__init__(message)
        self.status = status
        self.response = response


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners for every request a client makes."""

    timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 20 * 2**20
    retries: int = 3  # 429, 5xx, timeouts, dropped connections (not refused or unresolvable)
    backoff: float = 1.0
    min_interval: float = 0.0
    user_agent: str = f"paperdeck/{_version()} (terminal publication browser)"


@dataclass(frozen=True)
class Response:
    """A complete, size-capped response (after redirects); headers are case-insensitive."""

    url: str
    status: int
    headers: Mapping[str, str] = field(repr=False)
    body: bytes = field(repr=False)

    def charset(self) -> str:
        """The Content-Type charset when Python knows it, else utf-8."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset":
                try:
                    return codecs.lookup(value.strip().strip("\"'")).name
                except LookupError:
                    break
        return "utf-8"

    def text(self) -> str:
        """The body decoded (BOM, then Content-Type charset, then utf-8), bad bytes replaced."""
        if self.body.startswith(codecs.BOM_UTF8):
            return self.body[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
        return self.body.decode(self.charset(), errors="replace")


class _Retry(Exception):
    """A failure worth another try; `wait` is the server's Retry-After, if it gave one."""

    def __init__(self, message: str, *, status: int | None = None, wait: float | None = None):
        """Remember why, the status and the requested wait."""
        super().__init__(message)
        self.status = status
        self.wait = wait


def _host(url: str) -> str:
    """The host part of a URL for messages."""
    return urlsplit(url).netloc or url


def check_url(url: str) -> None:
    """FetchError unless url is an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise FetchError(f"not a valid URL: {url!r}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http(s) URLs are fetched, not {url!r}")
    if not host or any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise FetchError(f"not a valid URL: {url!r}")


def _port(scheme: str, port: int | None) -> int:
    """The effective port of a URL."""
    return port if port is not None else (443 if scheme == "https" else 80)


def same_site(old: str, new: str) -> bool:
    """True when new is on old's host (same port, or the http->https upgrade of it)."""
    a, b = urlsplit(old), urlsplit(new)
    if (a.hostname or "").lower() != (b.hostname or "").lower():
        return False
    pa, pb = _port(a.scheme, a.port), _port(b.scheme, b.port)
    return pa == pb or (a.scheme, pa, b.scheme, pb) == ("http", 80, "https", 443)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), if parseable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(exc: BaseException) -> str:
    """A short human reason for an httpx transport error."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return "cannot resolve the host name (offline?)"
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        seen = seen.__cause__ or seen.__context__
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return "connection refused" if "refused" in text.lower() else text


class HttpClient:
    """GET with timeouts, an overall deadline, a size cap, bounded retries and spacing."""

    def __init__(
        self,
        policy: FetchPolicy = FetchPolicy(),
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
            except _Retry as exc:
                attempt += 1
                if attempt > policy.retries:
                    tries = f"{attempt} tries" if attempt > 1 else "1 try"
                    raise FetchError(
                        f"{_host(url)}: {exc} (gave up after {tries})", status=exc.status
                    ) from None
                wait = policy.backoff * 2 ** (attempt - 1) if exc.wait is None else exc.wait
                if exc.wait is not None and exc.wait > MAX_RETRY_AFTER:
                    raise FetchError(
                        f"{_host(url)}: {exc}; the server asks to wait {exc.wait:.0f} s",
                        status=exc.status,
                    ) from None
                if self._clock() + wait >= end:
                    raise FetchError(
                        f"{_host(url)}: {exc} (no time left within the "
                        f"{policy.deadline:g} s deadline to retry)",
                        status=exc.status,
                    ) from None
                self._pause(wait, stop)
                self._wait_turn(stop)

    def _follow(
        self, url: str, headers: Mapping[str, str], end: float, stop: threading.Event
    ) -> Response:
        """One attempt: the request and up to MAX_REDIRECTS same-host http(s) redirects."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._once(current, headers, end, stop)
            if response.status not in _REDIRECTS:
                return self._final(response)
            location = response.headers.get("location", "")
            if not location:
                raise FetchError(f"{current}: redirect without a Location", status=response.status)
            target = urljoin(current, location.strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(
                    f"{current}: refused a redirect to a {scheme or 'non-web'}: URL",
                    status=response.status,
                )
            if not same_site(current, target):
                raise FetchError(
                    f"{current}: refused a redirect to another host ({_host(target)})",
                    status=response.status,
                )
            check_url(target)
            current = target
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _final(self, response: Response) -> Response:
        """The response if it succeeded; _Retry for 429/5xx, FetchError for other errors."""
        status = response.status
        if status < 400:
            return response
        reason = httpx.codes.get_reason_phrase(status)
        message = f"HTTP {status} {reason}".strip()
        if status == 429 or status >= 500:
            wait = _retry_after(response.headers.get("retry-after"))
            raise _Retry(message, status=status, wait=wait)
        raise FetchError(f"{response.url}: {message}", status=status, response=response)

    def _once(
        self, url: str, headers: Mapping[str, str], end: float, stop: threading.Event
    ) -> Response:
        """One network request, read in chunks against the deadline, size cap and cancel."""
        remaining = end - self._clock()
        if remaining <= 0:
            raise FetchError(f"{_host(url)}: no answer within {self.policy.deadline:g} s")
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
            raise _Retry("timed out") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            reason = _reason(exc)
            if reason.startswith("cannot resolve") or reason == "connection refused":
                raise FetchError(f"{_host(url)}: {reason}") from None
            raise _Retry(reason) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{_host(url)}: {_reason(exc)}") from None

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
