"""Turn imported strings into inert rich Text: never markup, never terminal control."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text

from store.text import strip_controls

_INLINE_WS = re.compile(r"[\t\n\r\f\v\u2028\u2029]+")
_URL_BAD = re.compile(r"[\x00-\x20\x7f-\x9f\"<>\\^`{|}]")


def clean(value: object) -> str:
    """Strip terminal controls and fold line breaks and tabs into spaces."""
    text = strip_controls(str(value or ""))
    return _INLINE_WS.sub(" ", text)


def clean_multiline(value: object) -> str:
    """Strip terminal controls but keep newlines (tabs become spaces)."""
    text = strip_controls(str(value or ""))
    return text.replace("\t", " ").replace("\r", "")


def text(value: object, style: str | Style = "") -> Text:
    """An inline Text of value: controls stripped, never parsed as markup."""
    return Text(clean(value), style=style, no_wrap=False, end="")


def block(value: object, style: str | Style = "") -> Text:
    """A multi-line Text of value: controls stripped, never parsed as markup."""
    return Text(clean_multiline(value), style=style, end="")


_URL_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def safe_url(url: object) -> str | None:
    """The URL when it is a plain http(s) URL with a host and no control, format (bidi,
    zero-width) or space character anywhere, else None."""
    raw = str(url or "").strip()
    if not raw or _URL_BAD.search(raw):
        return None
    if not raw.isascii() and any(
        unicodedata.category(ch) in _URL_BAD_CATEGORIES for ch in raw
    ):
        return None
    scheme, sep, rest = raw.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest:
        return None
    try:
        host = urlsplit(raw).hostname
    except ValueError:
        return None
    return raw if host else None
