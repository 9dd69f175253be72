"""The crawler against a static site on 127.0.0.1: nav first, limits, robots, failures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store.net.crawl import Crawler, CrawlLimits, CrawlResult
from store.net.http import FetchPolicy, HttpClient
from store.net.links import page_key, page_links
from tests.data.local_http import LocalServer, local_server
from tests.data.static_site import site_routes
from tests.store.net.test_http import FakeTime

POLICY = FetchPolicy(timeout=0.3, deadline=2.0, max_bytes=100_000, retries=0)


@pytest.fixture
def site() -> Iterator[LocalServer]:
    """The static site."""
    with local_server(site_routes()) as server:
        yield server


def crawl(site: LocalServer, limits: CrawlLimits | None = None) -> tuple[CrawlResult, list[str]]:
    """Crawl the site root; (result, progress lines)."""
    lines: list[str] = []
    with HttpClient(POLICY) as client:
        crawler = Crawler(client, limits or CrawlLimits(), progress=lines.append)
        result = crawler.crawl(site.url("/"))
    return result, lines


def test_crawl_follows_nav_stays_on_host_and_reports_each_failure(site: LocalServer) -> None:
    """Extension-less, folder and redirected pages are read; 404, stall and size cap fail."""
    result, lines = crawl(site)
    fetched = {page_key(p.final_url).split("/", 1)[-1] for p in result.pages}
    assert {"", "publications", "topics/vision", "archive/2019"} <= fetched
    assert all("/private/" not in hit.path for hit in site.hits)
    assert any("robots.txt" in s and "/private/list.html" in s for s in result.skipped)
    assert len(result.failures) == 3
    by_path = {line.split()[0].rstrip(":").split(str(site.port))[-1]: line
               for line in result.failures}
    assert "404" in by_path["/missing"]
    assert "timed out" in by_path["/slow.html"] or "2 s" in by_path["/slow.html"]
    assert "larger than" in by_path["/big.html"]
    assert all("\n" not in line for line in result.failures)
    assert result.off_site >= 1
    assert sum(1 for line in lines if line.startswith("[")) == len(result.pages)
    assert all(hit.path != "/logo.png" for hit in site.hits)


def test_extensionless_link_falls_back_to_html_and_index(site: LocalServer) -> None:
    """/publications is 404; /publications.html is tried next and read."""
    crawl(site)
    paths = site.paths()
    assert "/publications" in paths and "/publications.html" in paths
    assert paths.index("/publications") < paths.index("/publications.html")


def test_nav_links_are_fetched_before_content_links(site: LocalServer) -> None:
    """The home page's body link to vision comes after every nav link."""
    crawl(site)
    pages = [p for p in site.paths() if p not in ("/robots.txt",)]
    assert pages.index("/publications.html") < pages.index("/archive/2019.html")


def test_page_limit(site: LocalServer) -> None:
    """max_pages 2: two pages, and a line saying the rest was not fetched."""
    result, _ = crawl(site, CrawlLimits(max_pages=2))
    assert len(result.pages) == 2
    assert any("page limit of 2" in s for s in result.skipped)


def test_depth_limit(site: LocalServer) -> None:
    """max_depth 0: the start page only."""
    result, _ = crawl(site, CrawlLimits(max_depth=0))
    assert [p.depth for p in result.pages] == [0]
    assert [h.path for h in site.hits] == ["/robots.txt", "/"]


def test_delay_spaces_requests_on_the_injected_clock(site: LocalServer) -> None:
    """min_interval 1 s between requests: every request after the first waits 1 s."""
    fake = FakeTime()
    policy = FetchPolicy(timeout=0.3, deadline=2.0, max_bytes=100_000, retries=0,
                         min_interval=1.0)
    with HttpClient(policy, clock=fake.clock, sleep=fake.sleep) as client:
        Crawler(client, CrawlLimits(max_pages=3, max_depth=1)).crawl(site.url("/"))
    assert len(fake.sleeps) == len(site.hits) - 1
    assert all(s == 1.0 for s in fake.sleeps)


def test_links_resolve_relative_root_relative_and_absolute() -> None:
    """All three spellings of a same-host link count; others and javascript: do not."""
    html = ('<nav><a href="b.html">B</a></nav><a href="/c/">C</a>'
            '<a href="http://h.test/d">D</a><a href="https://other.test/e">E</a>'
            '<a href="javascript:x()">J</a><a href="mailto:a@b">M</a><a href="#top">T</a>'
            '<a href="/paper.pdf">pdf</a>')
    links, left_out = page_links(html, "http://h.test/a/index.html")
    assert [link.url for link in links] == [
        "http://h.test/a/b.html", "http://h.test/c/", "http://h.test/d"]
    assert links[0].in_nav and not links[1].in_nav
    assert left_out == 3


def test_static_host_spellings_share_one_key() -> None:
    """/x, /x.html, /x/ and /x/index.html are one page."""
    keys = {page_key(f"http://h.test{p}") for p in ("/x", "/x.html", "/x/", "/x/index.html")}
    assert len(keys) == 1
