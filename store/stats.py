"""Library statistics from the manifest of a split library (no part is read)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from store.atomic import is_writable
from store.library import ManifestView
from store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from store.repository import Store


def library_stats(store: Store) -> dict[str, int | str]:
    """Counts of papers, sections, collections, sources and annotations, and the paths."""
    view = store._manifest()
    if view is None:
        lib = store._lib()
        view = ManifestView(len(lib.raw), lib.sections, lib.collections, lib.sources, [])
    notes = store.annotations()
    size = store.library_path.stat().st_size if store.library_path.exists() else 0
    parts = store.library_path.with_name(store.library_path.stem + ".parts")
    for name in view.part_files:
        with contextlib.suppress(OSError):
            size += (parts / name).stat().st_size
    return {
        "papers": view.papers,
        "sections": len(view.sections),
        "collections": len(view.collections),
        "sources": len(view.sources),
        "read": sum(a.read for a in notes.values()),
        "starred": sum(a.starred for a in notes.values()),
        "tagged": sum(bool(a.tags) for a in notes.values()),
        "noted": sum(bool(a.note) for a in notes.values()),
        "schema_version": SCHEMA_VERSION,
        "library": str(store.library_path),
        "library_bytes": size,
        "read_only": int(store.library_path.exists() and not is_writable(store.library_path)),
        "home": str(store.home),
    }
