"""Stream an arXiv metadata snapshot into the store: batches, progress, interrupt and resume.

The file is read line by line (never whole). Every BATCH lines are parsed by the pure
importer the caller passes (importers.arxiv_snapshot.parse_lines: the store never imports
importers) and applied with Store.apply_import, one source per
arXiv month (`<file name>:<yymm>`), so the split library keeps one part per month. After each
applied batch a checkpoint (byte offset, lines, papers) is written atomically under
home/imports/; a run that is interrupted (Ctrl-C, a kill, a cancel event) resumes from the
last checkpoint of the same file. A batch is applied whole or not at all, and re-applying one
is a no-op (imports are idempotent), so a crash between a batch and its checkpoint is harmless.
"""

from __future__ import annotations

import gc
import hashlib
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from store.atomic import atomic_write_bytes
from store.memtrim import give_back

if TYPE_CHECKING:
    from store.repository import Store

BATCH = 20_000  # lines per applied batch (each import has costs that grow with the library)
_NEW_ID = re.compile(r"^(\d{4})\.\d{4,5}")
_OLD_ID = re.compile(r"^[a-z-]+(?:\.[A-Z]{2})?/(\d{4})\d{3}")


@dataclass
class SnapshotReport:
    """What a snapshot import did."""

    lines: int = 0
    papers: int = 0
    new: int = 0
    skipped: list[str] = field(default_factory=list)
    resumed_at: int = 0  # line a resumed run started after (0: from the start)
    finished: bool = False


def month_of(arxiv_id: str) -> str:
    """yymm of an arXiv id (2401.00001 -> 2401, hep-th/9901001 -> 9901), else "misc"."""
    m = _NEW_ID.match(arxiv_id) or _OLD_ID.match(arxiv_id)
    return m.group(1) if m else "misc"


def _identity(path: Path) -> dict[str, Any]:
    """What must match for a checkpoint to belong to this file: its head's digest."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    return {"path": str(path.resolve()), "head": hashlib.sha1(head).hexdigest()}


def checkpoint_file(store: Store, path: Path) -> Path:
    """The checkpoint of a snapshot file."""
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    return store.home / "imports" / f"arxiv-snapshot-{digest}.json"


def _load_checkpoint(file: Path, ident: dict[str, Any]) -> dict[str, Any]:
    """The saved position for this file ({} when none or for another file)."""
    try:
        doc = orjson.loads(file.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    ok = isinstance(doc, dict) and all(doc.get(k) == v for k, v in ident.items())
    return doc if ok and isinstance(doc.get("offset"), int) else {}


Parse = Callable[[list[tuple[int, bytes]], str], Any]  # (numbered lines, source) -> result


@dataclass
class _Batch:
    """One month of a parsed batch, in the shape apply_import takes."""

    papers: list[Any]
    sections: list[Any]
    collections: list[Any]
    warnings: list[Any] = field(default_factory=list)


def import_snapshot(store: Store, path: Path, parse: Parse, *, batch: int = BATCH,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: threading.Event | None = None,
                    restart: bool = False) -> SnapshotReport:
    """Import a snapshot file into store, resuming a previous run unless restart;
    progress(bytes done, bytes total) after each batch; stops between batches on cancel.

    The next batch is read and parsed in a helper thread while this one is applied: the
    index commit runs without the GIL, so parsing fills that time (at most one batch ahead)."""
    path = Path(path)
    total = path.stat().st_size
    ident = _identity(path)
    file = checkpoint_file(store, path)
    saved = {} if restart else _load_checkpoint(file, ident)
    report = SnapshotReport(resumed_at=int(saved.get("line", 0)),
                            papers=int(saved.get("papers", 0)))
    offset, number = int(saved.get("offset", 0)), int(saved.get("line", 0))
    # one journal change for the whole run: each store file's bytes are saved once (not once
    # per batch), and undo takes the run back whole
    # the index keeps one writer for the run (its merges overlap the next batches)
    with store.journal.change(f"import {path.name}"), open(path, "rb") as handle, \
            store.search_index.service.bulk(), \
            ThreadPoolExecutor(1, thread_name_prefix="snapshot-parse") as ahead:
        handle.seek(offset)
        reader = _Reader(handle, number, batch, lambda lines: parse(lines, path.name))
        pending = ahead.submit(reader.next)
        try:
            while True:
                if cancel is not None and cancel.is_set():
                    return report
                got = pending.result()
                if got is None:
                    break
                pending = ahead.submit(reader.next)
                count, parsed, number, offset = got
                collecting = gc.isenabled()
                gc.disable()  # a batch makes ~10^6 objects, no cycles: no collection midway
                try:
                    _apply(store, path.name, parsed, report)
                finally:
                    if collecting:
                        gc.enable()
                del parsed, got
                give_back()  # the batch's freed memory, so the heap stays flat run-long
                report.lines += count
                file.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(file, orjson.dumps(
                    {**ident, "offset": offset, "line": number, "papers": report.papers}))
                if progress is not None:
                    progress(offset, total)
        finally:
            reader.stopped = True  # a batch being parsed is finished, none is started
    report.finished = True
    return report


class _Reader:
    """Reads and parses the snapshot batch by batch (called from one helper thread)."""

    def __init__(self, handle: BinaryIO, number: int, batch: int,
                 parse: Callable[[list[tuple[int, bytes]]], Any]) -> None:
        """Read from handle's position; number: lines before it."""
        self.handle, self.number, self.batch, self.parse = handle, number, batch, parse
        self.stopped = False

    def next(self) -> tuple[int, Any, int, int] | None:
        """(lines, parsed result, last line number, byte offset after it); None at the end."""
        if self.stopped:
            return None
        lines: list[tuple[int, bytes]] = []
        for raw in self.handle:
            self.number += 1
            lines.append((self.number, raw))
            if len(lines) >= self.batch:
                break
        if not lines:
            return None
        return len(lines), self.parse(lines), self.number, self.handle.tell()


def _apply(store: Store, name: str, result: Any, report: SnapshotReport) -> None:
    """Apply one parsed batch, one import per arXiv month."""
    months: dict[str, list[Any]] = {}
    for paper in result.papers:
        months.setdefault(month_of(paper.arxiv_id), []).append(paper)
    for month, papers in months.items():
        source = f"{name}:{month}"
        for paper in papers:
            paper.provenance[0].source = source
        cats = {s.section for p in papers for s in p.sections}
        part = _Batch(
            papers=papers,
            sections=[s for s in result.sections if s.id in cats],
            collections=[c for c in result.collections
                         if any(x.startswith(c.id + "/") for x in cats)])
        summary = store.apply_import(part, source=source, importer="arxiv-snapshot")
        report.new += len(summary.new)
        report.papers += len(papers)
    report.skipped.extend(str(w) for w in result.warnings)
