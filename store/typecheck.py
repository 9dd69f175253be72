"""Type checks of stored records (library tables, annotations) before anything builds models.

A file written by something else may be valid JSON yet hold `badges: 5` or `links: "x"`; that
is refused with one line naming the file, the record and the field, never a crash later. The
checks run column by column in C-level loops, so a 100k-paper library costs milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from store.errors import StoreError

_MISSING = object()
_M = type(_MISSING)
STR = frozenset({str, _M})
ID = frozenset({str, int, float, _M})  # version-0 ids may be numbers (made strings on load)
BOOL = frozenset({bool, _M})
INT = frozenset({int, _M})
OPT_INT = frozenset({int, type(None), _M})
LIST = frozenset({list, _M})
DICT = frozenset({dict, _M})

# field -> (allowed types, element rule): "str" list/dict of strings, or a nested record spec.
Spec = Mapping[str, tuple[frozenset[type], Any]]
LINK: Spec = {"label": (STR, None), "url": (STR, None)}
SECTION_REF: Spec = {"collection": (STR, None), "section": (STR, None), "label": (STR, None)}
PROVENANCE: Spec = {
    "source": (STR, None),
    "importer": (STR, None),
    "locator": (STR, None),
    "line": (OPT_INT, None),
}
REQUIRED = {
    id(LINK): ("label", "url"),
    id(SECTION_REF): ("collection", "section", "label"),
    id(PROVENANCE): ("source", "importer"),
}
PAPER: Spec = {
    **{k: (STR, None) for k in ("date", "venue", "venue_short", "category", "abstract")},
    **{k: (STR, None) for k in ("comments",)},
    **{k: (ID, None) for k in ("id", "title", "arxiv_id", "doi")},
    **{k: (LIST, "str") for k in ("authors", "author_notes", "badges", "keywords")},
    **{k: (DICT, "str") for k in ("author_marks", "extra")},
    **{k: (BOOL, None) for k in ("authors_truncated", "has_code", "placeholder")},
    "year": (OPT_INT, None),
    "links": (LIST, LINK),
    "sections": (LIST, SECTION_REF),
    "provenance": (LIST, PROVENANCE),
}
SECTION: Spec = {
    **{k: (STR, None) for k in ("id", "collection", "label", "heading", "permalink", "page")},
    "order": (INT, None),
    "imported": (BOOL, None),
}
COLLECTION: Spec = {
    **{k: (STR, None) for k in ("id", "kind", "title", "source")},
    "meta": (DICT, "str"),
    "order": (INT, None),
}
SOURCE: Spec = {
    **{k: (STR, None) for k in ("id", "importer", "path", "digest", "imported_at")},
    "papers": (INT, None),
}
ANNOTATION: Spec = {
    "read": (BOOL, None),
    "starred": (BOOL, None),
    "tags": (LIST, "str"),
    "note": (STR, None),
    "last_opened": (STR, None),
}
TABLES: dict[str, tuple[Spec, tuple[str, ...]]] = {
    "papers": (PAPER, ()),
    "sections": (SECTION, ("id", "collection", "label")),
    "collections": (COLLECTION, ("id", "kind", "title")),
    "sources": (SOURCE, ("importer",)),
}
_NAMES = {str: "a string", int: "a number", bool: "true/false", list: "a list", dict: "an object",
          type(None): "null", float: "a number"}


def _kind(value: Any) -> str:
    """A JSON type name of value for messages."""
    return _NAMES.get(type(value), type(value).__name__)


def _expected(allowed: frozenset[type], rule: Any) -> str:
    """What a field should hold, for messages."""
    if list in allowed:
        return "a list of strings" if rule == "str" else "a list of objects"
    if dict in allowed:
        return "an object of strings"
    return " or ".join(sorted(_NAMES[t] for t in allowed if t is not _M))


def _values(records: list[dict[str, Any]], key: str, everywhere: bool) -> Iterable[Any]:
    """The values of one key over the records that have it."""
    if everywhere:
        return map(itemgetter(key), records)
    return (r[key] for r in records if key in r)


def _fine(records: list[dict[str, Any]], spec: Spec, required: Iterable[str] = ()) -> bool:
    """True when every record fits spec: one pass collects each distinct (keys, value types)
    signature (records written by one program share a handful), then list fields are checked
    element-wise in C-level loops. No error details: _first_fault finds those."""
    if not set(map(type, records)) <= {dict}:
        return False
    kinds_of = map(tuple, map(map, repeat(type), map(dict.values, records)))
    signatures = set(zip(map(tuple, records), kinds_of, strict=True))
    everywhere: set[str] | None = None
    for keys, kinds in signatures:
        for key, kind in zip(keys, kinds, strict=True):
            rule = spec.get(key)
            if rule is not None and kind not in rule[0]:
                return False
        everywhere = set(keys) if everywhere is None else everywhere & set(keys)
    everywhere = everywhere or set()
    if not all(key in everywhere for key in required):
        return False
    for key, (allowed, rule) in spec.items():
        if rule is None:
            continue
        values = _values(records, key, key in everywhere)
        if dict in allowed:
            inner = chain.from_iterable(map(dict.values, values))
        else:
            inner = chain.from_iterable(values)
        if rule == "str":
            if not set(map(type, inner)) <= {str}:
                return False
        elif not _fine(list(inner), rule, REQUIRED.get(id(rule), ())):
            return False
    return True


def _first_fault(rec: Any, spec: Spec, required: Iterable[str] = ()) -> str | None:
    """What is wrong with one record (field and types), or None."""
    if not isinstance(rec, dict):
        return f"is {_kind(rec)}, not an object"
    for key in required:
        if key not in rec:
            return f"field {key!r} is missing"
    for key, (allowed, rule) in spec.items():
        value = rec.get(key, _MISSING)
        if value is _MISSING:
            continue
        if type(value) not in allowed:
            return f"field {key!r} is {_kind(value)}, expected {_expected(allowed, rule)}"
        if rule is None:
            continue
        items = list(value.values()) if isinstance(value, dict) else value
        for n, item in enumerate(items, 1):
            if rule == "str":
                if not isinstance(item, str):
                    return f"field {key!r} holds {_kind(item)}, expected {_expected(allowed, rule)}"
                continue
            fault = _first_fault(item, rule, REQUIRED.get(id(rule), ()))
            if fault:
                return f"field {key!r} item {n}: {fault}"
    return None


def check_records(
    records: list[dict[str, Any]],
    spec: Spec,
    path: Path,
    what: str,
    keys: list[str] | None = None,
    required: tuple[str, ...] = (),
) -> None:
    """StoreError naming file, record and field when any record does not fit spec."""
    if _fine(records, spec, required):
        return
    for n, rec in enumerate(records):
        fault = _first_fault(rec, spec, required)
        if fault:
            name = keys[n] if keys else str(n + 1)
            ident = rec.get("id") if isinstance(rec, dict) else None
            label = f"{what} record {name}" + (f" (id {ident!r})" if isinstance(ident, str) else "")
            raise StoreError(
                f"{path}: {label}: {fault}; the file was left untouched: fix the record or "
                "restore a backup",
                path=path,
            )


def check_tables(data: Mapping[str, Mapping[str, Any]], path: Path) -> None:
    """Type-check every known table of a parsed library document."""
    for table, (spec, required) in TABLES.items():
        docs = data.get(table)
        if docs:
            check_records(list(docs.values()), spec, path, table, list(docs), required)


def check_annotations(payload: Mapping[str, Any], path: Path) -> None:
    """Type-check the per-paper records of an annotations file."""
    keys = list(payload)
    check_records(list(payload.values()), ANNOTATION, path, "annotation", keys)
