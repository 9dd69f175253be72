"""Imported records cleaned of terminal controls before they are stored (every field)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

import orjson

from store.models import Collection, Link, Paper, Section
from store.text import SUSPECT_CHARS, strip_controls

T = TypeVar("T")
# What strip_controls acts on, as it appears in orjson output: C0 controls are escaped there
# (\u00XX, \b, \f, \r), everything else it acts on (DEL, C1, separators, format characters)
# is raw and outside ASCII. One regex over the whole text would test every character against
# a big Unicode class (~25 ns each); instead the escapes are found by a literal-led regex and
# the class is tested only on what is left once every ASCII byte but DEL is deleted.
_SUSPECT_ESCAPE = re.compile(rb"\\(?:u00[01]|[bfr])")
_SUSPECT = re.compile(f"[{SUSPECT_CHARS}]")
_ASCII_BUT_DEL = bytes(range(0x7F))


def _needs_cleaning(records: Sequence[Any]) -> bool:
    """True when any string in records may hold a control or format character."""
    try:
        encoded = orjson.dumps(records)
    except TypeError:
        return True
    if _SUSPECT_ESCAPE.search(encoded) is not None:
        return True
    rest = encoded.translate(None, _ASCII_BUT_DEL)  # whole UTF-8 sequences stay whole
    return bool(rest) and _SUSPECT.search(rest.decode("utf-8")) is not None


def clean_value(value: Any) -> Any:
    """value with every string inside (lists, dicts, nested records) passed through
    strip_controls; other values unchanged."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, Link) and strip_controls(value.url) != value.url:
        return replace(value, label=strip_controls(value.label), url="")  # never a new target
    if is_dataclass(value) and not isinstance(value, type):
        return clean_record(value)
    return value


def clean_record(record: T) -> T:
    """A copy of a model record (Paper, Section, Link, ...) with every string field cleaned."""
    changes = {}
    for f in fields(record):  # type: ignore[arg-type]
        old = getattr(record, f.name)
        new = clean_value(old)
        if new is not old and new != old:
            changes[f.name] = new
    return replace(record, **changes) if changes else record  # type: ignore[type-var]


@dataclass(slots=True)
class CleanResult:
    """An import result whose papers, sections and collections hold no control characters."""

    papers: list[Paper]
    sections: list[Section]
    collections: list[Collection]
    warnings: Sequence[object]


def clean_records(records: Sequence[T]) -> list[T]:
    """Model records with every string field cleaned (a quick scan skips clean ones)."""
    if not _needs_cleaning(records):
        return list(records)
    return [clean_record(r) for r in records]


def clean_result(result: Any) -> CleanResult:
    """The records of an importer's result (anything ImportLike), every field cleaned."""
    return CleanResult(
        papers=clean_records(result.papers),
        sections=clean_records(result.sections),
        collections=clean_records(result.collections),
        warnings=list(result.warnings),
    )
