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
from store.atomic import real_file
from store.cache import Nav, library_fingerprint
from store.errors import StoreError
from store.fingerprint import PartsStamp
from store.imports import ImportLike
from store.index.access import IndexAccess
from store.journal import Journal, journaled
from store.library import LoadedLibrary, ManifestView, manifest_view, read_library
from store.models import Annotation, Collection, ImportSummary, Paper, Row, Section, SourceRecord
from store.overlay import Overlay
from store.parts import PartedStorage
from store.paths import annotations_file as annotations_path
from store.paths import backups_dir, cache_dir, library_file, settings_file
from store.removing import Removal
from store.schema import SCHEMA_VERSION
from store.settings import Settings
from store.storage import OrjsonStorage
from store.views import LibraryViews

__all__ = ["ImportLike", "Store", "open_store"]


class Store:
    """The library (TinyDB, written only by imports), annotations and settings of one user."""

    def __init__(self, home: Path, library_path: Path | None = None) -> None:
        """Open (lazily) the store in home, optionally over a separate, maybe read-only library."""
        self.home = Path(home)
        library = Path(library_path) if library_path else library_file(self.home)
        self.library_path = real_file(library)  # symlinks resolved; dangling/special refused
        self._parts_stamp = PartsStamp()
        self.db = TinyDB(self.library_path, storage=PartedStorage, backups=backups_dir(self.home))
        self._storage: OrjsonStorage = self.db.storage  # type: ignore[assignment]
        self._annotations = Annotations(annotations_path(self.home))
        self._settings = Settings(settings_file(self.home))
        derived = [cache_dir(self.home), backups_dir(self.home), self.home / "index"]
        self.journal = Journal(self.home, exclude=derived)  # undo keeps data, not caches
        self.overlay = Overlay(self.home, lambda: self.setting("citekey_pattern") or "")
        self._state: LoadedLibrary | None = None
        self.views = LibraryViews(cache_dir(self.home), self.library_path,
                                  fingerprint=self.library_fingerprint,
                                  stamp=self._storage.stamp, manifest=self._manifest)
        self.search_index = IndexAccess(self)

    # -- library: reading ------------------------------------------------------------------

    def _lib(self) -> LoadedLibrary:
        """The parsed library, re-read when the file changed since the last parse."""
        stamp = self._storage.stamp()
        if self._state is None or self._state.stamp != stamp:
            self._state = read_library(self._storage)
        return self._state

    def papers(self) -> list[Paper]:
        """Every paper of the library, in stored order."""
        return self._overlaid(self._lib().papers())

    def _overlaid(self, papers: list[Paper]) -> list[Paper]:
        """The user's layer (stable cite keys, edits) over papers read from the library."""
        return self.overlay.apply(papers, lambda: self._lib().papers())

    def imported(self, paper_id: str) -> Paper | None:
        """The paper as imported, without the user's edits (for diffing an edit)."""
        found = self.search_index.get(paper_id)  # a fresh index holds papers as imported
        if found is not None:
            return found[0]
        lib = self._lib()
        pos = lib.by_id().get(str(paper_id))
        return None if pos is None else lib.paper(pos)

    def imported_many(self, ids: Iterable[str]) -> dict[str, Paper]:
        """The stored papers among ids, as imported; read through a fresh index when there
        is one, so the library is not parsed (store.lookups)."""
        from store.lookups import imported_many

        return imported_many(self, ids)

    @journaled(lambda paper_id, fields: f"edit {paper_id}")
    def set_edits(self, paper_id: str, fields: dict[str, Any]) -> None:
        """Keep the user's values of fields for a paper (they win over every re-import)."""
        self.overlay.edits.set_layer(paper_id, "user", fields)

    def cite_keys(self) -> dict[str, str]:
        """Every paper's stable cite key by id (keys are assigned on first need)."""
        return self.overlay.key_map(self._lib().papers)

    def get(self, paper_id: str) -> Paper | None:
        """The paper with exactly this id, or None (from the index when it is fresh)."""
        found = self.search_index.get(paper_id)
        if found is not None:
            return None if found[0] is None else self._overlaid([found[0]])[0]
        lib = self._lib()
        pos = lib.by_id().get(str(paper_id))
        return None if pos is None else self._overlaid([lib.paper(pos)])[0]

    def get_many(self, ids: Iterable[str]) -> dict[str, Paper]:
        """Papers by id (unknown ids missing), with the user's edits: one index call."""
        wanted = list(dict.fromkeys(str(i) for i in ids))
        found = self.search_index.get_many(wanted) if wanted else {}
        if found is None:
            lib = self._lib()
            where = lib.by_id()
            found = {pid: lib.paper(where[pid]) for pid in wanted if pid in where}
        papers = self._overlaid(list(found.values()))
        return {p.id: p for p in papers}

    def resolve(self, ref: str) -> Paper | None:
        """A paper by id, arXiv id (any prefix or version), DOI, or a unique id prefix."""
        from store.lookups import resolve

        found = resolve(self, str(ref).strip())
        return None if found is None else self._overlaid([found])[0]

    def _navigation(self) -> Nav:
        """Collections and sections in stored order (the first screen parses no papers)."""
        if not self.library_path.exists():
            return [], []
        return self.views.navigation(self._state, self._lib)

    def _manifest(self) -> ManifestView | None:
        """The split library's manifest (small), when there is one."""
        if not self.library_path.exists():
            return None
        try:
            return manifest_view(self._storage)
        except (StoreError, OSError):
            return None

    def collections(self) -> list[Collection]:
        """Collections, in navigation order, with the names the user gave them."""
        from store.collection_names import CollectionNames, apply_names
        from store.navigation import collection_order

        ordered = collection_order(self._navigation()[0])
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
        from store.navigation import collection_order

        colls, secs = self._navigation()
        corder = {c.id: i for i, c in enumerate(collection_order(colls))}
        ranked = sorted(
            enumerate(secs),
            key=lambda t: (corder.get(t[1].collection, len(corder)), t[1].order, t[0]),
        )
        return [s for _, s in ranked]

    def sources(self) -> list[SourceRecord]:
        """Every imported source."""
        view = self._manifest()
        return list(view.sources if view is not None else self._lib().sources)

    def library_fingerprint(self) -> str:
        """A key that changes whenever the library file changes."""
        return library_fingerprint(self.library_path, SCHEMA_VERSION, self._parts_stamp)

    def annotations_fingerprint(self) -> str:
        """Freshness key of annotations.json (changes whenever any process marks a paper)."""
        try:
            st = os.stat(self._annotations.path)
        except OSError:
            return "-"
        return f"{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|{st.st_ctime_ns}"

    def rows(self) -> list[Row]:
        """List-view rows of every paper, from the on-disk cache when it is fresh."""
        if not self.library_path.exists():
            return []
        return self.overlay.rows(self.views.rows(self._lib), self.get)

    def is_empty(self) -> bool:
        """True when the library holds no papers."""
        view = self._manifest()
        if view is not None:
            return view.papers == 0
        return not self.library_path.exists() or not self.rows()

    def stats(self) -> dict[str, int | str]:
        """Counts of papers, sections, collections, sources and annotations, and the paths
        (from the manifest of a split library: no part is read)."""
        from store.stats import library_stats

        return library_stats(self)

    # -- library: searching through the derived index --------------------------------------

    def search(self, query: str | Any = "", *, view: str | None = None, sort: str = "relevance",
               reverse: bool = False, offset: int = 0, limit: int = 50,
               progress: Any = None) -> Any:
        """One page (ResultPage: rows, exact total, fuzzy flag, query errors) of the papers
        matching query in view (a section id, "c:<collection id>", or None for all), ranked
        by relevance or sorted by order/year/title/venue/author. Rebuilds a missing or stale
        index first, calling progress(done, total)."""
        if isinstance(query, str) and query.strip() and len(query.split()) == 1:
            query = self.overlay.keys.paper_id(query.strip()) or query  # a cite key
        return self.search_index.search(query, view=view, sort=sort, reverse=reverse,
                                        offset=offset, limit=limit, progress=progress)

    def page(self, view: str | None = None, sort: str = "relevance", query: str | Any = "",
             offset: int = 0, limit: int = 50, reverse: bool = False) -> list[Row]:
        """Rows offset..offset+limit of a view, filtered by query, in the given order."""
        return self.search(query, view=view, sort=sort, reverse=reverse, offset=offset,
                           limit=limit).rows

    def count(self, view: str | None = None, query: str | Any = "") -> int:
        """Exact number of papers of a view matching query."""
        return self.search(query, view=view, sort="order", limit=0).total

    def matching(self, query: str | Any, view: str | None = None) -> list[Paper]:
        """Every paper matching query (in view), in library order, for exports."""
        return self.search_index.matching(query, view)

    def matching_chunks(self, query: str | Any, view: str | None = None) -> Any:
        """matching() in bounded chunks (lists of Papers), for exports of any size."""
        return self.search_index.matching_chunks(query, view)

    def overlaid_chunks(self, query: str | Any = "", view: str | None = None) -> Any:
        """matching_chunks (non-empty) with the user's layer: exports and whole-library passes
        that never hold the library."""
        return (self._overlaid(c) for c in self.matching_chunks(query, view) if c)

    def each_paper(self, query: str | Any = "", view: str | None = None) -> Any:
        """Every paper matching query (in view) with the user's layer, a chunk at a time."""
        for chunk in self.overlaid_chunks(query, view):
            yield from chunk

    def overlaid(self, papers: list[Paper]) -> list[Paper]:
        """papers read from the index (matching) with the user's layer (edits, cite keys)."""
        return self._overlaid(papers)

    def with_edits(self, rows: list[Row]) -> list[Row]:
        """Search rows with the user's edits (rows of edited papers rebuilt from them)."""
        return self.overlay.rows(rows, self.get)

    def order_rank(self, paper_id: str, view: str | None = None) -> int | None:
        """Where a paper sits in a view's library order (None: not in it, or no fresh index)."""
        index = self.search_index.current()
        return None if index is None else index.order_rank(paper_id, view)

    def index_is_fresh(self) -> bool:
        """True when the search index needs no rebuild (else the first search rebuilds it)."""
        return self.search_index.is_fresh()

    def rebuild_index(self, progress: Any = None) -> None:
        """Rebuild the search index from the library now, calling progress(done, total)."""
        self.search_index.drop()
        self.search_index.open(progress)

    def drop_index(self) -> None:
        """Delete the search index (derived data: it is rebuilt on the next search)."""
        self.search_index.drop()

    # -- library: importing ----------------------------------------------------------------

    @journaled(lambda result, *, source, **kw: "" if kw.get("dry_run") else f"import {source}")
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
        from store.imports.apply import apply_import

        return apply_import(self, result, source=source, importer=importer, digest=digest,
                            dry_run=dry_run)

    # -- removing ----------------------------------------------------------------------------

    @journaled(lambda ids: "remove papers")
    def remove(self, ids: Iterable[str]) -> list[str]:
        """Remove papers from the library by id (undo brings them back); the ids removed."""
        from store.removing import remove_ids, rewrite

        wanted = {str(i) for i in ids}
        self._state = None
        out = rewrite(self._storage, backups_dir(self.home), lambda lib: remove_ids(lib, wanted))
        return out.removed if out.changed else []

    @journaled(lambda source: f"remove source {source}")
    def remove_source(self, source: str) -> Removal:
        """Remove what one source brought (papers seen only there; its sections elsewhere)."""
        from store.removing import remove_source, rewrite

        self._state = None
        return rewrite(self._storage, backups_dir(self.home),
                       lambda lib: remove_source(lib, source))

    # -- annotations and settings ------------------------------------------------------------

    def annotation(self, paper_id: str) -> Annotation:
        """The user's marks on one paper (empty when none)."""
        return self._annotations.get(paper_id)

    def annotations(self) -> dict[str, Annotation]:
        """Every annotated paper's marks, by id."""
        return self._annotations.all()

    @journaled(lambda paper_id, **kw: f"mark {paper_id}" if any(
        v not in (None, ()) for k, v in kw.items() if k != "opened_at") else "")
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
        ann = self._annotations.mark(paper_id, read=read, starred=starred, tags=tags,
                                     add_tags=add_tags, remove_tags=remove_tags, note=note,
                                     opened_at=opened_at)
        self.search_index.after_mark()
        return ann

    def setting(self, key: str, default: Any = None) -> Any:
        """A UI setting, else default."""
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Save a JSON-able UI setting (None removes it)."""
        self._settings.set(key, value)


def open_store(home: Path | None = None, library: Path | None = None) -> Store:
    """A Store in home (default: $PAPERDECK_HOME or the user data dir)."""
    from store.paths import default_home

    base = Path(home) if home else default_home()
    with contextlib.suppress(OSError):
        os.makedirs(base, exist_ok=True)
    return Store(base, library)
