"""A complete HTTP answer and the reading of failures: retryable or not, and why."""

from __future__ import annotations

import codecs
import email.utils
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from store.errors import StoreError


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


class FetchError(StoreError):
    """A request failed; the message is one user-facing line, .status the HTTP status if any."""

    def __init__(
        self, message: str, *, status: int | None = None, response: Response | None = None
    ) -> None:
        """A one-line message; the final HTTP status and the (capped) error response, if any."""
        super().__init__(message)
        self.status = status
        self.response = response


class Retry(Exception):
    """A failure worth another try; `wait` is the server's Retry-After, if it gave one."""

    def __init__(self, message: str, *, status: int | None = None, wait: float | None = None):
        """Remember why, the status and the requested wait."""
        super().__init__(message)
        self.status = status
        self.wait = wait


def retry_after(value: str | None) -> float | None:
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


def transport_reason(exc: BaseException) -> str:
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
