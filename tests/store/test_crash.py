"""Crash safety: SIGKILL a writer at random moments and at chosen points, then open the store."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.repository import Store

WRITER = Path(__file__).with_name("store_writer.py")
REPO = Path(__file__).resolve().parents[2]
POINTS = ("before-temp-write", "mid-temp-write", "after-temp-write", "after-replace")
FILES = ("library.json", "annotations.json")


def _verify(home: Path, acked_tags: set[int], acked_papers: set[int]) -> None:
    """The store opens, and every acknowledged write is in it."""
    store = Store(home)
    titles = {p.title for p in store.papers()}
    tags = {t for a in store.annotations().values() for t in a.tags}
    assert {f"t{i}" for i in acked_tags} <= tags
    assert {f"Paper {i}" for i in acked_papers} <= titles
    assert len(store.rows()) == len(titles)


def _round(home: Path, start: int, rng: random.Random, env: dict[str, str] | None) -> tuple:
    """Run one writer until it is killed; returns (returncode, acked tags, acked papers)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), "crash", str(home), str(start)],
        stdout=subprocess.PIPE,
        text=True,
        env=full_env,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    if env is None:
        for _ in range(rng.randint(0, 12)):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        time.sleep(rng.uniform(0, 0.03))
        proc.kill()
    out, _ = proc.communicate(timeout=60)
    lines.extend(out.splitlines())
    tags = {int(x.split()[1]) for x in lines if x.startswith("A ")}
    papers = {int(x.split()[1]) for x in lines if x.startswith("L ")}
    return proc.returncode, tags, papers


def _kill_many(home: Path, random_kills: int, point_rounds: int, seed: int) -> int:
    """Alternate random and chosen-point kills on one store, verifying after each."""
    rng = random.Random(seed)
    acked_tags: set[int] = set()
    acked_papers: set[int] = set()
    kills = 0
    plan: list[dict[str, str] | None] = [None] * random_kills
    for _ in range(point_rounds):
        for point in POINTS:
            for name in FILES:
                plan.append(
                    {
                        "PAPERDECK_CRASH_POINT": point,
                        "PAPERDECK_CRASH_FILE": name,
                        "PAPERDECK_CRASH_SKIP": str(rng.randint(0, 3)),
                    }
                )
    rng.shuffle(plan)
    for n, env in enumerate(plan):
        code, tags, papers = _round(home, n * 100_000, rng, env)
        assert code == -9, f"writer was not killed (exit {code}) with {env}"
        kills += 1
        acked_tags |= tags
        acked_papers |= papers
        _verify(home, acked_tags, acked_papers)
    assert acked_tags and acked_papers
    return kills


def test_kills_lose_no_acknowledged_write(tmp_path: Path) -> None:
    """A few dozen kills: 0 unreadable stores, 0 lost acknowledged writes."""
    assert _kill_many(tmp_path, random_kills=16, point_rounds=1, seed=1) == 24


@pytest.mark.slow
def test_kills_soak(tmp_path: Path) -> None:
    """300 kills, random moments and chosen points."""
    assert _kill_many(tmp_path, random_kills=260, point_rounds=5, seed=2) == 300
