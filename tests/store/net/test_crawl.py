"""The crawler against a static site on 127.0.0.1: nav first, limits, robots, failures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.net.crawl import Crawler, CrawlLimits, CrawlResult
from store.net.http import FetchPolicy, HttpClient
from store.net.links import page_key, page_links, page_text, toggle_www
from tests.data.local_http import LocalServer, Route, local_server
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
    spaced, _ = page_links('<a href="my papers.html">P</a>', "http://h.test/")
    assert spaced[0].url == "http://h.test/my%20papers.html"


def test_static_host_spellings_share_one_key() -> None:
    """/x, /x.html, /x/ and /x/index.html are one page."""
    keys = {page_key(f"http://h.test{p}") for p in ("/x", "/x.html", "/x/", "/x/index.html")}
    assert len(keys) == 1


def test_www_twin_links_stay_on_the_site() -> None:
    """Links to the www./bare twin of the host are moved onto the crawled host."""
    links, left_out = page_links('<a href="https://www.lab.test/pubs">P</a>'
                                 '<a href="https://other.test/x">X</a>', "https://lab.test/")
    assert [link.url for link in links] == ["https://lab.test/pubs"] and left_out == 1
    assert toggle_www("https://www.lab.test/a?b=1") == "https://lab.test/a?b=1"


def test_page_charset_comes_from_http_then_meta() -> None:
    """GBK pages that say so in a <meta> decode right; the HTTP header wins when present."""
    body = '<html><head><meta charset="gbk"></head><body>视觉</body></html>'.encode("gbk")
    assert "视觉" in page_text(body, None)
    legacy = ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
              "<p>图像</p>").encode("gb2312")
    assert "图像" in page_text(legacy, None)
    assert "视觉" in page_text("视觉".encode(), "utf-8")
    assert page_text(b"<meta charset='no-such'>x", None).endswith("x")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["http://h.test/", "https://h.test/a/b.html"]))
def test_page_links_never_raise(html: str, base: str) -> None:
    """Any text: a list of same-site http(s) links, nothing else."""
    links, _ = page_links(html, base)
    assert all(link.url.startswith(("http://h.test", "https://h.test")) for link in links)


def test_robots_crawl_delay_is_honoured(site: LocalServer) -> None:
    """Crawl-delay: 5 in robots.txt beats a 1 s delay: requests are 5 s apart."""
    site.routes["/robots.txt"] = Route("User-agent: *\nCrawl-delay: 5\n",
                                       content_type="text/plain")
    fake = FakeTime()
    policy = FetchPolicy(timeout=0.3, deadline=2.0, max_bytes=100_000, retries=0,
                         min_interval=1.0)
    with HttpClient(policy, clock=fake.clock, sleep=fake.sleep) as client:
        Crawler(client, CrawlLimits(max_pages=3, max_depth=1)).crawl(site.url("/"))
    assert fake.sleeps and all(s == 5.0 for s in fake.sleeps)
