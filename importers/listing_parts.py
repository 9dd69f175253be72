"""Pieces of an arXiv-listing entry: telling comment lines from the abstract, and links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from store.text import clean_inline

_TERMINAL = re.compile(r"[.!?][\"'’”)\]}]*$")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'{}|\\^`]+"
    r"|\b(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|huggingface\.co"
    r"|sourceforge\.net)/[^\s<>\"'{}|\\^`]+",
    re.I,
)
_CODE_HOSTS = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:[\w-]+\.)?(?:github\.com|gitlab\.com|bitbucket\.org"
    r"|codeberg\.org|sourceforge\.net|huggingface\.co/spaces|git\.[\w.-]+|[\w-]+\.github\.io/[\w.-]+/?$)",
    re.I,
)
# Things an arXiv comment line typically says; used only together with the line's shape.
_CUES = re.compile(
    r"https?://|www\.|github|\bcode\b|\d+\s*(?:pages?|figures?|figs?\.?|tables?)\b"
    r"|\b(?:accepted|submitted|to\s+appear|appear(?:s|ed)?\s+in|published|proceedings"
    r"|conference|workshop|journal|camera[- ]ready|version|extended|equal(?:ly)?|revised"
    r"|preprint|oral|spotlight)\b|\b[A-Z]{2,}[A-Za-z]*\s*['’]?(?:19|20)?\d{2}\b",
    re.I,
)
_LATEX = re.compile(
    r"\\(?:textit|textbf|emph|texttt|textrm|textsc|textsf|mathrm|mathbf|mathit|underline|url)"
    r"\{([^{}]*)\}"
)
JOURNAL_REF = re.compile(r"^\s*journal[\s\-_]*ref(?:erence)?\s*:\s*", re.I)
# Words just before a URL that say what it is ("Project page: https://…", "Code: …").
_PROJECT_CUE = re.compile(r"\b(?:project|home\s*page|website|web\s*page|demo|video|data(?:set)?)"
                          r"\b[^.;,]{0,20}$", re.I)
_CODE_CUE = re.compile(r"\b(?:code|implementation|software|repo(?:sitory)?|github)\b[^.;,]{0,30}$",
                       re.I)
LONG_LINE = 200  # a line this long is abstract prose, unless it is shaped like a comment
MAX_COMMENT = 400  # no comment line is longer than this


def strip_latex(text: str) -> str:
    """Unwrap simple LaTeX markup: "\\textit{plug-and-play}" -> "plug-and-play"."""
    return _LATEX.sub(r"\1", text) if "\\" in text else text


def _is_comment(line: str, prev: str, wrap: int | None) -> bool:
    """True when line, after prev, is a comment line rather than more of the abstract."""
    if len(line) >= MAX_COMMENT:
        return False
    cue = bool(_CUES.search(line))
    if not _TERMINAL.search(prev) and not cue:
        return False
    if len(line) >= LONG_LINE and not cue:
        return False
    return not (wrap and len(line) >= 0.75 * wrap and not cue)


def split_body(raw_lines: list[str]) -> tuple[list[str], list[str]]:
    """An entry's lines -> (abstract lines, comment lines), by shape and position.

    The abstract comes first; comments are the trailing run of short lines before the id.
    Blank lines inside the abstract are kept as paragraph breaks.
    """
    lines = [raw.strip() for raw in raw_lines]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        return [], []
    first = lines[0]
    wrap = len(first) if len(first) < 160 and len([x for x in lines if x]) > 2 else None
    cut = len(lines)
    for i in range(len(lines) - 1, 0, -1):
        if not lines[i]:
            continue
        prev = next((x for x in reversed(lines[:i]) if x), "")
        if not _is_comment(lines[i], prev, wrap):
            break
        cut = i
    abstract = lines[:cut]
    while abstract and not abstract[-1]:
        abstract.pop()
    return abstract, [x for x in lines[cut:] if x]


def join_comments(lines: list[str]) -> str:
    """Comment lines as one string: "; " between lines unless a line ends a sentence."""
    out = ""
    for raw in lines:
        line = clean_inline(raw)
        if not line:
            continue
        if out:
            out += " " if out[-1] in ".;:!?" else "; "
        out += line
    return out


# Every _URL match starts with one of these (in any case).
_URL_STARTS = ("http", "www.", "github.com", "gitlab.com", "bitbucket.org", "codeberg.org",
               "huggingface.co", "sourceforge.net")


def url_matches(text: str) -> Iterator[re.Match[str]]:
    """_URL.finditer(text), faster on ASCII text: the regex is tried only where one of
    _URL_STARTS begins (a search would try its alternatives at every character)."""
    if not text.isascii():
        yield from _URL.finditer(text)
        return
    low = text.lower()
    starts = []
    for start in _URL_STARTS:
        at = low.find(start)
        while at >= 0:
            starts.append(at)
            at = low.find(start, at + 1)
    end = 0
    for at in sorted(starts):
        if at >= end:
            match = _URL.match(text, at)
            if match:
                end = match.end()
                yield match


def comment_links(comments: str) -> tuple[list[str], list[str]]:
    """URLs in comments, split into (code URLs, other URLs), each in order without repeats."""
    code: list[str] = []
    other: list[str] = []
    for match in url_matches(comments):
        url = match.group(0).rstrip(".,;:!?)]}'\"")
        if not url.lower().startswith(("http://", "https://")):
            url = "https://" + url
        before = comments[max(0, match.start() - 40) : match.start()]
        if _CODE_CUE.search(before):
            bucket = code
        elif _PROJECT_CUE.search(before):
            bucket = other
        else:
            bucket = code if _CODE_HOSTS.match(url) else other
        if url not in code and url not in other:
            bucket.append(url)
    return code, other
