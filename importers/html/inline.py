"""A fast reading of the Markdown lines the HTML list reader writes (escaped text, `**bold**`,
`*italic*`, `[text](href)`): the inline tokens markdown-it would give, or None.

The list reader turns each entry into one line of Markdown and reads it back with markdown-it,
which costs most of a large page's time. This module reads the same line in one pass when it
only holds what markdown-it reads in one obvious way: backslash escapes, emphasis runs of one
or two stars that open and close by CommonMark's flanking rules in plain nesting, and inline
links with a plain destination. Anything else (entities, `<`, backticks, underscores, images,
line breaks, runs that do not pair up) gives None, and the caller asks markdown-it. The tokens
equal markdown-it's for every line they are given for (a property test checks this).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace, unescapeAll
from markdown_it.token import Token

from importers.sites.markdown import parser

# Characters markdown-it gives a meaning this reader does not follow (unescaped).
_UNSURE = re.compile(r"[\n\r\x00]|<(?!\s|$)|!\[|&(?:#|[A-Za-z][A-Za-z0-9]{1,31};)")
_SPECIAL = frozenset("\\*[]_`")
_NEXT_SPECIAL = re.compile(r"[\\*\[\]_`]")
# markdown-it's escapable characters (rules_inline/escape.py)
_ESCAPED = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# A destination normalizeLink returns unchanged (checked by a property test): an http(s) URL
# with a plain host name, or a path without a scheme; then plain query and fragment.
_PART = r"(?:[A-Za-z0-9\-._~!$&'*+,;=:@/?]|%[0-9A-Fa-f]{2})*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_HREF = re.compile(rf"(?:https?://{_LABEL}(?:\.{_LABEL})*(?:/{_PART})?"
                         rf"|(?![A-Za-z0-9.+-]*:)(?!//){_PART})(?:#{_PART})?")
_LABEL_STOP = re.compile(r"[\[\]`\\]")
_HREF_STOP = re.compile(r"[()\\\s\x00-\x1f\x7f]")
_HOST = re.compile(r"https?://([^/#]*)")
_MAX_HOST = 255  # mdurl drops a longer host name


def plain_href(target: str) -> bool:
    """Whether normalizeLink would return target unchanged (a plain destination)."""
    if not _PLAIN_HREF.fullmatch(target):
        return False
    host = _HOST.match(target)
    return host is None or len(host.group(1)) <= _MAX_HOST


class _Tok:
    """The part of a markdown-it Token the entry reader looks at (type, content, href)."""

    __slots__ = ("content", "href", "type")

    def __init__(self, type_: str, content: str = "", href: str = "") -> None:
        """A token of type_ with content (text) or href (link_open)."""
        self.type = type_
        self.content = content
        self.href = href

    def attrGet(self, name: str) -> str | None:  # noqa: N802 - markdown-it's name
        """The href of a link_open token, like Token.attrGet."""
        return self.href if name == "href" and self.type == "link_open" else None


# Tokens without content, shared (nothing changes a token once made)
_PAIRS = {2: (_Tok("strong_open"), _Tok("strong_close")), 1: (_Tok("em_open"), _Tok("em_close"))}
_PLACEHOLDER = _Tok("text")
_LINK_CLOSE = _Tok("link_close")


class _Unsure(Exception):
    """The line holds something this reader does not follow."""


@lru_cache(maxsize=4096)
def _kind(char: str) -> tuple[bool, bool]:
    """(white space, punctuation) of char, as markdown-it's scanDelims tells them."""
    return isWhiteSpace(ord(char)), isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _flanking(src: str, start: int, end: int, limit: int) -> tuple[bool, bool]:
    """(can open, can close) of the star run src[start:end], as markdown-it's scanDelims."""
    last_space, last_punct = _kind(src[start - 1] if start > 0 else " ")
    next_space, next_punct = _kind(src[end] if end < limit else " ")
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    return left, right


def _scope(src: str, pos: int, limit: int, out: list[_Tok], top: bool) -> None:
    """Append the tokens of src[pos:limit] (one delimiter scope) to out."""
    text: list[str] = []
    openers: list[tuple[int, int]] = []  # (run length, index in out of its placeholder)

    def flush() -> None:
        """Move pending text into a text token."""
        if text:
            out.append(_Tok("text", "".join(text)))
            text.clear()

    while pos < limit:
        char = src[pos]
        if char not in _SPECIAL:
            found = _NEXT_SPECIAL.search(src, pos, limit)
            stop = found.start() if found else limit
            text.append(src[pos:stop])
            pos = stop
        elif char == "\\":
            if pos + 1 >= limit:
                text.append("\\")
                pos += 1
            else:
                follower = src[pos + 1]
                text.append(follower if follower in _ESCAPED else "\\" + follower)
                pos += 2
        elif char == "*":
            end = pos
            while end < limit and src[end] == "*":
                end += 1
            length = end - pos
            can_open, can_close = _flanking(src, pos, end, limit)
            if length > 2 or not (can_open or can_close):
                raise _Unsure
            flush()
            if can_close and openers and openers[-1][0] == length:
                _, index = openers.pop()
                out[index], closer = _PAIRS[length]
                out.append(closer)
            elif can_open and not can_close:
                openers.append((length, len(out)))
                out.append(_PLACEHOLDER)  # replaced when its closer comes
            else:
                raise _Unsure
            pos = end
        elif char == "[" and top:
            flush()
            pos = _link(src, pos, out)
        else:
            raise _Unsure  # a bracket outside an inline link, a link in a link, _ or `
    if openers:
        raise _Unsure
    flush()


@lru_cache(maxsize=4096)
def _href(target: str) -> str | None:
    """The href markdown-it gives a link's destination, or None when it refuses it (cached)."""
    if not target:
        return ""
    if "&" in target:
        target = unescapeAll(target)
    href = target if plain_href(target) else parser().normalizeLink(target)
    return href if parser().validateLink(href) else None


def _link(src: str, pos: int, out: list[_Tok]) -> int:
    """Append the tokens of the inline link at src[pos] ("["); the position after it."""
    end = pos + 1
    while True:  # to the closing bracket, over escapes; another bracket or a backtick: unsure
        found = _LABEL_STOP.search(src, end)
        if found is None:
            raise _Unsure
        end = found.start()
        char = src[end]
        if char == "\\":
            end += 2
        elif char == "]":
            break
        else:
            raise _Unsure
    if src[end + 1 : end + 2] != "(":
        raise _Unsure
    start = end + 2
    stop = _HREF_STOP.search(src, start)
    if stop is None or src[stop.start()] != ")" or src.startswith("<", start):
        raise _Unsure
    href = _href(src[start : stop.start()])
    if href is None:
        raise _Unsure
    out.append(_Tok("link_open", href=href))
    _scope(src, pos + 1, end, out, top=False)
    out.append(_LINK_CLOSE)
    return stop.start() + 1


def fast_inline(src: str) -> list[Token] | None:
    """markdown-it's inline tokens for src (text, strong/em, links; empty text tokens left out
    and adjacent text joined), or None when src holds what this reader does not follow."""
    if _UNSURE.search(src):
        return None
    out: list[_Tok] = []
    try:
        _scope(src, 0, len(src), out, top=True)
    except _Unsure:
        return None
    return cast(list[Token], [tok for tok in out if tok.type != "text" or tok.content])


def inline_tokens(src: str) -> list[Token]:
    """The inline tokens of one Markdown line: fast_inline, else markdown-it's parseInline."""
    fast = fast_inline(src)
    if fast is not None:
        return fast
    tokens = parser().parseInline(src)
    return tokens[0].children if tokens and tokens[0].children else []
