"""What the HTTP client may fetch and how politely: limits, URL checks, the redirect rule."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urlsplit

from store.net.response import FetchError

WEB_SCHEMES = ("http", "https")


def _version() -> str:
    """The installed paperdeck version, or "0" when running from a bare checkout."""
    try:
        return metadata.version("paperdeck")
    except metadata.PackageNotFoundError:
        return "0"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners for every request a client makes.

    Redirects are followed to http(s) on the same host; `redirect_hosts` names the other
    host names (lower case, any port) a redirect may also go to, e.g. a DOI agency's API.
    """

    timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 20 * 2**20
    retries: int = 3  # 429, 5xx, timeouts, dropped connections (not refused or unresolvable)
    backoff: float = 1.0
    min_interval: float = 0.0
    user_agent: str = f"paperdeck/{_version()} (terminal publication browser)"
    redirect_hosts: frozenset[str] = frozenset()


def host_of(url: str) -> str:
    """The host part of a URL for messages."""
    return urlsplit(url).netloc or url


def check_url(url: str) -> None:
    """FetchError unless url is an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise FetchError(f"not a valid URL: {url!r}") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
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


def redirect_refusal(policy: FetchPolicy, current: str, target: str) -> str | None:
    """Why a redirect from current to target is not followed, or None when it may be."""
    try:
        parts = urlsplit(target)
        host = (parts.hostname or "").lower()
    except ValueError:
        return f"refused a redirect to an invalid URL ({target!r})"
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        return f"refused a redirect to a {scheme or 'non-web'}: URL"
    if not same_site(current, target) and host not in policy.redirect_hosts:
        return f"refused a redirect to another host ({host_of(target)})"
    return None
