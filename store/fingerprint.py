"""Freshness keys of store files (stat-based, no parse): what the derived index and the caches
compare to know whether they still reflect the store of record. Light: os and sha1 only."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

try:  # CPython's own SHA-1: the same digests as hashlib's without loading OpenSSL (~3 ms)
    from _sha1 import sha1 as _sha1
except ImportError:  # pragma: no cover (other interpreters)
    from hashlib import sha1 as _sha1


def sha1(data: bytes = b"") -> Any:
    """A SHA-1 hash object (hashlib.sha1's digests)."""
    return _sha1(data)


def file_fingerprint(path: Path) -> str:
    """size|mtime_ns|inode|ctime_ns of a file ("-" when missing); ctime catches an in-place
    same-size rewrite that kept the old mtime."""
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|{st.st_ctime_ns}"


def library_fingerprint(path: Path, schema_version: int,
                        parts: PartsStamp | None = None) -> str:
    """Freshness key of a library file: resolved path, size, mtime_ns, inode, ctime_ns (an
    in-place same-size copy that kept the old mtime still changes it), schema version; parts:
    a long-lived process's memo of the part files' stamp."""
    try:
        st = os.stat(path)
        size, mtime, ino, ctime = st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns
    except FileNotFoundError:
        size = mtime = ino = ctime = -1
    stamp = _parts_stamp(path) if parts is None else parts(path, f"{size}|{mtime}|{ino}|{ctime}")
    return f"{path.resolve()}|{size}|{mtime}|{ino}|{ctime}|v{schema_version}{stamp}"


class PartsStamp:
    """The parts' stamp of one library, re-scanned only when the manifest or the parts folder
    changed, or after MAX_AGE seconds: a paperdeck write always adds part files (named by
    content) and replaces the manifest, so only another tool's in-place edit of a part waits
    for the next scan (2.5M papers: 684 part files, ~10 ms a scan, once per keystroke)."""

    MAX_AGE = 1.0

    def __init__(self) -> None:
        """No stamp yet."""
        self._held: tuple[str, float, str] | None = None  # (key, taken at, stamp)

    def __call__(self, path: Path, manifest: str) -> str:
        """_parts_stamp(path), from the memo when nothing it depends on changed."""
        try:
            st = os.stat(path.with_name(path.stem + ".parts"))
            key = f"{manifest}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}"
        except OSError:
            key = manifest + "|-"
        now = time.monotonic()
        held = self._held
        if held is not None and held[0] == key and now - held[1] < self.MAX_AGE:
            return held[2]
        stamp = _parts_stamp(path)
        self._held = (key, now, stamp)
        return stamp


def _parts_stamp(path: Path) -> str:
    """A digest of the stats of a split library's part files ("" when it has none), so an
    in-place change of a part is noticed like one of the manifest."""
    parts = path.with_name(path.stem + ".parts")
    try:
        entries = sorted(os.scandir(parts), key=lambda e: e.name)
    except OSError:
        return ""
    digest = sha1()
    for entry in entries:
        with contextlib.suppress(OSError):
            st = entry.stat()
            digest.update(f"{entry.name}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|"
                          f"{st.st_ctime_ns}\n".encode())
    return "|p" + digest.hexdigest()[:16]
