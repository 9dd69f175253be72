"""Network access for the store: the one polite HTTP client (and the site crawler)."""

from store.net.http import FetchError, FetchPolicy, HttpClient, Response

__all__ = ["FetchError", "FetchPolicy", "HttpClient", "Response"]
