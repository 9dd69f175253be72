"""The OAI-PMH harvester: ListRecords requests for arXiv's sets through the one HTTP client."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Protocol
from urllib.parse import urlsplit

from store.net.http import FetchError, FetchPolicy

DEFAULT_OAI_URL = "https://oaipmh.arxiv.org/oai"
ENV_OAI_URL = "PAPERDECK_OAI_URL"
ENV_INTERVAL = "PAPERDECK_OAI_INTERVAL"  # honoured only for a server on this machine (tests)
MIN_INTERVAL = 3.0  # seconds between two requests, as arXiv asks
METADATA_PREFIX = "arXiv"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class ResponseLike(Protocol):
    """What the harvester needs from a store.net.http.Response."""

    status: int

    def text(self) -> str:
        """The decoded body."""
        ...


class ClientLike(Protocol):
    """What the harvester needs from store.net.http.HttpClient."""

    def get(
        self, url: str, *, params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ResponseLike:
        """One polite GET."""
        ...


def oai_url(value: str | None = None) -> str:
    """The OAI-PMH base URL: value, else $PAPERDECK_OAI_URL, else arXiv's own endpoint."""
    url = (value or os.environ.get(ENV_OAI_URL) or DEFAULT_OAI_URL).strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"OAI-PMH URL must be http(s): {url!r}")
    return url


def min_interval(url: str) -> float:
    """Seconds between requests: 3 s, lowered by $PAPERDECK_OAI_INTERVAL only for a local host."""
    raw = os.environ.get(ENV_INTERVAL, "").strip()
    if raw and (urlsplit(url).hostname or "") in LOCAL_HOSTS:
        try:
            return max(0.0, float(raw))
        except ValueError:
            return MIN_INTERVAL
    return MIN_INTERVAL


def oai_policy(url: str) -> FetchPolicy:
    """Manners for arXiv's OAI-PMH: one request at a time, 3 s apart, patient with big pages."""
    return FetchPolicy(
        timeout=30.0, deadline=300.0, max_bytes=60 * 2**20, retries=4,
        backoff=3.0, min_interval=min_interval(url),
    )


class OaiHarvester:
    """ListRecords pages of one repository; parsing is the importer's job."""

    def __init__(self, client: ClientLike, base_url: str | None = None) -> None:
        """Harvest base_url (default: oai_url()) through client."""
        self.client = client
        self.base_url = oai_url(base_url)
        self.requests = 0

    def list_records(self, *, set_spec: str, from_date: str = "", token: str = "") -> str:
        """One ListRecords page: resumed by token, else the set's records from from_date on."""
        params = {"verb": "ListRecords"}
        if token:
            params["resumptionToken"] = token
        else:
            params["metadataPrefix"] = METADATA_PREFIX
            params["set"] = set_spec
            if from_date:
                params["from"] = from_date
        self.requests += 1
        return self.client.get(self.base_url, params=params).text()
