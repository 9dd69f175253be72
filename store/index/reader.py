"""IndexReader: read-only lookups through the derived index without opening the Store.

It answers only when the index surely reflects the store as it is now (the same checks as
`LibraryIndex.current`: library, annotations and edits fingerprints), and never writes: a
missing, stale or corrupt index, marks or edits not yet reindexed, a symlinked library: for
all of these it answers None and the caller asks the Store, which rebuilds or repairs first.
It imports no TinyDB, merge, journal, atomic-write or network code (a test checks it), so
`paperdeck search` and `show` cost little more than starting Python.
"""

from __future__ import annotations

import json
import mmap
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.fingerprint import file_fingerprint, library_fingerprint
from store.index.place import index_root
from store.paths import ANNOTATIONS_FILE, LIBRARY_FILE

if TYPE_CHECKING:
    from store.index.engine import PaperIndex

EDITS_FILE = "edits.json"  # store.edits.EDITS_FILE (not imported: it pulls in the models)
KEYS_FILE = "citekeys.json"  # store.cite.keys.KEYS_FILE


def regular_file(path: Path) -> bool:
    """True when path is a regular file and no symbolic link (the only case read here)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


class IndexReader:
    """The fresh index of one home's library, or None; plus the marks and edits it reflects."""

    def __init__(self, home: Path, library_path: Path | None = None) -> None:
        """Attach to the store in home (optionally a separate library file); nothing is read."""
        self.home = Path(home)
        self.library = Path(library_path) if library_path else self.home / LIBRARY_FILE
        self.state: dict[str, Any] = {}
        self._index: PaperIndex | None = None

    def index(self) -> PaperIndex | None:
        """The index when it reflects the library, annotations and edits as they are now."""
        if self._index is not None:
            return self._index
        if not regular_file(self.library):
            return None
        root = index_root(self.home, self.library)
        state = self._state(root)
        if not state or not self._fresh(state):
            return None
        gen = state.get("generation")
        if not isinstance(gen, str) or not gen.startswith("g-"):
            return None
        from store.index.engine import PaperIndex

        try:
            self._index = PaperIndex(root / gen)
        except (ValueError, OSError):
            return None
        self.state = state
        return self._index

    def _state(self, root: Path) -> dict[str, Any]:
        """The index state ({} when missing, unreadable or of another format)."""
        from store.index.schema import FORMAT

        try:
            data = json.loads((root / "state.json").read_bytes())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("format") == FORMAT else {}

    def _fresh(self, state: dict[str, Any]) -> bool:
        """True when the state matches the library, annotations and edits on disk now."""
        from store.schema import SCHEMA_VERSION

        edits = self.home / EDITS_FILE
        return (state.get("library") == library_fingerprint(self.library, SCHEMA_VERSION)
                and state.get("annotations") == file_fingerprint(self.home / ANNOTATIONS_FILE)
                and state.get("edits", "-") == file_fingerprint(edits))

    def marks(self, paper_id: str) -> tuple[bool, bool, bool]:
        """(read, starred, noted) of a paper, as the fresh index's state records them."""
        found = (self.state.get("marks") or {}).get(paper_id)
        if not isinstance(found, list) or len(found) < 3:
            return (False, False, False)
        return (bool(found[0]), bool(found[1]), bool(found[2]))

    def edited(self, ids: list[str]) -> bool:
        """True when the user (or enrich) edited any of these papers (the Store rebuilds them)."""
        layers = self.state.get("edited") or {}
        return any(pid in layers for pid in ids)

    def keys_bytes(self) -> bytes | mmap.mmap | None:
        """The cite key file's bytes, mapped (b"" when there is none); None when it is a
        symlink or unreadable (then the Store answers)."""
        path = self.home / KEYS_FILE
        if not os.path.lexists(path):
            return b""
        if not regular_file(path):
            return None
        try:
            with path.open("rb") as f:
                return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            return b""
        except OSError:
            return None


def resolve_raw(index: PaperIndex, ref: str) -> dict[str, Any] | None:
    """The stored paper a reference names through the index: id, arXiv id (any version) or
    DOI exactly, else a unique id prefix of 3+ characters; None when none does."""
    raw = index.alt_hit(ref)
    if raw is None and len(ref) >= 3:
        hits = index.ids_with_prefix(ref)
        raw = index.raw(hits[0]) if len(hits) == 1 else None
    return raw
