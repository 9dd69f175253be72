"""The import that rewrites a one-file (schema-1 style) library whole: read, merge, write."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from store.atomic import locked
from store.imports import ImportLike, source_record, upsert
from store.library import read_library
from store.models import Collection, ImportSummary, Section
from store.paths import backups_dir
from store.records import paper_to_raw, rows_from_raw
from store.schema import backup_file, encode_raw

if TYPE_CHECKING:
    from store.repository import Store


def import_whole(store: Store, result: ImportLike, *, source: str, importer: str,
                 digest: str = "", dry_run: bool = False) -> ImportSummary:
    """Merge result into the whole library and write it (when the partial path cannot)."""
    from store.merge import merge_papers  # here, not at import: keeps lookups starting fast

    guard = contextlib.nullcontext() if dry_run else locked(store.library_path)
    with guard:
        store._storage.invalidate()
        store._state = None
        lib = read_library(store._storage, migrate_on_disk=not dry_run)
        existing = [lib.paper(i) for i in range(len(lib.raw))]
        lib.built.clear()
        outcome = merge_papers(existing, list(result.papers))
        papers = [paper_to_raw(p) for p in outcome.papers]
        sections = upsert(lib.sections, result.sections)
        collections = upsert(lib.collections, result.collections)
        record = source_record(lib.sources, source, importer, digest, len(result.papers))
        old_sources = [s.to_dict() for s in lib.sources]
        sources = upsert(lib.sources, [record])
        summary = ImportSummary(
            new=list(outcome.new),
            updated=list(outcome.updated),
            merged=list(outcome.merged),
            unchanged=list(outcome.unchanged),
            skipped=[str(w) for w in result.warnings],
            possible_duplicates=list(outcome.possible_duplicates),
            dry_run=dry_run,
        )
        changed = (
            papers != lib.raw
            or sections != [s.to_dict() for s in lib.sections]
            or collections != [c.to_dict() for c in lib.collections]
            or sources != old_sources
        )
        if dry_run or not changed:
            return summary
        before = store.library_fingerprint()
        if store.library_path.exists():
            backup_file(store.library_path, backups_dir(store.home), "library")
        store._storage.write(encode_raw(papers, sections, collections, sources))
        store.search_index.after_import(before, lib.raw, papers)
        store._state = None
        store.overlay.assign_keys(outcome.papers)  # now, while every paper is in memory
        # every paper is in memory: write the caches now, so the next start parses nothing
        nav = ([Collection.from_dict(c) for c in collections],
               [Section.from_dict(x) for x in sections])
        store.views.remember(rows_from_raw(papers), nav)
    return summary
