"""A copy of a built paper that shares nothing its reader may change (lists, dicts, links)."""

from __future__ import annotations

import copy
from dataclasses import fields

from store.models import Link, Paper

_FIELDS = tuple(f.name for f in fields(Paper))
_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def _item(value: object) -> object:
    """A list item or dict value: itself when immutable, else a copy (a Link the quick way)."""
    kind = type(value)
    if kind in _IMMUTABLE:
        return value
    if kind is Link:
        return Link(value.label, value.url)  # type: ignore[attr-defined]
    return copy.deepcopy(value)


def copied(paper: Paper | None) -> Paper | None:
    """A copy of paper (None stays None) that shares no list, dict or link with it."""
    if paper is None:
        return None
    values: dict[str, object] = {}
    for name in _FIELDS:
        value = getattr(paper, name)
        kind = type(value)
        if kind is list:
            value = [_item(v) for v in value] if value else []
        elif kind is dict:
            value = {k: _item(v) for k, v in value.items()} if value else {}
        elif kind not in _IMMUTABLE:
            value = copy.deepcopy(value)
        values[name] = value
    return Paper(**values)  # type: ignore[arg-type]
