"""Caches of what the first screen needs (list-view rows; collections and sections) in JSON
under home/cache/, keyed by a library fingerprint, so a start never parses the library."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Any

import orjson

from store.atomic import atomic_write_bytes, locked
from store.errors import StoreError
from store.fingerprint import library_fingerprint as library_fingerprint
from store.models import Collection, Row, Section
from store.records import gc_paused

ROWS_FORMAT = 3  # 3: has_code means "has a code link" (a bare flag no longer counts)
NAV_FORMAT = 1
# Allowed value types per Row column (id, title, first_author, venue_short, year, category,
# has_code, has_abstract); the sections column is stored as an index into a table of lists.
_COLUMN_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str}),
    frozenset({str}),
    frozenset({str}),
    frozenset({str}),
    frozenset({int, type(None)}),
    frozenset({str}),
    frozenset({bool}),
    frozenset({bool}),
)


def encode_rows(rows: list[Row]) -> dict[str, Any]:
    """Rows as columns, with each distinct sections list stored once."""
    combos: dict[tuple[str, ...], int] = {}
    refs = [combos.setdefault(tuple(r.sections), len(combos)) for r in rows]
    return {
        "columns": [
            [r.id for r in rows],
            [r.title for r in rows],
            [r.first_author for r in rows],
            [r.venue_short for r in rows],
            [r.year for r in rows],
            [r.category for r in rows],
            [r.has_code for r in rows],
            [r.has_abstract for r in rows],
        ],
        "sections": [list(c) for c in combos],
        "section_refs": refs,
    }


def decode_rows(doc: dict[str, Any]) -> list[Row]:
    """Rows from encode_rows() output; ValueError/TypeError/IndexError when malformed."""
    check_rows(doc)
    columns, combos, refs = doc["columns"], doc["sections"], doc["section_refs"]
    sections = [list(combos[k]) for k in refs]
    return list(map(Row, *columns, sections))


def check_rows(doc: dict[str, Any]) -> int:
    """The row count of encode_rows() output; ValueError/TypeError/KeyError when malformed."""
    columns, combos, refs = doc["columns"], doc["sections"], doc["section_refs"]
    if not isinstance(columns, list) or len(columns) != len(_COLUMN_TYPES):
        raise ValueError("bad columns")
    count = len(refs)
    for column, allowed in zip(columns, _COLUMN_TYPES, strict=True):
        if not isinstance(column, list) or len(column) != count:
            raise ValueError("bad column length")
        if not set(map(type, column)) <= allowed:
            raise ValueError("bad column type")
    if not all(isinstance(c, list) and set(map(type, c)) <= {str} for c in combos):
        raise ValueError("bad sections table")
    if not set(map(type, refs)) <= {int} or (refs and (min(refs) < 0 or max(refs) >= len(combos))):
        raise ValueError("bad section refs")
    return count


def _fresh(doc: Any, fingerprint: str, fmt: int = ROWS_FORMAT) -> bool:
    """True when a parsed cache document is in this format and for this library version."""
    return (
        isinstance(doc, dict) and doc.get("format") == fmt and doc.get("fingerprint") == fingerprint
    )


def cache_file(cache_dir: Path, library: Path, kind: str) -> Path:
    """The cache file of one kind ("rows", "nav") for a library path."""
    digest = hashlib.sha1(str(library.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_dir / f"{kind}-{digest}.json"


def _write(path: Path, doc: dict[str, Any]) -> None:
    """Write a cache document atomically; silently skip when it cannot be written."""
    with contextlib.suppress(OSError, StoreError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path, timeout=2.0):
            atomic_write_bytes(path, orjson.dumps(doc))


class RowCache:
    """One cache file per library path; stale or corrupt contents are simply rebuilt."""

    def __init__(self, cache_dir: Path, library: Path) -> None:
        """Cache the rows of library under cache_dir."""
        self.path = cache_file(cache_dir, library, "rows")

    def load(self, fingerprint: str) -> list[Row] | None:
        """The cached rows if the cache matches fingerprint and is well-formed, else None."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None
        try:
            with gc_paused():
                doc = orjson.loads(raw)
                rows = decode_rows(doc) if _fresh(doc, fingerprint) else None
        except (orjson.JSONDecodeError, TypeError, ValueError, KeyError, IndexError):
            return None
        return rows

    def save(self, fingerprint: str, rows: list[Row]) -> None:
        """Write the rows; silently skip when the cache cannot be written."""
        _write(self.path, {"format": ROWS_FORMAT, "fingerprint": fingerprint, **encode_rows(rows)})

    def carry(self, before: str, after: str, changes: list[tuple[Row, int]], total: int) -> bool:
        """Move the cache of version before to version after by replacing or appending rows
        (row, position), column by column without decoding every row; False (nothing
        written) when there is no well-formed cache of before holding total rows."""
        try:
            with gc_paused():
                doc = orjson.loads(self.path.read_bytes())
                if not _fresh(doc, before) or check_rows(doc) != total:
                    return False
        except (OSError, orjson.JSONDecodeError, TypeError, ValueError, KeyError, IndexError):
            return False
        columns, combos, refs = doc["columns"], doc["sections"], doc["section_refs"]
        known = {tuple(c): k for k, c in enumerate(combos)}
        for row, at in sorted(changes, key=lambda x: x[1]):
            values = [row.id, row.title, row.first_author, row.venue_short, row.year,
                      row.category, row.has_code, row.has_abstract]
            ref = known.get(tuple(row.sections))
            if ref is None:
                ref = known[tuple(row.sections)] = len(combos)
                combos.append(list(row.sections))
            if at < len(refs):
                for column, value in zip(columns, values, strict=True):
                    column[at] = value
                refs[at] = ref
            elif at == len(refs):
                for column, value in zip(columns, values, strict=True):
                    column.append(value)
                refs.append(ref)
            else:
                return False
        doc["fingerprint"] = after
        _write(self.path, doc)
        return True


Nav = tuple[list[Collection], list[Section]]


class NavCache:
    """Collections and sections (stored order) of one library path, as a small JSON file."""

    def __init__(self, cache_dir: Path, library: Path) -> None:
        """Cache the navigation records of library under cache_dir."""
        self.path = cache_file(cache_dir, library, "nav")

    def load(self, fingerprint: str) -> Nav | None:
        """The cached collections and sections if fresh and well-formed, else None."""
        try:
            doc = orjson.loads(self.path.read_bytes())
            if not _fresh(doc, fingerprint, NAV_FORMAT):
                return None
            colls, secs = doc["collections"], doc["sections"]
            if not all(isinstance(d, dict) for d in [*colls, *secs]):
                return None
            return [Collection.from_dict(d) for d in colls], [Section.from_dict(d) for d in secs]
        except (OSError, orjson.JSONDecodeError, TypeError, ValueError, KeyError):
            return None

    def save(
        self, fingerprint: str, collections: list[Collection], sections: list[Section]
    ) -> None:
        """Write the navigation records; silently skip when the cache cannot be written."""
        _write(
            self.path,
            {
                "format": NAV_FORMAT,
                "fingerprint": fingerprint,
                "collections": [c.to_dict() for c in collections],
                "sections": [s.to_dict() for s in sections],
            },
        )
