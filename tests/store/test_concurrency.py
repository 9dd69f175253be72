"""Two processes marking at once: every write lands, none is lost, no errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from store.repository import Store

WRITER = Path(__file__).with_name("store_writer.py")
REPO = Path(__file__).resolve().parents[2]
COUNT = 200


def test_two_writers_make_exact_counts(tmp_path: Path) -> None:
    """Each process makes 200 writes to a shared paper and 200 to its own; counts are exact."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "concurrent", str(tmp_path), name, str(COUNT)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("a", "b")
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.startswith("done") and err == ""
    notes = Store(tmp_path).annotations()
    shared = notes["shared"].tags
    assert len(shared) == 2 * COUNT and len(set(shared)) == 2 * COUNT
    assert {t for t in shared if t.startswith("a-")} == {f"a-{i}" for i in range(COUNT)}
    for name in ("a", "b"):
        own = notes[f"own-{name}"]
        assert own.tags == [str(i) for i in range(COUNT)]
        assert own.read is False
