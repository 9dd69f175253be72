"""Exporting the table's papers from the app: read a chunk at a time in the table's own order
and written to a temporary file that replaces the target only when complete (no widgets: the
export runs in a worker)."""

from __future__ import annotations

import os
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
        for chunk in store.matching_chunks("", ask.view):
            if chunk:
                yield store.overlaid(chunk)
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
    The file appears whole or not at all (temporary file, fsync, os.replace)."""
    from tui.commands.export_stream import pieces, write_all

    written = 0

    def counted() -> Iterator[list[Paper]]:
        nonlocal written
        for chunk in chunks:
            written += len(chunk)
            progress(written)
            yield chunk

    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(temp, "w", encoding="utf-8") as out:
            write_all(pieces(counted(), fmt, annotations, total), out.write)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return written
