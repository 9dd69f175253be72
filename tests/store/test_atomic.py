"""Atomic locked writes: content, permissions, leftovers and the crash hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.atomic import atomic_write_bytes, lock_path, locked, remove_stale_temps

REPO = Path(__file__).resolve().parents[2]


def test_write_replaces_content_and_leaves_no_temp(tmp_path: Path) -> None:
    """A write replaces the file whole and leaves only the file (and its lock) behind."""
    target = tmp_path / "f.json"
    with locked(target):
        atomic_write_bytes(target, b"one")
        atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert {p.name for p in tmp_path.iterdir()} <= {"f.json", lock_path(target).name}


def test_stale_temps_are_removed(tmp_path: Path) -> None:
    """Temp files left by a killed writer are deleted by the next write."""
    target = tmp_path / "f.json"
    stale = tmp_path / ".f.json.abc.tmp"
    stale.write_bytes(b"half")
    other = tmp_path / ".g.json.abc.tmp"
    other.write_bytes(b"not mine")
    remove_stale_temps(target)
    assert not stale.exists()
    assert other.exists()


def test_permissions_are_kept(tmp_path: Path) -> None:
    """A rewrite keeps the file's mode instead of mkstemp's 0600."""
    target = tmp_path / "f.json"
    target.write_bytes(b"x")
    os.chmod(target, 0o640)
    atomic_write_bytes(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o640


_UNWRITABLE_CHECK = """
import sys
from pathlib import Path
from store.atomic import atomic_write_bytes, is_writable
from store.errors import StoreError
target = Path(sys.argv[1]) / "f.json"
assert not is_writable(target)
try:
    atomic_write_bytes(target, b"x")
except StoreError as exc:
    print("refused:", exc)
"""


def _unprivileged() -> list[str]:
    """A command prefix that drops root's permission override (a user namespace) when root."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    assert unshare, "running as root: unshare is needed to test permissions for real"
    return [unshare, "--user", "--map-user=1000", "--"]


def test_unwritable_directory_raises_store_error(tmp_path: Path) -> None:
    """Writing into a read-only directory is a StoreError naming the file (also under root,
    through a user namespace in which root's permission override does not apply)."""
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o555)
    try:
        proc = subprocess.run(
            [*_unprivileged(), sys.executable, "-c", _UNWRITABLE_CHECK, str(ro)],
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
            cwd=REPO,
            capture_output=True,
            text=True,
        )
    finally:
        os.chmod(ro, 0o755)
    assert proc.returncode == 0, proc.stderr
    assert "refused:" in proc.stdout and "f.json" in proc.stdout
    assert list(ro.iterdir()) == []


@pytest.mark.parametrize("point", ["mid-temp-write", "after-temp-write", "before-temp-write"])
def test_crash_point_keeps_old_content(tmp_path: Path, point: str) -> None:
    """A writer killed before os.replace leaves the previous content intact."""
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    code = (
        "import sys; from pathlib import Path; from store.atomic import atomic_write_bytes;"
        "atomic_write_bytes(Path(sys.argv[1]), b'new' * 1000); print('done')"
    )
    env = {**os.environ, "PAPERDECK_CRASH_POINT": point, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", code, str(target)], env=env, capture_output=True, text=True
    )
    assert proc.returncode == -9
    assert "done" not in proc.stdout
    assert target.read_bytes() == b"old"


def test_crash_after_replace_has_new_content(tmp_path: Path) -> None:
    """A writer killed right after os.replace has already published the new content."""
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    code = (
        "import sys; from pathlib import Path; from store.atomic import atomic_write_bytes;"
        "atomic_write_bytes(Path(sys.argv[1]), b'new')"
    )
    env = {**os.environ, "PAPERDECK_CRASH_POINT": "after-replace", "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", code, str(target)], env=env)
    assert proc.returncode == -9
    assert target.read_bytes() == b"new"
