"""Every paper matching a query, in library order, a bounded chunk at a time (an export of
all of arXiv must not hold 2.5M papers): one search per range of library positions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import tantivy

from store.index.translate import Untranslatable, translate
from store.models import Paper
from store.query import Query, parse_query
from store.records import paper_from_raw

if TYPE_CHECKING:
    from store.index.engine import PaperIndex

CHUNK = 20_000  # papers per chunk (up to twice that), each chunk one pass over the key file


def _last_position(index: PaperIndex) -> int:
    """The highest library position in the index (-1 when it is empty)."""
    hits = index.searcher.search(tantivy.Query.all_query(), 1, count=False,
                                 order_by_field="pos", order=tantivy.Order.Desc).hits
    if not hits:
        return -1
    return int(index.searcher.fast_field_values("pos", [hits[0][1]])[0])


def chunks(index: PaperIndex, query: Query | str, view: str | None, size: int = CHUNK,
           total: int | None = None) -> Iterator[list[Paper]] | None:
    """Chunks (size to 2 x size papers) of the papers matching query in view, in library
    order, read by searches over ranges of positions, each range about size matches wide;
    None when the query cannot be translated (then the caller reads the matches whole);
    total: the number of matches, when the caller counted them already."""
    q = parse_query(query) if isinstance(query, str) else query
    try:
        translated = translate(index.schema, q, index._expand)
    except Untranslatable:
        return None
    last = _last_position(index)
    total = index.count(q, view) if total is None else total
    step = max(size, size * (last + 1) // max(total, 1))

    def search(low: int, high: int) -> list[object]:
        """Addresses of the matches at positions low..high-1, in order (at most size)."""
        span = tantivy.Query.range_query(index.schema, "pos", tantivy.FieldType.Unsigned,
                                         low, high, include_upper=False)
        both = tantivy.Query.boolean_query([(tantivy.Occur.Must, translated),
                                            (tantivy.Occur.Must, span)])
        return [a for _, a in index.searcher.search(
            index._scope(both, view), size, count=False, order_by_field="pos",
            order=tantivy.Order.Asc).hits]

    def walk() -> Iterator[list[Paper]]:
        held: list[object] = []
        low = 0
        while low <= last:
            high = min(low + step, last + 1)
            found = search(low, high)
            if len(found) == size:  # the range may hold more: go on after the last one
                high = int(index.searcher.fast_field_values("pos", [found[-1]])[0]) + 1
            held.extend(found)
            low = high
            if len(held) >= size:
                yield [paper_from_raw(d) for d in index._docs(held)]
                held = []
        if held:
            yield [paper_from_raw(d) for d in index._docs(held)]

    return walk()
