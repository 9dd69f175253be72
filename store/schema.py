"""The library file's layout, its schema version, backups and migrations."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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
    from store.typecheck import check_tables

    check_tables(data, path)
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
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup_label(source: Path, kind: str = "library") -> str:
    """The label of the backups of one library file: kind plus a hash of its real path, so
    libraries never prune or name each other's backups."""
    import hashlib  # (late: readers never name backups)

    real = os.path.realpath(source)
    return f"{kind}-{hashlib.sha1(real.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"


_STAMP = r"\d{8}T\d{12}Z"
STALE_TEMP_SECONDS = 3600.0


def _same_bytes(a: Path, b: Path) -> bool:
    """True when two files hold the same bytes (sizes compared first)."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with a.open("rb") as fa, b.open("rb") as fb:
            while True:
                x, y = fa.read(1 << 20), fb.read(1 << 20)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False


def remove_stale_backup_temps(backups: Path, label: str) -> None:
    """Delete temp copies a killed backup left: this label's (its library lock is held),
    and any other label's older than an hour."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(backups):
            name = entry.name
            if not (name.startswith(".") and name.endswith(".json.tmp")):
                continue
            with contextlib.suppress(OSError):
                ours = name.startswith(f".{label}-")
                if ours or now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(entry.path)


def backup_file(source: Path, backups: Path, label: str = "library") -> Path:
    """Copy source into backups/<label>-<hash>-<stamp>.json (durably) and prune that file's
    old backups; when the newest backup already holds the same bytes (a write that failed,
    e.g. on a full disk, and is retried) it is reused instead of copied again."""
    from store.atomic import CRASH_ENV, fsync_dir, maybe_crash  # (readers never write)

    label = backup_label(source, label)
    try:
        backups.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{backups}: cannot write backup ({exc.strerror})", path=backups) from exc
    remove_stale_backup_temps(backups, label)
    existing = list_backups(backups, label)
    if existing and _same_bytes(source, existing[-1]):
        return existing[-1]
    target = backups / f"{label}-{stamp()}.json"
    tmp = target.with_name("." + target.name + ".tmp")
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
                if os.environ.get(CRASH_ENV) == "mid-backup":
                    dst.flush()
                    maybe_crash("mid-backup", source)
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
    """Backups with this label, oldest first; the bare kind ("library") also matches every
    per-file label of that kind and the unlabelled backups of older versions."""
    if not backups.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(label)}(?:-[0-9a-f]{{8}})?-({_STAMP})\.json")
    found = []
    for path in backups.iterdir():
        match = pattern.fullmatch(path.name)
        if match:
            found.append((match.group(1), path.name, path))
    return [path for _, _, path in sorted(found)]


def prune_backups(backups: Path, label: str = "library", keep: int = KEEP_BACKUPS) -> None:
    """Keep only the newest `keep` backups with this label."""
    for old in list_backups(backups, label)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
