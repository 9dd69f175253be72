"""Inline Markdown/HTML helpers for lab-site pages: links, tags, entities, attributes."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from store.text import clean_inline

# Kramdown attribute lists: {:target="_blank"}, {: style="..."}, {:.class}.
_ATTRS = re.compile(r"\{:[^{}\n]*\}")
# Liquid output and tags: {{ site.baseurl }}, {% include x %}.
_LIQUID = re.compile(r"\{\{[^{}\n]*\}\}|\{%[^{}\n]*%\}")
_TAG = re.compile(r"<[^<>\n]*>")
_INLINE_TAG = re.compile(
    r"</?(?:b|i|em|strong|span|a|sup|sub|u|s|code|font|small|mark|highlighted|pub)\b[^<>\n]*>",
    re.I,
)
_SUP = re.compile(r"<sup[^<>]*>([^<>]*)</sup>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
# Markdown link [label](url "title"); at most one level of parentheses inside the url.
_MD_LINK = re.compile(
    r"\[(?P<label>[^\[\]\n]*|\[[^\[\]\n]*\])\]"
    r"\(\s*<?(?P<url>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)?)>?"
    r"(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)"
)
_HTML_LINK = re.compile(
    r"<a\s[^<>]*?href\s*=\s*[\"']?(?P<url>[^\"'\s<>]*)[\"']?[^<>]*>"
    r"(?P<label>[^<\n]*(?:<(?!/a)[^<>\n]*>[^<\n]*){0,3})</a\s*>",
    re.I,
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])")
_NAV_MARKS = "▶▼▲►◀◄▸▾▴▹▿▵"
_CURRENT_MARKS = "▼▲▾▴▿▵"
_HIGHLIGHT = re.compile(r"<highlighted[^<>]*>(?P<text>[^\n]{0,500}?)</highlighted\s*>", re.I)


@dataclass(slots=True)
class RawLink:
    """A link found in a line: label and url as written (not yet cleaned)."""

    label: str
    url: str
    start: int
    end: int


def strip_attrs(text: str) -> str:
    """Remove kramdown attribute lists and Liquid markup."""
    if "{" not in text:
        return text
    return _LIQUID.sub("", _ATTRS.sub("", text))


def strip_tags(text: str) -> str:
    """Remove HTML tags, keeping <sup> content (author markers) and the text between tags."""
    if "<" not in text:
        return text
    return _TAG.sub(" ", _INLINE_TAG.sub("", _SUP.sub(r"\1", text)))


def unescape_md(text: str) -> str:
    """Undo Markdown backslash escapes (\\_ \\* \\[ ...)."""
    return _MD_ESCAPE.sub(r"\1", text) if "\\" in text else text


def strip_emphasis(text: str) -> str:
    """Remove ** / __ strong-emphasis markers, keeping their content (linear time)."""
    if "**" in text:
        text = text.replace("**", "")
    if "__" in text:
        text = text.replace("__", "")
    return text


def plain(text: str) -> str:
    """Markup-free single-line text: tags, attributes, escapes and entities resolved."""
    text = strip_tags(strip_attrs(text))
    text = unescape_md(strip_emphasis(text))
    return clean_inline(html.unescape(text) if "&" in text else text)


def find_links(text: str) -> list[RawLink]:
    """Markdown and HTML links in text, in order of appearance."""
    found: list[RawLink] = []
    if "](" in text:
        for m in _MD_LINK.finditer(text):
            label = m.group("label")
            if label[:1] == "[":  # [[PDF]](url)
                label = label[1:-1]
            found.append(RawLink(label, m.group("url"), m.start(), m.end()))
    if "<a" in text or "<A" in text:
        for m in _HTML_LINK.finditer(text):
            found.append(RawLink(m.group("label"), m.group("url"), m.start(), m.end()))
        found.sort(key=lambda link: link.start)
    return found


def remove_spans(text: str, links: list[RawLink]) -> str:
    """text with the given link spans cut out."""
    if not links:
        return text
    parts: list[str] = []
    pos = 0
    for link in links:
        if link.start < pos:
            continue
        parts.append(text[pos : link.start])
        pos = link.end
    parts.append(text[pos:])
    return " ".join(parts)


def highlights(text: str) -> list[str]:
    """The texts of <highlighted>…</highlighted> spans."""
    if "ighlighted" not in text and "IGHLIGHTED" not in text:
        return []
    return [t for t in (plain(m.group("text")) for m in _HIGHLIGHT.finditer(text)) if t]


def remove_highlights(text: str) -> str:
    """text without its <highlighted> spans."""
    if "ighlighted" not in text and "IGHLIGHTED" not in text:
        return text
    return _HIGHLIGHT.sub(" ", text)


def split_br(line: str) -> list[str]:
    """A line cut at its <br> tags (entries are often written on one line with <br>)."""
    if "<br" not in line and "<BR" not in line:
        return [line]
    return _BR.split(line)


def nav_marker(label: str) -> tuple[str, bool]:
    """(label without ▶/▼ markers, whether it was marked as the current page)."""
    if label.isascii():  # every marker is outside ASCII
        return label, False
    current = any(c in label for c in _CURRENT_MARKS)
    cleaned = "".join(c for c in label if c not in _NAV_MARKS)
    return cleaned, current


def has_nav_marker(label: str) -> bool:
    """True when a link label carries a ▶/▼/▲ navigation marker."""
    return not label.isascii() and any(c in label for c in _NAV_MARKS)


def clean_url(url: str) -> str:
    """A link target without Liquid markup, angle brackets or stray spaces."""
    url = _LIQUID.sub("", url)
    return clean_inline(html.unescape(url) if "&" in url else url).strip("<>")


def is_site_path(url: str) -> bool:
    """True for a site-relative target (no scheme, no mailto, not a bare fragment)."""
    if not url or url.startswith("#") or "://" in url or url.startswith("//"):
        return False
    return not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", url)


def normalize_permalink(url: str, base: str = "/") -> str:
    """"/manipulation/2024-New.html" -> "/manipulation/2024-New"; relative urls resolve on base."""
    url = clean_url(url).split("#", 1)[0].split("?", 1)[0]
    if not url.startswith("/"):
        directory = base if base.endswith("/") else posixpath.dirname(base) or "/"
        url = posixpath.join(directory, url)
    url = posixpath.normpath(url) if url else "/"
    if url.startswith("//"):
        url = "/" + url.lstrip("/")
    for suffix in (".html", ".htm", ".md", ".markdown"):
        if url.lower().endswith(suffix):
            url = url[: -len(suffix)]
            break
    if url.endswith("/index"):
        url = url[: -len("index")]
    url = url.rstrip("/")
    return url or "/"


def permalink_segments(permalink: str) -> list[str]:
    """The non-empty path segments of a normalised permalink."""
    return [s for s in permalink.split("/") if s]


_FILE_EXT = re.compile(r"\.([A-Za-z0-9]{1,5})$")


def looks_like_page(url: str) -> bool:
    """True for a site-relative target that names a page (not a .zip/.pdf/... file)."""
    if not is_site_path(url):
        return False
    path = clean_url(url).split("#", 1)[0].split("?", 1)[0].rstrip("/")
    ext = _FILE_EXT.search(path.rsplit("/", 1)[-1])
    return ext is None or ext.group(1).lower() in ("html", "htm", "md", "markdown")
