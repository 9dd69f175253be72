"""Atomic, locked file writes: temp file, fsync, os.replace, fsync of the directory."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from store.errors import StoreError

CRASH_ENV = "PAPERDECK_CRASH_POINT"  # e.g. "after-temp-write" (kill before os.replace)
CRASH_FILE_ENV = "PAPERDECK_CRASH_FILE"  # only crash when writing this file name
CRASH_SKIP_ENV = "PAPERDECK_CRASH_SKIP"  # let this many matching writes pass first
CRASH_POINTS = (
    "before-temp-write", "mid-temp-write", "after-temp-write", "after-replace", "mid-backup"
)
LOCK_TIMEOUT = 30.0

_crash_hits = 0
_before_write: list[Callable[[Path], None]] = []


def on_before_write(hook: Callable[[Path], None]) -> None:
    """Call hook(path) before every atomic write (the undo journal saves the old bytes)."""
    if hook not in _before_write:
        _before_write.append(hook)


def maybe_crash(point: str, path: Path) -> None:
    """SIGKILL this process at a chosen point when the test hooks in the environment ask."""
    global _crash_hits
    if os.environ.get(CRASH_ENV) != point:
        return
    wanted = os.environ.get(CRASH_FILE_ENV)
    if wanted and wanted != path.name:
        return
    _crash_hits += 1
    if _crash_hits > int(os.environ.get(CRASH_SKIP_ENV, "0") or 0):
        os.kill(os.getpid(), signal.SIGKILL)


def lock_path(path: Path) -> Path:
    """The lock file guarding path: `<file>.lock` next to it."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the inter-process lock of path (reentrant within a process)."""
    from filelock import FileLock, Timeout  # (a read-only command never imports it)

    lock = FileLock(str(lock_path(path)), timeout=timeout, is_singleton=True)
    try:
        lock.acquire()
    except Timeout as exc:
        raise StoreError(
            f"{path}: timed out waiting for the lock {lock_path(path).name}; "
            "is another paperdeck writing?",
            path=path,
        ) from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot create lock file ({exc.strerror})", path=path) from exc
    try:
        yield
    finally:
        lock.release()


def _temp_prefix(path: Path) -> str:
    """Prefix of the temp files written next to path."""
    return f".{path.name}."


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left next to path (call while holding the lock)."""
    prefix = _temp_prefix(path)
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def fsync_dir(directory: Path) -> None:
    """fsync a directory so a rename inside it is durable."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def current_umask() -> int:
    """The process umask (read from /proc where possible, so no other thread sees it change)."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii", errors="replace") as handle,
    ):
        for line in handle:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def real_file(path: Path) -> Path:
    """path with symlinks resolved (a synced-folder link keeps pointing at its target);
    StoreError for a dangling link or an existing file that is not a regular file."""
    if not os.path.islink(path):
        check_regular(path)
        return path
    target = Path(os.path.realpath(path))
    if not os.path.lexists(target):
        raise StoreError(
            f"{path}: dangling symbolic link to {target}; fix or remove the link", path=path
        )
    check_regular(target, shown=path)
    return target


def check_regular(path: Path, shown: Path | None = None) -> None:
    """StoreError when path exists but is not a regular file (a FIFO, a device, a directory)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{shown or path}: cannot read ({exc.strerror})", path=path) from exc
    if not stat.S_ISREG(mode):
        raise StoreError(
            f"{shown or path}: not a regular file (a directory, FIFO or device); "
            "refusing to use it as a store file",
            path=path,
        )


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace path with data atomically; hold locked(path) around it to serialise writers.

    A symbolic link is written through (its target is replaced, the link stays); a file
    that exists and is not regular is refused; a new file gets 0666 less the umask. The
    before-write hooks (the undo journal) see the file first."""
    half, view = len(data) // 2, memoryview(data)  # (halves without copies)
    atomic_write_pieces(path, (view[:half], view[half:]))


def atomic_write_pieces(path: Path, pieces: Iterable[bytes | memoryview]) -> None:
    """atomic_write_bytes of the pieces' concatenation, written as they come (an export of
    any size is never held whole); an error from pieces leaves path as it was."""
    path = real_file(path)
    for hook in _before_write:
        hook(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror})", path=path) from exc
    remove_stale_temps(path)
    maybe_crash("before-temp-write", path)
    try:
        import tempfile  # (only writers need it)

        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror})", path=path) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            for n, piece in enumerate(pieces):
                if n == 1 and os.environ.get(CRASH_ENV) == "mid-temp-write":
                    handle.flush()
                    maybe_crash("mid-temp-write", path)
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o666 & ~current_umask())
        maybe_crash("after-temp-write", path)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise StoreError(f"{path}: cannot write ({exc.strerror})", path=path) from exc
        raise
    maybe_crash("after-replace", path)
    fsync_dir(path.parent)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist; StoreError for a dangling link or a
    file that is not regular (a FIFO or /dev/zero is never read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        if os.path.islink(path):
            real_file(path)  # raises: a dangling link is an error, not a missing file
        return None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})", path=path) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            check_regular(path)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})", path=path) from exc
    finally:
        os.close(fd)


def is_writable(path: Path) -> bool:
    """True when path (or, if missing, its nearest existing parent directory) can be written.

    A file without any write bit is read-only for everyone, root included (a shared library
    someone chmod-ed 444), so the mode bits are checked as well as os.access."""
    if path.exists():
        mode = path.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return False
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return os.access(parent, os.W_OK)
