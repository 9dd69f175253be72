"""DOI metadata through content negotiation (CSL-JSON), on the shared polite HTTP client."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote

from store.errors import StoreError
from store.net.http import FetchError, FetchPolicy, HttpClient

DOI_URL_ENV = "PAPERDECK_DOI_URL"
DEFAULT_DOI_URL = "https://doi.org"
MAILTO_SETTING = "mailto"
MAILTO_ENV = "PAPERDECK_MAILTO"
CSL_ACCEPT = "application/vnd.citationstyles.csl+json"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_OTHER_HOST = re.compile(r"redirect to another host \(([^)\s]+)\)")
# Where doi.org sends content negotiation (another host, which the shared client will not
# follow by itself): each registration agency's documented CSL-JSON endpoint.
AGENCY_URLS = {
    "api.crossref.org": "https://api.crossref.org/v1/works/{doi}/transform",
    "data.crossref.org": "https://api.crossref.org/v1/works/{doi}/transform",
    "api.datacite.org": "https://data.datacite.org/application/vnd.citationstyles.csl+json/{doi}",
    "data.datacite.org": "https://data.datacite.org/application/vnd.citationstyles.csl+json/{doi}",
}


def normalize_doi(text: str) -> str:
    """A DOI from `doi:10.…`, `https://doi.org/10.…` or `10.…`; StoreError when it is none."""
    doi = _PREFIX.sub("", text.strip())
    if not _DOI.match(doi):
        raise StoreError(f"{text!r} is not a DOI (expected 10.<prefix>/<suffix>)")
    return doi


def base_url() -> str:
    """The resolver: $PAPERDECK_DOI_URL, else https://doi.org."""
    return (os.environ.get(DOI_URL_ENV, "").strip() or DEFAULT_DOI_URL).rstrip("/")


def policy(mailto: str = "") -> FetchPolicy:
    """Polite limits for DOI lookups: at most 5 requests a second, short timeouts, and the
    user's address in the User-Agent (Crossref's "polite pool")."""
    agent = FetchPolicy().user_agent
    if mailto and re.fullmatch(r"[^\s@()]+@[^\s@()]+", mailto):
        agent = agent.rstrip(")") + f"; mailto:{mailto})"
    return FetchPolicy(timeout=10.0, deadline=30.0, max_bytes=2 * 2**20, retries=3,
                       backoff=1.0, min_interval=0.2, user_agent=agent)


@dataclass(frozen=True, slots=True)
class DoiRecord:
    """What a resolver said about one DOI: the CSL-JSON text."""

    doi: str
    url: str
    text: str


def fetch_csl(doi: str, client: HttpClient, base: str | None = None) -> DoiRecord:
    """The CSL-JSON of a DOI (StoreError with one line: not found, refused, too slow…)."""
    doi = normalize_doi(doi)
    url = f"{base or base_url()}/{quote(doi, safe='/:;()')}"
    headers = {"Accept": CSL_ACCEPT}
    try:
        response = client.get(url, headers=headers)
    except FetchError as exc:
        host = _OTHER_HOST.search(str(exc))
        agency = AGENCY_URLS.get(host.group(1).lower()) if host else None
        if agency is None:
            raise _explain(doi, exc) from None
        url = agency.format(doi=quote(doi, safe="/:;()"))
        try:
            response = client.get(url, headers=headers)
        except FetchError as again:
            raise _explain(doi, again) from None
    if "json" not in response.headers.get("content-type", "json").lower():
        raise StoreError(f"DOI {doi}: {response.url} answered with "
                         f"{response.headers.get('content-type')}, not CSL-JSON")
    return DoiRecord(doi, response.url, response.text())


def _explain(doi: str, exc: FetchError) -> StoreError:
    """A FetchError about a DOI as one line the user can act on."""
    if exc.status == 404:
        return StoreError(f"DOI {doi}: not found (no such DOI at the resolver)")
    if exc.status == 406:
        return StoreError(f"DOI {doi}: the resolver has no CSL-JSON for it")
    return StoreError(f"DOI {doi}: {exc}")
