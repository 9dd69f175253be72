"""Import service shared by the CLI and the app: read inputs, pick importers, apply to a store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from importers.base import ImporterError
from tui.importing.applying import ImportReport, apply_sources
from tui.importing.parsing import (
    HTML_FORMAT,
    SITE_FORMAT,
    ParsedSource,
    digest,
    parse_html_docs,
    parse_inputs,
)
from tui.importing.reading import InputDoc, collect_inputs, decode
from tui.inputs import DEFAULT_MAX_SIZE, InputError


def read_and_parse(
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    today: date | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    stdin: Callable[[], bytes] | None = None,
) -> list[ParsedSource]:
    """Collect and parse inputs; raises InputError or ImporterError before anything is stored."""
    docs = collect_inputs(paths, max_size=max_size, stdin=stdin)
    return parse_inputs(docs, fmt=fmt, today=today or date.today())


__all__ = [
    "DEFAULT_MAX_SIZE",
    "HTML_FORMAT",
    "SITE_FORMAT",
    "ImportReport",
    "ImporterError",
    "InputDoc",
    "InputError",
    "ParsedSource",
    "apply_sources",
    "collect_inputs",
    "decode",
    "digest",
    "parse_html_docs",
    "parse_inputs",
    "read_and_parse",
]
