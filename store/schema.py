"""The library file's layout, its schema version, backups and migrations."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.atomic import fsync_dir
from store.errors import StoreError
from store.models import Collection, Paper, Section, SourceRecord

SCHEMA_VERSION = 1
TABLES = ("papers", "sections", "collections", "sources")
META = "meta"
KEEP_BACKUPS = 3

Tables = dict[str, dict[str, dict[str, Any]]]


def _numbered(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A TinyDB table: documents keyed "1", "2", ... in order."""
    return {str(i): rec for i, rec in enumerate(records, 1)}


def encode_library(
    papers: Iterable[Paper],
    sections: Iterable[Section] = (),
    collections: Iterable[Collection] = (),
    sources: Iterable[SourceRecord] = (),
) -> Tables:
    """The TinyDB JSON document (one table per record kind, plus meta) for a library."""
    return encode_raw(
        [p.to_dict() for p in papers],
        [s.to_dict() for s in sections],
        [c.to_dict() for c in collections],
        [s.to_dict() for s in sources],
    )


def encode_raw(
    papers: list[dict[str, Any]],
    sections: list[dict[str, Any]],
    collections: list[dict[str, Any]],
    sources: list[dict[str, Any]],
) -> Tables:
    """The TinyDB JSON document from plain record dicts."""
    return {
        META: {"1": {"schema_version": SCHEMA_VERSION}},
        "papers": _numbered(papers),
        "sections": _numbered(sections),
        "collections": _numbered(collections),
        "sources": _numbered(sources),
    }


def table_records(data: Tables, name: str) -> list[dict[str, Any]]:
    """The documents of a table in document-id order."""
    table = data.get(name) or {}
    try:
        keys = sorted(table, key=int)
    except ValueError:
        keys = list(table)
    return [table[k] for k in keys]


def schema_version(data: Tables) -> int:
    """The stored schema version; 0 for a TinyDB file without meta."""
    meta = data.get(META) or {}
    for doc in meta.values():
        if isinstance(doc, dict) and "schema_version" in doc:
            try:
                return int(doc["schema_version"])
            except (TypeError, ValueError):
                return 0
    return 0


def validate_shape(data: Any, path: Path) -> Tables:
    """Check the parsed JSON is a TinyDB document (tables of documents), else StoreError."""
    if data is None:
        return {}
    ok = isinstance(data, dict) and all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    )
    if not ok:
        raise StoreError(
            f"{path}: not a paperdeck library (expected tables of records); it was left "
            "untouched: restore a file from backups/ or move it away",
            path=path,
        )
    return data


def check_not_newer(data: Tables, path: Path) -> int:
    """The version of data; StoreError when it is newer than this program understands."""
    version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: schema version {version} is newer than this paperdeck supports "
            f"({SCHEMA_VERSION}); upgrade paperdeck to open it",
            path=path,
        )
    return version


def _migrate_0_to_1(data: Tables) -> Tables:
    """Version 0 (no meta, papers may lack newer fields or hold numeric ids) to version 1."""
    papers = [Paper.from_dict(d).to_dict() for d in table_records(data, "papers")]
    for rec in papers:
        for key in ("id", "arxiv_id", "doi"):
            rec[key] = "" if rec.get(key) is None else str(rec[key])
    sections = [Section.from_dict(d).to_dict() for d in table_records(data, "sections")]
    collections = [Collection.from_dict(d).to_dict() for d in table_records(data, "collections")]
    sources = table_records(data, "sources")
    return encode_raw(papers, sections, collections, sources)


MIGRATIONS = {0: _migrate_0_to_1}


def migrate(data: Tables, version: int) -> Tables:
    """Bring data from version up to SCHEMA_VERSION, one step at a time."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


def stamp() -> str:
    """A sortable UTC timestamp for backup names."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup_file(source: Path, backups: Path, label: str = "library") -> Path:
    """Copy source into backups/<label>-<stamp>.json (durably) and prune old backups."""
    backups.mkdir(parents=True, exist_ok=True)
    target = backups / f"{label}-{stamp()}.json"
    tmp = target.with_name("." + target.name + ".tmp")
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"{target}: cannot write backup ({exc.strerror})", path=target) from exc
    fsync_dir(backups)
    prune_backups(backups, label)
    return target


def list_backups(backups: Path, label: str = "library") -> list[Path]:
    """Backups with this label, oldest first."""
    if not backups.is_dir():
        return []
    return sorted(backups.glob(f"{label}-*.json"))


def prune_backups(backups: Path, label: str = "library", keep: int = KEEP_BACKUPS) -> None:
    """Keep only the newest `keep` backups with this label."""
    for old in list_backups(backups, label)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
