"""Lookups answered by a fresh index alone (`store.index.reader`), without opening the Store.

Each function gives the answer the Store would give, or None when it cannot be sure (a stale
or missing index, marks or edits not yet reindexed, a word that may be a cite key, a paper the
user edited, an unknown or ambiguous reference): then the command asks the Store, which
rebuilds or repairs first and prints its own messages. So only the common case is fast, and
every case stays exact.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.index.engine import ResultPage
    from store.index.reader import IndexReader
    from store.models import Annotation, Paper
    from store.query import Query
    from tui.commands.context import Context


def search_page(ctx: Context, query: Query, *, sort: str, limit: int) -> ResultPage | None:
    """Store.search(query.text, ...) with the user's edits, from a fresh index; or None."""
    from store.cite.keysketch import may_be_key

    reader = ctx.reader
    index = reader.index()
    if index is None:
        return None
    word = query.text.strip()
    if word and len(query.text.split()) == 1 and may_be_key(reader.home, word):
        return None  # (the Store reads a lone word as a cite key first)
    page = index.search(query, sort=sort, limit=limit,
                        annotations=lambda: ctx.store.annotations())
    return None if reader.edited(page.ids) else page


def paper(ctx: Context, ref: str) -> Paper | None:
    """Store.resolve(ref) with the user's layer (cite key), from a fresh index; or None."""
    from store.cite.keyscan import keys_in
    from store.index.reader import resolve_raw
    from store.records import paper_from_raw

    reader = ctx.reader
    index = reader.index()
    ref = ref.strip()
    if index is None or not ref:
        return None
    raw = resolve_raw(index, ref)
    if raw is None:
        return None
    found = paper_from_raw(raw)
    data = reader.keys_bytes()
    keys = None if data is None or reader.edited([found.id]) else keys_in(data, [found.id])
    if keys is None:  # no key yet (the Store assigns it), or an edited paper
        return None
    key = keys[found.id]
    if key and found.extra.get("citekey") != key:
        found.extra = {**found.extra, "citekey": key}
    return found


def annotation(reader: IndexReader, paper_id: str) -> Annotation | None:
    """Store.annotation(paper_id), read from annotations.json: the fresh index showed it to be
    the file it reflects, so one the Store has read and checked; None when unreadable."""
    from store.models import Annotation
    from store.paths import ANNOTATIONS_FILE

    path = reader.home / ANNOTATIONS_FILE
    try:
        data = path.read_bytes() if path.exists() else b""
        payload = json.loads(data).get("annotations", {}) if data.strip() else {}
        record = payload.get(paper_id)
    except (OSError, ValueError, AttributeError):
        return None
    return Annotation.from_dict(record) if isinstance(record, dict) else Annotation()
