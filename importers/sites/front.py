"""Front matter of site pages: YAML between `---` fences or TOML between `+++` fences."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from importers.base import ImporterError
from importers.frontmatter import load_front_matter


class BrokenSource(ImporterError):
    """A source file that is syntactically broken (YAML, TOML, JSON or unclosed fences)."""


_OPEN = re.compile(r"\A\ufeff?[ \t]*(---|\+\+\+)[ \t]*\r?\n")
_MAX_FRONT = 200_000  # characters of front matter read at most


@dataclass(slots=True)
class Front:
    """A page's front matter (keys lower-cased), its body, and the body's first line."""

    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    kind: str = ""  # "yaml", "toml" or "" when there is none


def _plain(value: Any) -> Any:
    """TOML values as the YAML reader gives them: strings, lists and dicts of strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def lower_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Top-level keys lower-cased (`Title:` and `title:` mean the same); first one wins."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        out.setdefault(str(key).strip().lower(), value)
    return out


def split_front(text: str, *, source: str = "") -> Front:
    """Split a page into front matter and body; ImporterError (with line) when it is broken."""
    opened = _OPEN.match(text)
    if not opened:
        return Front(body=text)
    fence = opened.group(1)
    start = opened.end()
    closer = re.compile(rf"^[ \t]*{re.escape(fence)}[ \t]*\r?$" + (r"|^\.\.\.[ \t]*\r?$"
                                                                   if fence == "---" else ""),
                        re.M)
    end = closer.search(text, start, start + _MAX_FRONT)
    if end is None:
        raise BrokenSource(f"front matter opened with {fence!r} is never closed",
                            source=source, line=1)
    raw = text[start:end.start()]
    body_start = text.find("\n", end.end())
    body = text[body_start + 1:] if body_start >= 0 else ""
    body_line = text.count("\n", 0, body_start + 1) + 1 if body_start >= 0 else 1
    if fence == "+++":
        try:
            data = _plain(tomllib.loads(raw))
        except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
            match = re.search(r"line (\d+)", str(exc))
            line = 1 + int(match.group(1)) if match else 2
            raise BrokenSource(f"malformed TOML front matter: {str(exc).split('(')[0].strip()}",
                                source=source, line=line) from None
        kind = "toml"
    else:
        try:
            data = load_front_matter(raw, source=source, first_line=2)
        except ImporterError as exc:
            raise BrokenSource(exc.message, source=exc.source, line=exc.line) from None
        kind = "yaml"
    return Front(data=lower_keys(data), body=body, body_line=body_line, kind=kind)


def strip_bib_front(text: str) -> str:
    """A .bib text without its Jekyll front matter (`---\\n---`), keeping line numbers."""
    opened = _OPEN.match(text)
    if not opened or opened.group(1) != "---":
        return text
    end = re.compile(r"^[ \t]*---[ \t]*\r?$", re.M).search(text, opened.end())
    if end is None:
        return text
    head = text[: end.end()]
    return "\n" * head.count("\n") + text[end.end():]
