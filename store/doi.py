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
# Where doi.org sends content negotiation: each registration agency's own CSL-JSON
# service, on another host, which the client follows only because the policy names it.
AGENCY_HOSTS = frozenset({
    "api.crossref.org", "data.crossref.org", "api.datacite.org", "data.datacite.org",
})


def normalize_doi(text: str) -> str:
    """A DOI from `doi:10.…`, `https://doi.org/10.…` or `10.…`; StoreError when it is none."""
    doi = _PREFIX.sub("", text.strip())
    if not _DOI.match(doi):
        raise StoreError(f"{text!r} is not a DOI (expected 10.<prefix>/<suffix>)")
    return doi


def base_url() -> str:
    """The resolver: $PAPERDECK_DOI_URL, else https://doi.org."""
    return (os.environ.get(DOI_URL_ENV, "").strip() or DEFAULT_DOI_URL).rstrip("/")


def policy(mailto: str = "", agencies: frozenset[str] = AGENCY_HOSTS) -> FetchPolicy:
    """Polite DOI lookups: 5 requests a second, short timeouts, mailto in the User-Agent.

    The mailto puts the user in Crossref's "polite pool"; redirects may go to the agencies.
    """
    agent = FetchPolicy().user_agent
    if mailto and re.fullmatch(r"[^\s@()]+@[^\s@()]+", mailto):
        agent = agent.rstrip(")") + f"; mailto:{mailto})"
    return FetchPolicy(timeout=10.0, deadline=30.0, max_bytes=2 * 2**20, retries=3,
                       backoff=1.0, min_interval=0.2, user_agent=agent,
                       redirect_hosts=frozenset(host.lower() for host in agencies))


@dataclass(frozen=True, slots=True)
class DoiRecord:
    """What a resolver said about one DOI: the CSL-JSON text."""

    doi: str
    url: str
    text: str


def fetch_csl(doi: str, client: HttpClient, base: str | None = None) -> DoiRecord:
    """The CSL-JSON of a DOI (StoreError with one line: not found, refused, too slow…).

    The resolver's redirect to a registration agency is followed when the client's policy
    allows that host (`policy()` does for AGENCY_HOSTS); any other host is refused.
    """
    doi = normalize_doi(doi)
    url = f"{base or base_url()}/{quote(doi, safe='/:;()')}"
    try:
        response = client.get(url, headers={"Accept": CSL_ACCEPT})
    except FetchError as exc:
        raise _explain(doi, exc) from None
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
