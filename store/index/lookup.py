"""Lookups the command line needs beyond search pages, answered by an open index."""

from __future__ import annotations

from typing import TYPE_CHECKING

import tantivy

from store.models import Row
from store.records import row_from_raw

if TYPE_CHECKING:
    from store.index.engine import PaperIndex


def id_prefix(index: PaperIndex, prefix: str, limit: int) -> tuple[int, list[Row]]:
    """(how many paper ids start with prefix, rows of the first `limit` of them in library
    order), for listing the candidates of an ambiguous id prefix."""
    pattern = "".join(c if c.isalnum() else "\\" + c for c in prefix) + ".*"
    query = tantivy.Query.regex_query(index.schema, "id", pattern)
    result = index.searcher.search(query, max(limit, 1), count=True, order_by_field="pos",
                                   order=tantivy.Order.Asc)
    hits = [addr for _, addr in result.hits][: max(limit, 0)]
    return int(result.count or 0), [row_from_raw(raw) for raw in index._docs(hits)]


def section_counts(index: PaperIndex, sections: list[str]) -> dict[str, int]:
    """Number of papers in each section id (one exact count per section)."""
    schema, searcher = index.schema, index.searcher
    return {sec: int(searcher.search(tantivy.Query.term_query(schema, "sec", sec), 1,
                                     count=True).count or 0) for sec in sections}
