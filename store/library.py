"""The loaded library: parsed records, migrated in place on disk when older, indexed by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.atomic import is_writable, locked
from store.errors import StoreError
from store.idkeys import arxiv_key as arxiv_key
from store.idkeys import doi_key as doi_key
from store.models import Collection, Paper, Section, SourceRecord
from store.records import gc_paused, paper_from_raw
from store.schema import (
    SCHEMA_VERSION,
    backup_file,
    check_not_newer,
    migrate,
    table_records,
    validate_shape,
)
from store.storage import OrjsonStorage


@dataclass
class LoadedLibrary:
    """One parse of the library file, with lazily built papers and lookup indexes."""

    stamp: tuple[int, int, int] | None
    raw: list[dict[str, Any]]
    sections: list[Section]
    collections: list[Collection]
    sources: list[SourceRecord]
    version: int = SCHEMA_VERSION
    built: dict[int, Paper] = field(default_factory=dict)
    all_built: bool = False
    _by_id: dict[str, int] | None = None
    _by_alt: dict[str, int] | None = None

    def by_id(self) -> dict[str, int]:
        """Position of each paper id."""
        if self._by_id is None:
            self._by_id = {str(d.get("id", "")): i for i, d in enumerate(self.raw)}
        return self._by_id

    def by_alt(self) -> dict[str, int]:
        """Position of each paper by `arxiv:<key>` and `doi:<key>`."""
        if self._by_alt is None:
            alt: dict[str, int] = {}
            for i, d in enumerate(self.raw):
                if d.get("arxiv_id"):
                    alt.setdefault("arxiv:" + arxiv_key(str(d["arxiv_id"])), i)
                if d.get("doi"):
                    alt.setdefault("doi:" + doi_key(str(d["doi"])), i)
            self._by_alt = alt
        return self._by_alt

    def paper(self, pos: int) -> Paper:
        """The Paper at a position, built on first use."""
        paper = self.built.get(pos)
        if paper is None:
            paper = self.built[pos] = paper_from_raw(self.raw[pos])
        return paper

    def papers(self) -> list[Paper]:
        """Every paper, in stored order."""
        if not self.all_built:
            with gc_paused():
                for pos in range(len(self.raw)):
                    self.paper(pos)
            self.all_built = True
        return [self.built[i] for i in range(len(self.raw))]


@dataclass
class ManifestView:
    """What a split library's manifest says without reading any part: counts and records."""

    papers: int
    sections: list[Section]
    collections: list[Collection]
    sources: list[SourceRecord]
    part_files: list[str]


def manifest_view(storage: OrjsonStorage) -> ManifestView | None:
    """The manifest of a split, current-schema library; None for any other file."""
    read = getattr(storage, "manifest", None)
    doc = read() if read is not None else None
    if doc is None:
        return None
    parts = table_records(doc, "parts")
    return ManifestView(
        papers=sum(int(p.get("count", 0)) for p in parts),
        sections=[Section.from_dict(d) for d in table_records(doc, "sections")],
        collections=[Collection.from_dict(d) for d in table_records(doc, "collections")],
        sources=[_source(d) for d in table_records(doc, "sources")],
        part_files=[str(p.get("file", "")) for p in parts],
    )


def _source(data: dict[str, Any]) -> SourceRecord:
    """A SourceRecord from a stored dict, tolerating unknown or missing keys."""
    known = SourceRecord.__dataclass_fields__
    rec = SourceRecord(**{k: v for k, v in data.items() if k in known and k != "id"}, id="")
    rec.id = str(data.get("id", ""))
    return rec


def read_library(storage: OrjsonStorage, *, migrate_on_disk: bool = True) -> LoadedLibrary:
    """Parse the library; an older schema is backed up and migrated (in memory if read-only)."""
    path = storage.path
    data = validate_shape(storage.read(), path)
    stamp = storage.stamp() if data else None
    version = check_not_newer(data, path) if data else SCHEMA_VERSION
    if data and version < SCHEMA_VERSION:
        if migrate_on_disk and not storage.read_only and is_writable(path):
            data = _migrate_on_disk(storage)
            stamp = storage.stamp()
        else:
            data = migrate(data, version)
    if data and needs_split(storage) and migrate_on_disk and is_writable(path):
        _split_on_disk(storage)
        data = validate_shape(storage.read(), path)
        stamp = storage.stamp()
    return LoadedLibrary(
        stamp=stamp,
        raw=table_records(data, "papers"),
        sections=[Section.from_dict(d) for d in table_records(data, "sections")],
        collections=[Collection.from_dict(d) for d in table_records(data, "collections")],
        sources=[_source(d) for d in table_records(data, "sources")],
        version=version,
    )


def needs_split(storage: OrjsonStorage) -> bool:
    """True when storage is a parted storage over a not yet split (schema 1) file."""
    check = getattr(storage, "needs_split", None)
    return bool(check and not storage.read_only and check())


def _split_on_disk(storage: OrjsonStorage) -> None:
    """Under the lock: back up the single-file library, then write it as parts (schema 2)."""
    path = storage.path
    with locked(path):
        storage.invalidate()
        if not needs_split(storage):
            return
        data = validate_shape(storage.read(), path)
        if storage.backups is None:
            raise StoreError(f"{path}: no backup directory to migrate into", path=path)
        backup_file(path, storage.backups, "library")
        storage.write(data)


def _migrate_on_disk(storage: OrjsonStorage) -> dict[str, Any]:
    """Under the lock: re-read, back up the old file, migrate and write the new version."""
    path = storage.path
    with locked(path):
        storage.invalidate()
        data = validate_shape(storage.read(), path)
        version = check_not_newer(data, path)
        if version >= SCHEMA_VERSION:
            return data
        if storage.backups is None:
            raise StoreError(f"{path}: no backup directory to migrate into", path=path)
        backup_file(path, storage.backups, "library")
        data = migrate(data, version)
        storage.write(data)
        return data
