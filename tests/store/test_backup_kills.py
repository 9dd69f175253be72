"""Kills during imports leave `backups/` clean once the next import ran (issue #12 item 6)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import orjson

from store.repository import Store
from tests.store.storehelp import paper, result

WRITER = Path(__file__).with_name("store_writer.py")
REPO = Path(__file__).resolve().parents[2]


def _writer(home: Path, start: int, env: dict[str, str], wait: float | None) -> int:
    """Run the crash writer until killed (by a crash point, or by us after wait seconds)."""
    proc = subprocess.Popen([sys.executable, str(WRITER), "crash", str(home), str(start)],
                            stdout=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(REPO), **env})
    if wait is not None:
        time.sleep(wait)
        proc.kill()
    return proc.wait(timeout=60)


def _assert_backups_clean(home: Path) -> None:
    """No temp file, at most three backups per library, each one a readable library."""
    names = sorted(p.name for p in (home / "backups").iterdir())
    assert not [n for n in names if n.endswith(".tmp")], names
    assert 1 <= len(names) <= 3, names
    for name in names:
        assert isinstance(orjson.loads((home / "backups" / name).read_bytes()), dict)


def test_kill_mid_backup_then_clean(tmp_path: Path) -> None:
    """A writer killed while copying a backup leaves a temp; the next import removes it."""
    home = tmp_path / "home"
    Store(home).apply_import(result(paper("Seed")), source="seed", importer="test")
    code = _writer(home, 0, {"PAPERDECK_CRASH_POINT": "mid-backup"}, None)
    assert code == -9
    assert [p for p in (home / "backups").iterdir() if p.name.endswith(".tmp")]
    Store(home).apply_import(result(paper("After")), source="after", importer="test")
    _assert_backups_clean(home)


def test_random_kills_leave_backups_clean(tmp_path: Path) -> None:
    """A dozen kills at random moments (and at the backup point), then one import: clean."""
    home = tmp_path / "home"
    Store(home).apply_import(result(paper("Seed")), source="seed", importer="test")
    rng = random.Random(12)
    for n in range(12):
        env = {"PAPERDECK_CRASH_POINT": "mid-backup",
               "PAPERDECK_CRASH_SKIP": str(rng.randint(0, 3))} if n % 3 == 0 else {}
        code = _writer(home, n * 100_000, env, None if env else rng.uniform(0.3, 1.5))
        assert code == -9
    Store(home).apply_import(result(paper("Final")), source="final", importer="test")
    _assert_backups_clean(home)
    assert "Final" in {p.title for p in Store(home).papers()}
