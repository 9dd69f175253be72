"""Where a library's index lives: beside the store, or in a private temp folder when the
store's home cannot be written (a read-only or shared home), so search never scans."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from store.fingerprint import sha1


def _writable(folder: Path) -> bool:
    """True when folder (or, while it does not exist yet, its nearest parent) can be written."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def _private(folder: Path) -> bool:
    """Create folder as this user's alone (0700) and check it is: not a symlink, not shared."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == owner
            and not info.st_mode & 0o077)


def index_root(home: Path, library_path: Path) -> Path:
    """The index folder of the library at library_path for the store in home."""
    digest = sha1(str(library_path.resolve()).encode()).hexdigest()[:12]
    beside = home / "index"
    if _writable(beside):
        return beside / digest
    import tempfile  # (late: only for a home that cannot be written)

    user = getattr(os, "getuid", lambda: "user")()
    private = Path(tempfile.gettempdir()) / f"paperdeck-{user}"
    return private / "index" / digest if _private(private) else beside / digest
