"""LibraryIndex: keeps the index of one library fresh (rebuild, repair, incremental updates).

Files under the index root: `state.json` (format, the generation directory in use, and the
library and annotations fingerprints plus searchable marks the index reflects) and one
tantivy directory per generation. The state is written only after a commit, so a crash at any
moment leaves a state that either matches the index or is stale, and stale means rebuilt.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from store.atomic import CRASH_ENV, atomic_write_bytes, locked
from store.errors import StoreError
from store.fingerprint import file_fingerprint as file_fingerprint
from store.index.documents import Marks, marks_table
from store.index.engine import PaperIndex
from store.index.schema import FORMAT
from store.memtrim import give_back
from store.models import Annotation

Progress = Callable[[int, int], None]
Changes = list[tuple[dict[str, Any], int]]
Streamed = tuple[int, Iterator[tuple[int, dict[str, Any]]]]  # (papers, (position, paper))


def _crash(point: str) -> None:
    """SIGKILL this process at a named index point when a crash test asks for it."""
    if os.environ.get(CRASH_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


class LibraryIndex:
    """The derived index of one library: opened fresh, or rebuilt/repaired first."""

    def __init__(self, root: Path, *, library_fingerprint: Callable[[], str],
                 annotations_path: Path, load_raw: Callable[[], list[dict[str, Any]]],
                 load_annotations: Callable[[], Mapping[str, Annotation]],
                 edits_path: Path | None = None,
                 load_edits: Callable[[], Mapping[str, dict[str, Any]]] = dict,
                 stream_raw: Callable[[], Streamed | None] | None = None) -> None:
        """Index in root; the callables read the store of record (and the user's edits)."""
        self.root = Path(root)
        self.state_path = self.root / "state.json"
        self._library_fp = library_fingerprint
        self._annotations_path = Path(annotations_path)
        self._load_raw = load_raw
        self._load_annotations = load_annotations
        self._edits_path = edits_path
        self._load_edits = load_edits
        self._stream_raw = stream_raw  # a split library's papers, a part at a time
        self._open: tuple[str, PaperIndex] | None = None  # (state stamp, index)
        self._bulk = False  # within bulk(): the open index keeps its writer between commits

    # -- state -------------------------------------------------------------------------------

    def _state(self) -> dict[str, Any]:
        """The state file's contents ({} when missing or unreadable)."""
        try:
            data = orjson.loads(self.state_path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        return data if isinstance(data, dict) and data.get("format") == FORMAT else {}

    def _save_state(self, state: dict[str, Any]) -> None:
        """Write the state atomically."""
        atomic_write_bytes(self.state_path, orjson.dumps({**state, "format": FORMAT}))

    def _gen_dir(self, state: dict[str, Any]) -> Path | None:
        """The generation directory a state points at."""
        gen = state.get("generation")
        return self.root / gen if isinstance(gen, str) and gen.startswith("g-") else None

    def is_fresh(self) -> bool:
        """True when the index reflects the library and annotations as they are now."""
        state = self._state()
        return (bool(state) and state.get("library") == self._library_fp()
                and state.get("annotations") == file_fingerprint(self._annotations_path))

    # -- opening -----------------------------------------------------------------------------

    def open(self, progress: Progress | None = None) -> PaperIndex:
        """The index, fresh: rebuilt when missing, stale or corrupt, repaired when only the
        annotations changed. progress(done, total) is called while rebuilding."""
        index = self.current()
        if index is not None:
            return index
        self.rebuild(progress)
        return self._reuse(file_fingerprint(self.state_path), self._state()) or self._fail()

    def current(self) -> PaperIndex | None:
        """The index when it reflects the library as it is now (marks repaired), else None."""
        state = self._state()
        if not state or state.get("library") != self._library_fp():
            return None
        if state.get("annotations") != file_fingerprint(self._annotations_path):
            self.sync_marks()
            state = self._state()
        if state.get("edits", "-") != self._edits_fp():
            self.sync_edits()
            state = self._state()
        return self._reuse(file_fingerprint(self.state_path), state)

    def _fail(self) -> PaperIndex:
        """Raised when a just-built index cannot be opened."""
        raise StoreError(f"{self.root}: the search index cannot be opened", path=self.root)

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Within the block the index keeps one writer from commit to commit (a streamed
        import: tantivy merges segments in its threads while the next batch is made); at the
        end the merges are waited for and the writer let go."""
        self._bulk = True
        try:
            yield
        finally:
            self._bulk = False
            self._let_go()

    def _let_go(self) -> None:
        """Release the open index's held writer, if any."""
        held = self._open
        if held is not None:
            with contextlib.suppress(ValueError, OSError):
                held[1].release()

    def _reuse(self, stamp: str, state: dict[str, Any]) -> PaperIndex | None:
        """The open index for this state (reloaded when the state changed), None if broken."""
        gen = self._gen_dir(state)
        if gen is None:
            return None
        held = self._open
        if held is not None and held[1].path == gen:
            if held[0] != stamp:
                held[1].reload()
                self._open = (stamp, held[1])
            held[1].hold_writer = self._bulk
            return held[1]
        self._let_go()
        try:
            index = PaperIndex(gen)
        except (ValueError, OSError):
            return None
        index.hold_writer = self._bulk
        self._open = (stamp, index)
        return index

    # -- writing -----------------------------------------------------------------------------

    def rebuild(self, progress: Progress | None = None,
                raw: list[dict[str, Any]] | None = None) -> None:
        """Build a new generation from the store of record (or raw, the library's papers
        already in memory), then switch to it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with locked(self.state_path):
            library_fp = self._library_fp()
            state = self._state()
            if state.get("library") == library_fp and self._gen_dir(state) is not None:
                with contextlib.suppress(ValueError, OSError):
                    PaperIndex(self._gen_dir(state))  # type: ignore[arg-type]
                    return  # another process rebuilt it meanwhile
            ann_fp = file_fingerprint(self._annotations_path)
            marks = marks_table(self._load_annotations())
            edits_fp, edits = self._edits_fp(), dict(self._load_edits())
            written = None
            streamed = self._stream_raw() if raw is None and self._stream_raw else None
            if streamed is not None:  # a split library, read one part at a time
                with contextlib.suppress(FileNotFoundError, StoreError):  # parts replaced
                    written = self._write(streamed[1], streamed[0], marks, edits, progress)
            for _ in range(3) if raw is None and written is None else ():
                raw = self._load_raw()  # the first read may migrate a schema-1 library
                now = self._library_fp()
                if now == library_fp:
                    break
                library_fp = now  # read again, so the data is the fingerprint's
            if written is None:
                written = self._write(enumerate(raw or []), len(raw or []), marks, edits,
                                      progress)
            gen, total = written
            _crash("index-before-state")
            self._save_state({"generation": gen, "library": library_fp,
                              "annotations": ann_fp, "marks": marks,
                              "edits": edits_fp, "edited": edits})
            if progress is not None:
                progress(total, total)
            self._let_go()
            self._open = None
            self._prune(gen)
            give_back()  # the writer's and the parts' freed memory

    def _write(self, items: Iterable[tuple[int, dict[str, Any]]], total: int,
               marks: dict[str, Any], edits: dict[str, Any],
               progress: Progress | None) -> tuple[str, int]:
        """(name, papers) of a new generation holding items ((position, paper) pairs);
        removed again when reading them fails."""
        gen = "g-" + uuid.uuid4().hex[:12]
        index = PaperIndex(self.root / gen, create=True)
        if progress is not None:
            progress(0, total)
        try:
            index.write(((r, i, marks.get(str(r.get("id")))) for i, r in items),
                        heap=256 * 2**20, threads=2, edits=edits,
                        progress=None if progress is None else (lambda k: progress(k, total)))
        except BaseException:
            del index
            shutil.rmtree(self.root / gen, ignore_errors=True)
            raise
        return gen, total

    def _prune(self, keep: str) -> None:
        """Remove every generation directory but keep."""
        for child in self.root.iterdir():
            if child.is_dir() and child.name.startswith("g-") and child.name != keep:
                shutil.rmtree(child, ignore_errors=True)

    def _writable(self, library_fp: str) -> tuple[dict[str, Any], PaperIndex] | None:
        """State and index when the index reflects library version library_fp."""
        state = self._state()
        if state.get("library") != library_fp:
            return None
        index = self._reuse(file_fingerprint(self.state_path), state)
        return None if index is None else (state, index)

    def after_import(self, before: str, changes: Changes, deleted: list[str],
                     papers: list[dict[str, Any]] | None) -> None:
        """Apply an import that moved the library from version before to the current one
        (papers: all of it, in order, if at hand); an index that was not at version before is
        rebuilt."""
        self.root.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(StoreError, OSError), locked(self.state_path):
            found = self._writable(before)
            if found is None:
                self.rebuild(None, papers)
                return
            state, index = found
            after = self._library_fp()
            marks: dict[str, Marks] = state.get("marks") or {}
            index.write(((raw, pos, marks.get(str(raw.get("id")))) for raw, pos in changes),
                        deleted, before_commit=lambda: _crash("index-before-commit"),
                        edits=state.get("edited") or {})
            _crash("index-after-commit")
            self._save_state({**state, "library": after})

    def sync_marks(self) -> None:
        """Reindex the papers whose searchable marks differ from the state's."""
        self._sync("annotations", "marks", lambda: file_fingerprint(self._annotations_path),
                   lambda: marks_table(self._load_annotations()))

    def sync_edits(self) -> None:
        """Reindex the papers whose edit layers differ from the state's (few: hand edits)."""
        self._sync("edits", "edited", self._edits_fp, lambda: dict(self._load_edits()))

    def _edits_fp(self) -> str:
        """Fingerprint of the user's edits file ("-" when there is none)."""
        return "-" if self._edits_path is None else file_fingerprint(self._edits_path)

    def _sync(self, fp_key: str, table_key: str, fingerprint: Callable[[], str],
              load: Callable[[], dict[str, Any]]) -> None:
        """Bring one per-paper user table (marks or edit layers) of the state up to date,
        reindexing only the papers whose entry changed."""
        with contextlib.suppress(StoreError, OSError), locked(self.state_path):
            found = self._writable(self._library_fp())
            if found is None:
                return
            state, index = found
            fp, new = fingerprint(), load()
            old: dict[str, Any] = state.get(table_key) or {}
            changed = [pid for pid in set(old) | set(new) if old.get(pid) != new.get(pid)]
            tables = {"marks": state.get("marks") or {}, "edited": state.get("edited") or {},
                      table_key: new}
            raws = index.raws(changed)
            docs = [(raws[pid], pos, tables["marks"].get(pid)) for pid in changed
                    if pid in raws and (pos := index.position(pid)) is not None]
            if docs:
                index.write(docs, before_commit=lambda: _crash("index-before-commit"),
                            edits=tables["edited"])
            self._save_state({**state, fp_key: fp, table_key: new})

    def drop(self) -> None:
        """Delete the index (it is rebuilt from the store on next open)."""
        self._let_go()
        self._open = None
        shutil.rmtree(self.root, ignore_errors=True)
