"""Freshness keys of store files (stat-based, no parse): what the derived index and the caches
compare to know whether they still reflect the store of record. Light: os and sha1 only."""

from __future__ import annotations

import contextlib
import os
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


def library_fingerprint(path: Path, schema_version: int) -> str:
    """Freshness key of a library file: resolved path, size, mtime_ns, inode, ctime_ns (an
    in-place same-size copy that kept the old mtime still changes it), schema version."""
    try:
        st = os.stat(path)
        size, mtime, ino, ctime = st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns
    except FileNotFoundError:
        size = mtime = ino = ctime = -1
    return f"{path.resolve()}|{size}|{mtime}|{ino}|{ctime}|v{schema_version}{_parts_stamp(path)}"


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
