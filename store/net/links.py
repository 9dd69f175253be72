"""Links of a fetched page, for the crawler: same-site targets, nav/menu links first."""

from __future__ import annotations

import codecs
import posixpath
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from store.net.policy import same_site

NOT_PAGES = frozenset({
    ".pdf", ".zip", ".gz", ".tgz", ".tar", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp",
    ".ico", ".css", ".js", ".json", ".xml", ".rss", ".atom", ".bib", ".txt", ".mp4", ".mov",
    ".avi", ".webm", ".mp3", ".ppt", ".pptx", ".doc", ".docx", ".xls", ".xlsx", ".ps", ".eps",
    ".tex", ".py", ".ipynb", ".whl", ".exe", ".dmg", ".woff", ".woff2", ".ttf",
})
_MENU_WORDS = ("nav", "menu", "masthead", "navbar", "header", "sidebar", "toc")


@dataclass(frozen=True, slots=True)
class PageLink:
    """A link to follow: absolute URL without fragment, and whether it sits in a nav/menu."""

    url: str
    in_nav: bool


def page_key(url: str) -> str:
    """One key for the forms a static host serves a page under (/x, /x.html, /x/index.html)."""
    parts = urlsplit(url)
    path = posixpath.normpath("/" + parts.path.lstrip("/")) if parts.path else "/"
    stem, ext = posixpath.splitext(path)
    if ext.lower() in (".html", ".htm"):
        path = stem
    if posixpath.basename(path).lower() == "index":
        path = posixpath.dirname(path)
    path = path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{(parts.hostname or '').lower()}:{parts.port or ''}{path.lower()}{query}"


def toggle_www(url: str) -> str:
    """The same URL on the host with "www." added or removed."""
    parts = urlsplit(url)
    host = parts.netloc
    twin = host[4:] if host.lower().startswith("www.") else f"www.{host}"
    return parts._replace(netloc=twin).geturl()


def www_twin(url: str, base: str) -> str:
    """url moved onto base's host when the two differ only by a leading "www."."""
    a, b = (urlsplit(url).hostname or "").lower(), (urlsplit(base).hostname or "").lower()
    if a != b and a.removeprefix("www.") == b.removeprefix("www.") and a and b:
        return toggle_www(url)
    return url


def declared_charset(body: bytes) -> str | None:
    """The charset a page declares in <meta charset> or <meta http-equiv>, if Python knows it."""
    head = LexborHTMLParser(body[:4096].decode("latin-1"))
    charset: str | None = None
    meta = head.css_first("meta[charset]")
    if meta is not None:
        charset = meta.attributes.get("charset")
    else:
        for node in head.css("meta[http-equiv]"):
            if (node.attributes.get("http-equiv") or "").lower() == "content-type":
                content = node.attributes.get("content") or ""
                charset = content.lower().partition("charset=")[2].strip(" ;\"'") or None
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip()).name
    except LookupError:
        return None


def page_text(body: bytes, header_charset: str | None) -> str:
    """A page's text: the HTTP charset, else the page's own <meta charset>, else UTF-8."""
    charset = header_charset or declared_charset(body) or "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _in_menu(node: LexborNode) -> bool:
    """True when an ancestor is a nav element or a menu/navbar/header by tag, class or role."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in ("nav", "header"):
            return True
        attrs = parent.attributes
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('role') or ''}"
        if any(word in names.lower() for word in _MENU_WORDS):
            return True
        parent = parent.parent
    return False


def is_page_url(url: str) -> bool:
    """False for links to files that are not web pages (PDFs, images, archives…)."""
    ext = posixpath.splitext(urlsplit(url).path)[1].lower()
    return ext not in NOT_PAGES


def page_links(html: str, base: str) -> tuple[list[PageLink], int]:
    """(same-site page links in order, nav links first; count of links left out)."""
    tree = LexborHTMLParser(html)
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = urljoin(base, (base_tag.attributes.get("href") or "").strip())
    nav: list[PageLink] = []
    body: list[PageLink] = []
    seen: set[str] = set()
    left_out = 0
    for anchor in tree.css("a[href]"):
        raw = (anchor.attributes.get("href") or "").strip()
        if not raw or raw.startswith("#"):
            continue
        target, _ = urldefrag(urljoin(base, raw.replace(" ", "%20")))
        scheme = urlsplit(target).scheme.lower()
        target = www_twin(target, base)
        if scheme not in ("http", "https") or not same_site(base, target):
            left_out += 1
            continue
        if not is_page_url(target):
            continue
        key = page_key(target)
        if key in seen:
            continue
        seen.add(key)
        link = PageLink(target, _in_menu(anchor))
        (nav if link.in_nav else body).append(link)
    return nav + body, left_out
