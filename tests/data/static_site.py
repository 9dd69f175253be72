"""A small lab site served the way a plain static host serves it, for crawl tests."""

from __future__ import annotations

from tests.data.local_http import Route

OFF_SITE = "https://elsewhere.example/publications"


def entry(title: str, authors: str, venue: str, url: str) -> str:
    """One publication in a lab theme's markup: bold title, emphasised authors, venue, links."""
    return (
        f"<li><strong>{title}</strong><br>\n<em>{authors}</em><br>\n"
        f"<span class=\"venue\">{venue}</span><br>\n"
        f"<a href=\"{url}\">Paper</a> | <a href=\"https://github.com/lab/code\">Code</a></li>\n"
    )


def page(title: str, entries: list[str], extra: str = "") -> str:
    """A full page: a site nav bar, a heading, the entries."""
    nav = (
        '<nav class="site-nav"><ul>'
        '<li><a href="/">Home</a></li>'
        '<li><a href="/publications">Publications</a></li>'
        '<li><a href="/topics/vision/">Vision</a></li>'
        '<li><a href="/old-pubs">Archive</a></li>'
        '<li><a href="/missing">Missing</a></li>'
        '<li><a href="/slow.html">Slow</a></li>'
        '<li><a href="/private/list.html">Private</a></li>'
        '<li><a href="/big.html">Big</a></li>'
        f'<li><a href="{OFF_SITE}">Elsewhere</a></li>'
        '<li><a href="javascript:void(0)">Menu</a></li>'
        "</ul></nav>"
    )
    body = "".join(entries)
    return (f"<!doctype html><html><head><title>{title}</title></head><body>{nav}"
            f"<main><h1>{title}</h1><ul class=\"pubs\">{body}</ul>{extra}</main></body></html>")


def site_routes() -> dict[str, Route]:
    """Routes of the site; nothing answers /publications (only publications.html)."""
    home = page("Vision Lab", [], '<p>Welcome. See <a href="topics/vision/index.html">vision'
                "</a>.</p>")
    pubs = page("Publications", [
        entry("Seeing Through Fog with Event Cameras", "Ada Lovelace, Alan Turing",
              "Conference on Computer Vision and Pattern Recognition (CVPR), 2024",
              "https://arxiv.org/abs/2401.00001"),
        entry("Sparse Radiance Fields", "Grace Hopper, Edsger Dijkstra",
              "European Conference on Computer Vision (ECCV), 2022",
              "https://doi.org/10.1000/ecc.2022.1"),
    ])
    vision = page("Vision", [
        entry("Depth from Defocus Revisited", "Barbara Liskov, Donald Knuth",
              "International Conference on Computer Vision (ICCV), 2023",
              "https://example.org/defocus.pdf"),
        entry("Learning to See in the Dark Again", "Ada Lovelace, Tony Hoare",
              "IEEE Transactions on Pattern Analysis and Machine Intelligence (T-PAMI), 2021",
              "https://example.org/dark.pdf"),
    ])
    archive = page("Archive 2019", [
        entry("Old Optical Flow", "Alan Turing, Grace Hopper", "NeurIPS 2019",
              "https://example.org/flow.pdf"),
        entry("Older Stereo Matching", "Donald Knuth, Barbara Liskov",
              "Conference on Computer Vision and Pattern Recognition (CVPR), 2019",
              "https://example.org/stereo.pdf"),
    ])
    private = page("Private", [
        entry("Secret Draft One", "Ada Lovelace, Alan Turing", "Workshop on Secrets, 2024",
              "https://example.org/s1.pdf"),
        entry("Secret Draft Two", "Ada Lovelace, Alan Turing", "Workshop on Secrets, 2024",
              "https://example.org/s2.pdf"),
    ])
    big = page("Big", [entry("Huge Page Paper", "A B, C D", "CVPR 2020", "https://x.org/h")],
               "<p>" + "padding " * 40_000 + "</p>")
    return {
        "/": Route(home),
        "/index.html": Route(home),
        "/robots.txt": Route("User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/publications.html": Route(pubs),
        "/topics/vision/": Route(vision),
        "/topics/vision/index.html": Route(vision),
        "/old-pubs": Route(status=301, headers={"Location": "/archive/2019.html"}),
        "/archive/2019.html": Route(archive),
        "/slow.html": Route(stall=True),
        "/private/list.html": Route(private),
        "/big.html": Route(big),
        "/logo.png": Route(b"\x89PNG", content_type="image/png"),
    }
