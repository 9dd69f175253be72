"""Lookups of many stored papers by id without parsing the library (a fresh index answers)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from store.library import arxiv_key, doi_key
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


def resolve(store: Store, ref: str) -> Paper | None:
    """A paper as imported by id, arXiv id (any prefix or version), DOI, cite key or a unique
    id prefix: through a fresh index when there is one, else by parsing the library."""
    if not ref:
        return None
    found = store.search_index.resolve(ref)
    if found is not None and found[0] is not None:
        return found[0]
    key_id = store.overlay.keys.paper_id(ref)  # keys are given at import, so all are known
    if key_id:
        return store.imported(key_id)
    if found is not None:  # the fresh index knows no such id, arXiv id or DOI
        return None
    return resolve_in_library(store, ref)


def resolve_in_library(store: Store, ref: str) -> Paper | None:
    """A paper (as imported) by id, arXiv id, DOI, unique id prefix or cite key, found by
    parsing the library (when no fresh index can answer)."""
    lib = store._lib()
    pos = lib.by_id().get(ref)
    alt = lib.by_alt()
    if pos is None:
        pos = alt.get("arxiv:" + arxiv_key(ref))
    if pos is None:
        pos = alt.get("doi:" + doi_key(ref))
    if pos is None and len(ref) >= 3:
        hits = [i for pid, i in lib.by_id().items() if pid.startswith(ref)]
        pos = hits[0] if len(hits) == 1 else None
    if pos is None:
        pos = lib.by_id().get(store.overlay.paper_id(ref, lib.by_id(), lib.papers))
    return None if pos is None else lib.paper(pos)
