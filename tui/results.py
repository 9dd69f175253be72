"""The table's sort keys and the arrow that says which way a sort runs (no widgets)."""

from __future__ import annotations

ALL = "all"
# "relevance": ranked when a query is typed, nav order when not (the default)
SORT_KEYS = ("relevance", "order", "year", "title", "authors", "venue")
DESCENDING_FIRST = frozenset({"year"})  # these sort high-to-low before the first reverse


def sort_arrow(key: str, reverse: bool) -> str:
    """↓ when values fall down the table (newest year first), ↑ when they rise, "" for none."""
    if key not in SORT_KEYS or key in ("order", "relevance"):
        return ""
    return "↓" if (key in DESCENDING_FIRST) != reverse else "↑"
