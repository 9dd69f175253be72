"""The library split by source: a small manifest plus one TinyDB JSON file per source part.

Physical layout (schema 2) of a library `library.json`:
- `library.json`, the manifest (TinyDB JSON): meta (schema_version 2), sections, collections,
  sources, `parts` (one record per part: id, file, count) and `order` (runs of part ids that
  restore the library's paper order);
- `library.parts/<slug>.<digest>.json`: one TinyDB JSON file (meta + papers) per part. A
  paper lives in the part of the source that first brought it (its first provenance); a
  source with more than PART_SIZE papers is split into several parts.

Part files are immutable and named by their content digest: a write creates files only for the
parts whose papers changed, then replaces the manifest (the commit point), then deletes files
no manifest refers to (backups' manifests included). A crash at any moment leaves the old or
the new library, never a mix. To the Store the storage presents the same logical TinyDB
document as a single-file library, so every reader and writer above it is unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from store.atomic import atomic_write_bytes, locked
from store.errors import StoreError
from store.memtrim import give_back
from store.schema import META, SCHEMA_VERSION, backup_label, list_backups, table_records
from store.storage import OrjsonStorage, loads_paused
from store.text import slugify
from store.typecheck import PAPER, check_records, check_tables

LAYOUT_VERSION = 2  # the manifest's schema_version: older paperdecks refuse it, not misread it
PART_SIZE = 20_000
_SMALL_TABLES = ("sections", "collections", "sources")


def parts_dir(library: Path) -> Path:
    """The directory of a library's part files."""
    return library.with_name(library.stem + ".parts")


def _numbered(records: list[Any]) -> dict[str, Any]:
    """A TinyDB table of records."""
    return {str(i): rec for i, rec in enumerate(records, 1)}


def _source_of(paper: dict[str, Any]) -> str:
    """The source that first brought a stored paper."""
    prov = paper.get("provenance") or ()
    first = prov[0] if prov and isinstance(prov[0], dict) else {}
    return str(first.get("source") or "") or "unknown"


def _part_base(source: str) -> str:
    """A file-safe, collision-free part id for a source."""
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:6]
    return f"{(slugify(source) or 'source')[:48]}-{digest}"


def _version(doc: dict[str, Any]) -> int:
    """The schema version a manifest declares."""
    for rec in (doc.get(META) or {}).values():
        if isinstance(rec, dict) and isinstance(rec.get("schema_version"), int):
            return int(rec["schema_version"])
    return 0


def _layout(manifest: dict[str, Any]) -> tuple[int, dict[str, list[tuple[int, int, int]]]]:
    """(paper count, per part its runs as (library position, index in the part, count)),
    from the manifest's order."""
    runs = (table_records(manifest, "order") or [{}])[0].get("runs") or []
    where: dict[str, list[tuple[int, int, int]]] = {}
    taken: dict[str, int] = {}
    total = 0
    for pid, count in runs:
        where.setdefault(pid, []).append((total, taken.get(pid, 0), count))
        taken[pid] = taken.get(pid, 0) + count
        total += count
    return total, where


def is_parted(doc: Any) -> bool:
    """True when a parsed library file is a manifest (schema 2 layout)."""
    return isinstance(doc, dict) and "parts" in doc and "papers" not in doc


class PartedStorage(OrjsonStorage):
    """OrjsonStorage over a manifest plus part files, presenting one logical document."""

    def __init__(self, path: str | Path, **kwargs: Any) -> None:
        """Open (without creating) the library at path."""
        super().__init__(path, **kwargs)
        self.dir = parts_dir(self.path)
        self._logical: tuple[Any, Any] | None = None  # (manifest stamp, logical document)
        self._parts: dict[str, tuple[str, list[dict[str, Any]]]] = {}  # id -> (file, papers)

    def invalidate(self) -> None:
        """Forget cached parses."""
        super().invalidate()
        self._logical = None

    def needs_split(self) -> bool:
        """True when the file on disk is still a single-file (schema 1) library."""
        doc = super().read()
        return bool(doc) and not is_parted(doc)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The logical document: the manifest's small tables plus every part's papers."""
        for _ in range(5):  # a writer may replace the manifest and drop parts meanwhile
            stamp = self.stamp()
            manifest = super().read()
            if not is_parted(manifest) or _version(manifest) > LAYOUT_VERSION:
                return manifest  # a single file, or from a newer paperdeck: refused above
            if self.stamp() != stamp:
                continue
            if self._logical is not None and self._logical[0] == stamp:
                return self._logical[1]
            try:
                doc = self._assemble(manifest)  # type: ignore[arg-type]
            except FileNotFoundError:
                super().invalidate()
                continue
            self._logical = (stamp, doc)
            return doc
        raise StoreError(f"{self.path}: part files keep changing while reading; try again",
                         path=self.path)

    def manifest(self) -> dict[str, Any] | None:
        """The parsed manifest, None when the library is not (yet) split."""
        doc = super().read()
        if not (is_parted(doc) and _version(doc) <= LAYOUT_VERSION):
            return None
        check_tables(doc, self.path)  # its small tables are read without the papers
        return doc

    def load_parts(self, manifest: dict[str, Any], only: set[str] | None = None
                   ) -> dict[str, tuple[str, list[dict[str, Any]]]]:
        """(file, papers) of the manifest's parts (or of the part ids in only)."""
        parts: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        for rec in table_records(manifest, "parts"):
            pid, name = str(rec.get("id", "")), str(rec.get("file", ""))
            if only is not None and pid not in only:
                continue
            known = self._parts.get(pid)
            if known is not None and known[0] == name:
                parts[pid] = known
                continue
            path = self.dir / name
            try:
                doc = loads_paused(path.read_bytes())
            except orjson.JSONDecodeError as exc:
                raise StoreError(f"{path}: corrupt library part ({exc}); restore it from "
                                 "backups/ or re-import its source", path=path) from exc
            papers = table_records(doc, "papers") if isinstance(doc, dict) else None
            if papers is None or len(papers) != rec.get("count"):
                raise StoreError(f"{path}: library part does not match the manifest",
                                 path=path)
            check_records(papers, PAPER, path, "papers", list(doc["papers"]))
            parts[pid] = (name, papers)
        return parts

    def stream_papers(self) -> tuple[int, Iterator[tuple[int, dict[str, Any]]]] | None:
        """(paper count, (library position, paper) for every paper, one part in memory at a
        time), for a split library; None for a single file. The caller checks the library
        did not change while it read."""
        manifest = self.manifest()
        if manifest is None:
            return None
        total, where = _layout(manifest)

        def papers() -> Iterator[tuple[int, dict[str, Any]]]:
            for pid, spans in where.items():
                part = self._part(self.load_parts(manifest, only={pid}), pid, spans)
                for start, first, count in spans:
                    for k in range(count):
                        yield start + k, part[first + k]
                del part
                give_back()  # the part's freed pages (else the heap creeps up part by part)

        return total, papers()

    def _part(self, parts: dict[str, tuple[str, list[dict[str, Any]]]], pid: str,
              spans: list[tuple[int, int, int]]) -> list[dict[str, Any]]:
        """The papers of part pid, refused when the manifest's order asks for more."""
        papers = parts[pid][1] if pid in parts else None
        if papers is None or (spans and spans[-1][1] + spans[-1][2] > len(papers)):
            raise StoreError(f"{self.path}: paper order names a missing part {pid!r}",
                             path=self.path)
        return papers

    def _assemble(self, manifest: dict[str, Any]) -> dict[str, Any]:
        """Read the parts a manifest names and lay their papers out in library order."""
        parts = self.load_parts(manifest)
        self._parts = parts
        total, where = _layout(manifest)
        ordered: list[dict[str, Any]] = [{}] * total
        for pid, spans in where.items():
            part = self._part(parts, pid, spans)
            for start, first, count in spans:
                ordered[start:start + count] = part[first:first + count]
        doc = {k: manifest.get(k) or {} for k in _SMALL_TABLES}
        doc[META] = {"1": {"schema_version": SCHEMA_VERSION}}
        doc["papers"] = _numbered(ordered)
        return doc

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Write only the parts whose papers changed, then the manifest, then collect."""
        self.check_writable()
        papers = table_records(data, "papers")
        groups: dict[str, list[dict[str, Any]]] = {}
        per_source: dict[str, int] = {}
        runs: list[list[Any]] = []
        for paper in papers:
            source = _source_of(paper)
            k = per_source.get(source, 0)
            per_source[source] = k + 1
            pid = _part_base(source) + (f"~{k // PART_SIZE + 1}" if k >= PART_SIZE else "")
            groups.setdefault(pid, []).append(paper)
            if runs and runs[-1][0] == pid:
                runs[-1][1] += 1
            else:
                runs.append([pid, 1])
        with locked(self.path):
            if self.dir.exists() or groups:
                self.dir.mkdir(parents=True, exist_ok=True)
            parts = {pid: self._write_part(pid, plist) for pid, plist in groups.items()}
            self._commit(data, parts, runs)
            self._logical = (self.stamp(), data)

    def _write_part(self, pid: str, papers: list[dict[str, Any]]
                    ) -> tuple[str, list[dict[str, Any]]]:
        """Write a part file unless an identical one exists; (file name, papers)."""
        known = self._parts.get(pid)
        if known is not None and known[1] == papers and (self.dir / known[0]).exists():
            return known
        payload = orjson.dumps({META: {"1": {"schema_version": LAYOUT_VERSION, "part": pid}},
                                "papers": _numbered(papers)})
        name = f"{pid}.{hashlib.blake2b(payload, digest_size=8).hexdigest()}.json"
        if not (self.dir / name).exists():
            atomic_write_bytes(self.dir / name, payload)
        return name, papers

    def _commit(self, small: dict[str, Any], parts: dict[str, tuple[str, list[dict[str, Any]]]],
                runs: list[list[Any]], entries: list[dict[str, Any]] | None = None) -> None:
        """Replace the manifest (the commit point), then collect unreferenced part files.
        entries (id, file, count) default to the parts' own."""
        if entries is None:
            entries = [{"id": pid, "file": name, "count": len(plist)}
                       for pid, (name, plist) in parts.items()]
        manifest = {k: small.get(k) or {} for k in _SMALL_TABLES}
        manifest[META] = {"1": {"schema_version": LAYOUT_VERSION, "layout": "parts"}}
        manifest["parts"] = _numbered(entries)
        manifest["order"] = {"1": {"runs": runs}}
        super().write(manifest)
        self._parts = {**self._parts, **parts}
        self._logical = None
        self._collect({str(e["file"]) for e in entries})

    def write_partial(self, manifest: dict[str, Any], small: dict[str, Any],
                      replaced: dict[str, list[dict[str, Any]]],
                      appended: list[dict[str, Any]]) -> None:
        """Write a library that differs from manifest's only in the replaced parts (same
        lengths), the small tables and papers appended at the end. Parts not named are
        neither read nor written."""
        self.check_writable()
        with locked(self.path):
            counts = {str(r["id"]): int(r["count"]) for r in table_records(manifest, "parts")}
            per_source: dict[str, int] = {}
            for pid, n in counts.items():
                base = pid.split("~")[0]
                per_source[base] = per_source.get(base, 0) + n
            groups = {pid: list(plist) for pid, plist in replaced.items()}
            runs = [list(r) for r in (table_records(manifest, "order") or [{}])[0]["runs"]]
            for paper in appended:
                base = _part_base(_source_of(paper))
                k = per_source.get(base, 0)
                per_source[base] = k + 1
                pid = base + (f"~{k // PART_SIZE + 1}" if k >= PART_SIZE else "")
                if pid not in groups:
                    known = self.load_parts(manifest, {pid}).get(pid)
                    groups[pid] = list(known[1]) if known else []
                groups[pid].append(paper)
                if runs and runs[-1][0] == pid:
                    runs[-1][1] += 1
                else:
                    runs.append([pid, 1])
            written = {pid: self._write_part(pid, plist) for pid, plist in groups.items()}
            # Only the parts written now stay cached (the next append usually goes to the
            # last of them): a streamed import of millions of papers would otherwise keep
            # every part it ever wrote in memory (~6 KB per paper). Others are read again.
            self._parts = dict(written)
            entries = [dict(r) for r in table_records(manifest, "parts")]
            for entry in entries:
                if entry["id"] in written:
                    name, plist = written.pop(str(entry["id"]))
                    entry.update(file=name, count=len(plist))
            entries += [{"id": pid, "file": name, "count": len(plist)}
                        for pid, (name, plist) in written.items()]
            self._commit(small, {}, runs, entries)

    def _collect(self, keep: set[str]) -> None:
        """Delete part files neither the manifest (keep) nor a kept backup refers to."""
        keep = set(keep)
        if self.backups is not None and self.backups.is_dir():
            for backup in list_backups(self.backups, backup_label(self.path)):
                with contextlib.suppress(OSError, orjson.JSONDecodeError, TypeError):
                    doc = orjson.loads(backup.read_bytes())
                    if is_parted(doc):
                        keep.update(str(r.get("file")) for r in table_records(doc, "parts"))
        for path in self.dir.glob("*.json"):
            if path.name not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()
