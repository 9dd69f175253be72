"""Store.apply_import: clean the result, then a partial import when the library allows it,
else a whole one (or a dry run)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.hygiene import clean_result
from store.imports import ImportLike
from store.models import ImportSummary
from store.text import strip_controls

if TYPE_CHECKING:
    from store.repository import Store


def apply_import(store: Store, result: ImportLike, *, source: str, importer: str,
                 digest: str = "", dry_run: bool = False) -> ImportSummary:
    """Merge an importer's result into store's library (the only library write)."""
    result = clean_result(result)  # every imported field loses terminal controls
    source = strip_controls(source)  # a file name found while walking a directory
    if not dry_run:
        store._storage.check_writable()
        from store.imports.partial import import_partial

        done = import_partial(store, result, source=source, importer=importer, digest=digest)
        if done is not None:
            return done
    from store.imports.whole import import_whole

    return import_whole(store, result, source=source, importer=importer, digest=digest,
                        dry_run=dry_run)
