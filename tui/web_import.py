"""`paperdeck import URL`: crawl a site (store.net), read its pages (importers.html), report."""

from __future__ import annotations

import argparse
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from importers.base import ImportResult
from importers.html import parse_pages, read
from store.models import Paper, paper_key
from store.net.crawl import (
    DEFAULT_DELAY,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_PAGES,
    Crawler,
    CrawlLimits,
)
from store.net.http import FetchError, FetchPolicy, HttpClient
from store.text import clean_inline, normalize_title
from tui.commands.context import CommandError
from tui.importing import HTML_FORMAT, ImportReport, ParsedSource, apply_sources, digest
from tui.inputs import cap_result

if TYPE_CHECKING:
    from store.repository import Store

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


class UrlError(CommandError):
    """A URL that cannot be imported at all (bad scheme, nothing fetched): one line."""


@dataclass(slots=True)
class UrlImport:
    """What importing one URL produced: the parsed source and lines for the user."""

    parsed: ParsedSource | None
    failures: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)


def is_url(arg: str) -> bool:
    """True for anything written as scheme://… (only http(s) are then accepted)."""
    return bool(_SCHEME.match(arg.strip()))


def add_url_arguments(parser: argparse.ArgumentParser) -> None:
    """Crawl options of `paperdeck import URL`."""
    parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, metavar="N",
                        help=f"pages fetched per URL at most (default {DEFAULT_MAX_PAGES})")
    parser.add_argument("--max-depth", type=int, default=DEFAULT_MAX_DEPTH, metavar="N",
                        help=f"links followed from the start page (default {DEFAULT_MAX_DEPTH})")
    parser.add_argument("--delay", type=float, default=DEFAULT_DELAY, metavar="SECONDS",
                        help=f"pause between requests to a site (default {DEFAULT_DELAY:g} s)")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="give up on a silent server after this long (default 10 s)")


def policy_for(delay: float, timeout: float = 10.0, max_bytes: int = 20 * 2**20) -> FetchPolicy:
    """The fetch policy of a site crawl: timeouts, a deadline, a size cap, spaced by delay."""
    timeout = max(0.05, timeout)
    return FetchPolicy(timeout=timeout, deadline=max(3 * timeout, timeout + 1.0),
                       max_bytes=max_bytes, retries=2, min_interval=max(0.0, delay))


def import_url(
    url: str,
    *,
    limits: CrawlLimits | None = None,
    policy: FetchPolicy | None = None,
    progress: Callable[[str], None] = lambda line: None,
    cancel: threading.Event | None = None,
    known: list[Paper] | None = None,
) -> UrlImport:
    """Crawl url and read every page fetched; UrlError when nothing could be fetched."""
    url = url.strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise UrlError(f"{clean_inline(url)}: only http:// and https:// addresses are imported")
    client = HttpClient(policy or policy_for(1.0), cancel=cancel)
    crawler = Crawler(client, limits or CrawlLimits(), progress=lambda s: progress(clean_inline(s)))
    try:
        crawl = crawler.crawl(url)
    except FetchError as exc:
        raise UrlError(clean_inline(str(exc))) from None
    finally:
        client.close()
    failures = [clean_inline(line) for line in crawl.failures]
    if crawl.document is not None and not crawl.pages:
        return UrlImport(_document(crawl.document.final_url, crawl.document.text), failures)
    if not crawl.pages:
        raise UrlError(f"{clean_inline(url)}: nothing imported, no page could be fetched")
    pages = [read(p.text, source=p.final_url, url=p.final_url) for p in crawl.pages]
    result: ImportResult = cap_result(parse_pages(pages, site=True, quiet=True))
    progress(f"{clean_inline(url)}: {len(crawl.pages)} pages read · {len(failures)} failed · "
             f"{len(result.papers)} papers · {crawl.off_site} links to other sites not followed")
    joined = digest("\0".join(p.text for p in crawl.pages))
    parsed = ParsedSource(url, HTML_FORMAT, joined, result)
    return UrlImport(parsed, failures, vanished_titles(url, known or [], result.papers))


def _document(url: str, text: str) -> ParsedSource:
    """A fetched non-HTML document (a .bib file, an Atom feed…) read by its own importer."""
    from datetime import date

    from importers import registry
    from importers.base import ImporterError

    name = urlsplit(url).path.rsplit("/", 1)[-1]
    try:
        importer = registry.detect(text, name)
        result = importer.parse(text, source=url, today=date.today())
    except ImporterError as exc:
        raise UrlError(f"{clean_inline(url)}: {clean_inline(exc.message)}") from None
    return ParsedSource(url, importer.name, digest(text), result)


def vanished_titles(url: str, known: list[Paper], found: list[Paper]) -> list[str]:
    """Titles of papers imported earlier from this site that its pages no longer list."""
    host = (urlsplit(url).hostname or "").lower()
    keys = {paper_key(p) for p in found} | {"t:" + normalize_title(p.title) for p in found}
    gone: list[str] = []
    for paper in known:
        from_site = any(
            prov.importer == HTML_FORMAT and (urlsplit(prov.source).hostname or "") == host
            for prov in paper.provenance
        )
        if from_site and paper_key(paper) not in keys and (
            "t:" + normalize_title(paper.title) not in keys
        ):
            gone.append(paper.display_title)
    return gone


def site_papers(store: Store, urls: list[str]) -> list[Paper]:
    """The papers of the collections earlier imports of these URLs' sites made (a re-crawl
    reports the ones the site no longer lists), read through the index by collection."""
    hosts = {(urlsplit(url).hostname or "").lower() for url in urls} - {""}
    found: dict[str, Paper] = {}
    for coll in store.collections():
        if (urlsplit(coll.source).hostname or "").lower() in hosts:
            found.update((p.id, p) for p in store.each_paper(view=f"c:{coll.id}"))
    return list(found.values())


def fetch_urls(args: argparse.Namespace, urls: list[str], known: list[Paper],
               say: Callable[[str], None]) -> list[ParsedSource]:
    """The CLI's part: import each URL, printing progress, failures and vanished papers."""
    limits = CrawlLimits(max_pages=max(1, args.max_pages), max_depth=max(0, args.max_depth))
    parsed: list[ParsedSource] = []
    for url in urls:
        policy = policy_for(args.delay, args.timeout, args.max_size)
        done = import_url(url, limits=limits, policy=policy, progress=say, known=known)
        for title in done.vanished:
            say(f"no longer on {clean_inline(url)} (kept, with your marks): {clean_inline(title)}")
        if done.parsed is not None:
            parsed.append(done.parsed)
    return parsed


def import_url_into(
    store: Store,
    url: str,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[str], None] = lambda line: None,
    limits: CrawlLimits | None = None,
    delay: float = DEFAULT_DELAY,
    timeout: float = 10.0,
) -> tuple[ImportReport, list[str]]:
    """For the app's import worker: crawl url into store (cancel: the worker's cancelled_event).

    Returns the import report and lines for the user (vanished papers). Raises UrlError.
    """
    done = import_url(url, limits=limits, policy=policy_for(delay, timeout), progress=progress,
                      cancel=cancel, known=site_papers(store, [url]))
    sources = [done.parsed] if done.parsed is not None else []
    report = apply_sources(store, sources)
    lines = [f"no longer on {clean_inline(url)} (kept): {clean_inline(t)}" for t in done.vanished]
    return report, lines
