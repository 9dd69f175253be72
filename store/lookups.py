"""Lookups of many stored papers by id without parsing the library (a fresh index answers)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from store.models import Paper
from store.records import paper_from_raw

if TYPE_CHECKING:
    from store.repository import Store


def imported_many(store: Store, ids: Iterable[str]) -> dict[str, Paper]:
    """The stored papers among ids, as imported (without the user's edits): from the index's
    stored papers when it reflects the library, else from the library itself."""
    wanted = [str(i) for i in ids]
    if not wanted:
        return {}
    if store.library_path.exists():
        index = store.search_index.current()
        if index is not None:
            return {pid: paper_from_raw(raw) for pid, raw in index.raws(wanted).items()}
    lib = store._lib()
    by_id = lib.by_id()
    return {pid: lib.paper(by_id[pid]) for pid in wanted if pid in by_id}
