"""Removing papers, or everything one source brought, from the library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.atomic import locked
from store.library import LoadedLibrary, read_library
from store.schema import backup_file, encode_raw
from store.storage import OrjsonStorage


@dataclass
class Removal:
    """The library's records after a removal, and which papers went or only lost a source."""

    papers: list[dict[str, Any]]
    sections: list[dict[str, Any]]
    collections: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    removed: list[str] = field(default_factory=list)
    trimmed: list[str] = field(default_factory=list)
    changed: bool = True


def _records(lib: LoadedLibrary) -> tuple[list[dict[str, Any]], ...]:
    """The sections, collections and sources of a loaded library as dicts."""
    return ([s.to_dict() for s in lib.sections], [c.to_dict() for c in lib.collections],
            [s.to_dict() for s in lib.sources])


def remove_ids(lib: LoadedLibrary, ids: set[str]) -> Removal:
    """The library without the papers of those ids."""
    sections, collections, sources = _records(lib)
    kept = [p for p in lib.raw if str(p.get("id", "")) not in ids]
    gone = [str(p.get("id", "")) for p in lib.raw if str(p.get("id", "")) in ids]
    return Removal(kept, sections, collections, sources, removed=gone, changed=bool(gone))


def remove_source(lib: LoadedLibrary, source: str) -> Removal:
    """Drop a source: papers seen only there go; others lose its provenance and sections;
    its collections, their sections and its source record go too."""
    sections, collections, sources = _records(lib)
    dropped = {str(c.get("id")) for c in collections if c.get("source") == source}
    out = Removal(
        papers=[],
        sections=[s for s in sections if s.get("collection") not in dropped],
        collections=[c for c in collections if str(c.get("id")) not in dropped],
        sources=[s for s in sources if s.get("id") != source],
    )
    for paper in lib.raw:
        prov = [p for p in paper.get("provenance") or [] if p.get("source") != source]
        if len(prov) == len(paper.get("provenance") or []):
            out.papers.append(paper)
        elif not prov:
            out.removed.append(str(paper.get("id", "")))
        else:
            refs = [r for r in paper.get("sections") or [] if r.get("collection") not in dropped]
            out.papers.append({**paper, "provenance": prov, "sections": refs})
            out.trimmed.append(str(paper.get("id", "")))
    out.changed = len(out.sources) != len(sources) or bool(out.removed or out.trimmed)
    return out


def rewrite(storage: OrjsonStorage, backups: Path,
            change: Callable[[LoadedLibrary], Removal]) -> Removal:
    """Under the library's lock: re-read, apply change, back up and write (when it changed
    anything); what change gave."""
    storage.check_writable()
    with locked(storage.path):
        storage.invalidate()
        lib = read_library(storage)
        out = change(lib)
        if not out.changed:
            return out
        if storage.path.exists():
            backup_file(storage.path, backups, "library")
        storage.write(encode_raw(out.papers, out.sections, out.collections, out.sources))
    return out
