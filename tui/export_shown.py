"""Exporting the table's papers from the app: read a chunk at a time in the table's own order
and written atomically (no widgets: the export runs in a worker)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from store.models import Annotation, Paper
from tui.paging import SORT_NAMES, Ask

CHUNK = 2000


def shown_chunks(store: Any, ask: Ask, size: int = CHUNK) -> Iterator[list[Paper]]:
    """The papers the table lists for ask (close matches too), with the user's edits, in the
    table's order, at most size at a time."""
    if not ask.query and ask.sort == "relevance" and not ask.reverse:  # library order
        yield from store.overlaid_chunks("", ask.view)
        return
    sort = SORT_NAMES.get(ask.sort, ask.sort)
    offset = 0
    while True:
        page = store.search(ask.query, view=ask.view, sort=sort, reverse=ask.reverse,
                            offset=offset, limit=size)
        ids = [row.id for row in page.rows]
        if not ids:
            return
        found = store.get_many(ids)
        yield [found[i] for i in ids if i in found]
        offset += len(ids)
        if offset >= page.total:
            return


def write_export(path: Path, fmt: str, chunks: Iterator[list[Paper]],
                 annotations: Mapping[str, Annotation], total: int,
                 progress: Callable[[int], None] = lambda n: None) -> int:
    """Write every chunk to path in format fmt (json, markdown, bibtex); the papers written.
    The file appears whole or not at all (store.atomic: temporary file, fsync, replace)."""
    from store.atomic import atomic_write_pieces
    from tui.commands.export_stream import ending_in_newline, pieces

    written = 0

    def counted() -> Iterator[list[Paper]]:
        nonlocal written
        for chunk in chunks:
            written += len(chunk)
            progress(written)
            yield chunk

    text = ending_in_newline(pieces(counted(), fmt, annotations, total))
    atomic_write_pieces(path, (piece.encode("utf-8") for piece in text))
    return written
