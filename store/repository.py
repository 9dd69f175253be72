"""The Store: the one repository the app and the CLI use; it returns model objects only."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from store.annotations import Annotations
from store.atomic import is_writable, locked
from store.cache import Nav, NavCache, RowCache, library_fingerprint
from store.importing import ImportLike, source_record, upsert
from store.library import LoadedLibrary, arxiv_key, doi_key, read_library
from store.models import Annotation, Collection, ImportSummary, Paper, Row, Section, SourceRecord

__all__ = ["ImportLike", "Store", "open_store"]
from store.paths import annotations_file as annotations_path
from store.paths import backups_dir, cache_dir, library_file, settings_file
from store.records import paper_to_raw, rows_from_raw
from store.schema import SCHEMA_VERSION, backup_file, encode_raw
from store.settings import Settings
from store.storage import OrjsonStorage


class Store:
    """The library (TinyDB, written only by imports), annotations and settings of one user."""

    def __init__(self, home: Path, library_path: Path | None = None) -> None:
        """Open (lazily) the store in home, optionally over a separate, maybe read-only library."""
        self.home = Path(home)
        self.library_path = Path(library_path) if library_path else library_file(self.home)
        self.db = TinyDB(self.library_path, storage=OrjsonStorage, backups=backups_dir(self.home))
        self._storage: OrjsonStorage = self.db.storage  # type: ignore[assignment]
        self._annotations = Annotations(annotations_path(self.home))
        self._settings = Settings(settings_file(self.home))
        self._rows_cache = RowCache(cache_dir(self.home), self.library_path)
        self._nav_cache = NavCache(cache_dir(self.home), self.library_path)
        self._state: LoadedLibrary | None = None
        self._rows: tuple[str, list[Row]] | None = None
        self._nav: tuple[str, Nav] | None = None

    # -- library: reading ------------------------------------------------------------------

    def _lib(self) -> LoadedLibrary:
        """The parsed library, re-read when the file changed since the last parse."""
        stamp = self._storage.stamp()
        if self._state is None or self._state.stamp != stamp:
            self._state = read_library(self._storage)
        return self._state

    def papers(self) -> list[Paper]:
        """Every paper of the library, in stored order."""
        return self._lib().papers()

    def get(self, paper_id: str) -> Paper | None:
        """The paper with exactly this id, or None."""
        lib = self._lib()
        pos = lib.by_id().get(str(paper_id))
        return None if pos is None else lib.paper(pos)

    def resolve(self, ref: str) -> Paper | None:
        """A paper by id, arXiv id (any prefix or version), DOI, or a unique id prefix."""
        ref = str(ref).strip()
        if not ref:
            return None
        lib = self._lib()
        pos = lib.by_id().get(ref)
        alt = lib.by_alt()
        if pos is None:
            pos = alt.get("arxiv:" + arxiv_key(ref))
        if pos is None:
            pos = alt.get("doi:" + doi_key(ref))
        if pos is None and len(ref) >= 3:
            hits = [i for pid, i in lib.by_id().items() if pid.startswith(ref)]
            pos = hits[0] if len(hits) == 1 else None
        return None if pos is None else lib.paper(pos)

    def _navigation(self) -> Nav:
        """Collections and sections in stored order: from the parsed library when it is current,
        else from the nav cache (the first screen never parses the papers for them)."""
        if not self.library_path.exists():
            return [], []
        state = self._state
        if state is not None and state.stamp == self._storage.stamp():
            return state.collections, state.sections
        fp = self.library_fingerprint()
        if self._nav is not None and self._nav[0] == fp:
            return self._nav[1]
        nav = self._nav_cache.load(fp)
        if nav is None:
            lib = self._lib()
            nav = (lib.collections, lib.sections)
            self._save_views(lib)
        else:
            self._nav = (fp, nav)
        return nav

    def collections(self) -> list[Collection]:
        """Collections, in navigation order, with the names the user gave them."""
        from store.collection_names import CollectionNames, apply_names

        ordered = _collection_order(self._navigation()[0])
        return apply_names(ordered, CollectionNames(self.home).all())

    def rename_collection(self, ref: str, title: str) -> Collection:
        """Give a collection (id, title or a unique start of either) the user's own name;
        kept beside the annotations, so it survives re-imports; "" restores the imported one."""
        from store.collection_names import CollectionNames, clean_title, find_collection

        found = find_collection(self.collections(), ref)
        CollectionNames(self.home).set(found.id, clean_title(title))
        return next(c for c in self.collections() if c.id == found.id)

    def sections(self) -> list[Section]:
        """Sections in navigation order: by collection, then the section's own order."""
        colls, secs = self._navigation()
        corder = {c.id: i for i, c in enumerate(_collection_order(colls))}
        ranked = sorted(
            enumerate(secs),
            key=lambda t: (corder.get(t[1].collection, len(corder)), t[1].order, t[0]),
        )
        return [s for _, s in ranked]

    def sources(self) -> list[SourceRecord]:
        """Every imported source."""
        return list(self._lib().sources)

    def library_fingerprint(self) -> str:
        """A key that changes whenever the library file changes."""
        return library_fingerprint(self.library_path, SCHEMA_VERSION)

    def rows(self) -> list[Row]:
        """List-view rows of every paper, from the on-disk cache when it is fresh."""
        if not self.library_path.exists():
            return []
        fp = self.library_fingerprint()
        if self._rows is not None and self._rows[0] == fp:
            return list(self._rows[1])
        rows = self._rows_cache.load(fp)
        if rows is None:
            rows = self._save_views(self._lib())
        else:
            self._rows = (fp, rows)
        return list(rows)

    def _save_views(self, lib: LoadedLibrary) -> list[Row]:
        """Rebuild the rows and nav caches from a parse (once per library version) and
        return the rows; they are kept only when the file did not change meanwhile."""
        fp = self.library_fingerprint()
        rows = rows_from_raw(lib.raw)
        if lib.stamp == self._storage.stamp():
            self._remember_views(fp, rows, (lib.collections, lib.sections))
        return rows

    def _remember_views(self, fp: str, rows: list[Row], nav: Nav) -> None:
        """Keep the rows and nav of library version fp, in memory and in the caches."""
        self._rows_cache.save(fp, rows)
        self._nav_cache.save(fp, *nav)
        self._rows, self._nav = (fp, rows), (fp, nav)

    def is_empty(self) -> bool:
        """True when the library holds no papers."""
        return not self.library_path.exists() or not self.rows()

    def stats(self) -> dict[str, int | str]:
        """Counts of papers, sections, collections, sources and annotations, and the paths."""
        lib = self._lib()
        notes = self.annotations()
        size = self.library_path.stat().st_size if self.library_path.exists() else 0
        return {
            "papers": len(lib.raw),
            "sections": len(lib.sections),
            "collections": len(lib.collections),
            "sources": len(lib.sources),
            "read": sum(a.read for a in notes.values()),
            "starred": sum(a.starred for a in notes.values()),
            "tagged": sum(bool(a.tags) for a in notes.values()),
            "noted": sum(bool(a.note) for a in notes.values()),
            "schema_version": SCHEMA_VERSION,
            "library": str(self.library_path),
            "library_bytes": size,
            "read_only": int(self.library_path.exists() and not is_writable(self.library_path)),
            "home": str(self.home),
        }

    # -- library: importing ----------------------------------------------------------------

    def apply_import(
        self,
        result: ImportLike,
        *,
        source: str,
        importer: str,
        digest: str = "",
        dry_run: bool = False,
    ) -> ImportSummary:
        """Merge an importer's result into the library (the only library write)."""
        from store.merge import merge_papers  # here, not at import: keeps lookups starting fast

        if not dry_run:
            self._storage.check_writable()
        guard = contextlib.nullcontext() if dry_run else locked(self.library_path)
        with guard:
            self._storage.invalidate()
            self._state = None
            lib = read_library(self._storage, migrate_on_disk=not dry_run)
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
            if self.library_path.exists():
                backup_file(self.library_path, backups_dir(self.home), "library")
            self._storage.write(encode_raw(papers, sections, collections, sources))
            self._state = None
            # every paper is in memory: write the caches now, so the next start parses nothing
            nav = (
                [Collection.from_dict(c) for c in collections],
                [Section.from_dict(x) for x in sections],
            )
            self._remember_views(self.library_fingerprint(), rows_from_raw(papers), nav)
        return summary

    # -- annotations and settings ------------------------------------------------------------

    def annotation(self, paper_id: str) -> Annotation:
        """The user's marks on one paper (empty when none)."""
        return self._annotations.get(paper_id)

    def annotations(self) -> dict[str, Annotation]:
        """Every annotated paper's marks, by id."""
        return self._annotations.all()

    def mark(
        self,
        paper_id: str,
        *,
        read: bool | None = None,
        starred: bool | None = None,
        tags: Iterable[str] | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
        note: str | None = None,
        opened_at: datetime | str | None = None,
    ) -> Annotation:
        """Change a paper's marks; only annotations.json is written, never the library."""
        return self._annotations.mark(
            paper_id,
            read=read,
            starred=starred,
            tags=tags,
            add_tags=add_tags,
            remove_tags=remove_tags,
            note=note,
            opened_at=opened_at,
        )

    def setting(self, key: str, default: Any = None) -> Any:
        """A UI setting, else default."""
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Save a JSON-able UI setting (None removes it)."""
        self._settings.set(key, value)


def _collection_order(colls: list[Collection]) -> list[Collection]:
    """Collections in navigation order (their order field, then stored order)."""
    return [c for _, c in sorted(enumerate(colls), key=lambda t: (t[1].order, t[0]))]


def open_store(home: Path | None = None, library: Path | None = None) -> Store:
    """A Store in home (default: $PAPERDECK_HOME or the user data dir)."""
    from store.paths import default_home

    base = Path(home) if home else default_home()
    with contextlib.suppress(OSError):
        os.makedirs(base, exist_ok=True)
    return Store(base, library)
