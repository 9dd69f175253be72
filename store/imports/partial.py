"""Imports into a big split library that read and write only the parts they can touch.

The search index names the existing papers a merge could match (same id, arXiv id, DOI,
normalised title or abstract blocking key: store.merge's own keys, see store.index.twins);
only those papers (as the index stores them) are merged with store.merge as usual, and only
the parts whose papers changed are read and written (store.parts). Whenever a precondition fails (no
split library, no fresh index, a small library, a merge that reshapes the list) it returns
None and the caller takes the whole-library path, which gives the same result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.atomic import locked
from store.imports import ImportLike, source_record, upsert
from store.index.twins import find_twins
from store.library import _source
from store.merge.keys import forget_keys
from store.models import Collection, ImportSummary, Section
from store.parts import PartedStorage
from store.paths import backups_dir
from store.records import paper_from_raw, paper_to_raw, row_from_raw
from store.schema import backup_file, table_records

if TYPE_CHECKING:
    from store.repository import Store

PARTIAL_MIN = 5_000  # below this many papers reading the whole library is cheap enough
# Carry the whole-library rows cache over (about 0.3-0.6 s at 100k papers)? No reader needs it
# any more (the TUI and the CLI page through the index; rows() is only their no-index
# fallback, which rebuilds the cache when it is stale), so an import leaves it stale.
CARRY_ROWS_CACHE = False
# Bulk importers stream whole archives batch by batch: carrying a rows cache of the whole
# library over each batch would make the import quadratic, so theirs is dropped instead.
BULK_IMPORTERS = frozenset({"arxiv-snapshot"})


def import_partial(store: Store, result: ImportLike, *, source: str, importer: str,
                   digest: str) -> ImportSummary | None:
    """apply_import for a big split library, or None when the whole path must run."""
    try:
        return _import_partial(store, result, source=source, importer=importer, digest=digest)
    finally:
        forget_keys()  # the merge key memos hold this import's texts


def _import_partial(store: Store, result: ImportLike, *, source: str, importer: str,
                    digest: str) -> ImportSummary | None:
    """import_partial, the memos aside."""
    from store.merge import merge_papers

    storage = store._storage
    if not isinstance(storage, PartedStorage):
        return None
    with locked(store.library_path):
        storage.invalidate()
        manifest = storage.manifest()
        if manifest is None:
            return None
        entries = table_records(manifest, "parts")
        total = sum(int(e.get("count", 0)) for e in entries)
        # a stale index is rebuilt (a part at a time) rather than the whole library loaded
        index = store.search_index.open() if total >= PARTIAL_MIN else None
        if index is None:
            return None
        before = store.library_fingerprint()
        twins = find_twins(index, result.papers)
        runs = (table_records(manifest, "order") or [{}])[0].get("runs") or []
        where = _locate([pos for pos, _ in twins.found], runs)
        if where is None:
            return None
        subset = [raw for _, raw in twins.found]
        existing = [paper_from_raw(d) for d in subset]
        outcome = merge_papers(existing, list(result.papers),
                               common=(twins.common_every, twins.common_open))
        n = len(existing)
        if len(outcome.papers) < n or any(a.id != b.id for a, b in zip(
                outcome.papers, existing, strict=False)):
            return None
        raw = [paper_to_raw(p) for p in outcome.papers]
        old_secs = [Section.from_dict(d) for d in table_records(manifest, "sections")]
        old_colls = [Collection.from_dict(d) for d in table_records(manifest, "collections")]
        old_srcs = [_source(d) for d in table_records(manifest, "sources")]
        sections = upsert(old_secs, result.sections)
        collections = upsert(old_colls, result.collections)
        record = source_record(old_srcs, source, importer, digest, len(result.papers))
        sources = upsert(old_srcs, [record])
        summary = ImportSummary(
            new=list(outcome.new), updated=list(outcome.updated), merged=list(outcome.merged),
            unchanged=list(outcome.unchanged), skipped=[str(w) for w in result.warnings],
            possible_duplicates=list(outcome.possible_duplicates), dry_run=False)
        changed = [k for k in range(n) if raw[k] != subset[k]]
        loaded = storage.load_parts(manifest, {where[k][0] for k in changed})
        replaced: dict[str, list[dict[str, Any]]] = {}
        changes: list[tuple[dict[str, Any], int]] = []
        for k in changed:
            pid, j = where[k]
            part = replaced.setdefault(pid, list(loaded[pid][1]))
            if part[j] != subset[k]:
                return None  # the index disagrees with the store of record
            part[j] = raw[k]
            changes.append((raw[k], twins.found[k][0]))
        appended = raw[n:]
        changes += [(d, total + i) for i, d in enumerate(appended)]
        small = {"sections": sections, "collections": collections, "sources": sources}
        if not changes and all(
                table_records(manifest, k) == v for k, v in small.items()):
            return summary
        backup_file(store.library_path, backups_dir(store.home), "library")
        numbered = {k: {str(i): r for i, r in enumerate(v, 1)} for k, v in small.items()}
        storage.write_partial(manifest, numbered, replaced, appended)
        store._state = None
        store.search_index.after_changes(before, changes)
        store.overlay.assign_keys(outcome.papers)  # the new papers' stable cite keys
        carry = CARRY_ROWS_CACHE and importer not in BULK_IMPORTERS
        store.views.carry(before, collections, sections,
                          [(row_from_raw(raw), at) for raw, at in changes] if carry else None,
                          total)
    return summary


def _locate(positions: list[int], runs: list[list[Any]]) -> list[tuple[str, int]] | None:
    """(part id, index in part) of sorted library positions, from the manifest's order runs
    (None when a position lies beyond them)."""
    out: list[tuple[str, int]] = []
    taken: dict[str, int] = {}
    pos, k = 0, 0
    for pid, count in runs:
        start = taken.get(pid, 0)
        while k < len(positions) and positions[k] < pos + count:
            out.append((pid, start + positions[k] - pos))
            k += 1
        taken[pid] = start + count
        pos += count
    return out if k == len(positions) else None
