"""Command-line benchmark: `paperdeck search` wall time and mark-read time at 2k/10k/100k papers.

Run: python benchmarks/bench_cli.py [--sizes 2000,10000,100000]
Baseline, measured in the same run: the wall time of a bare `python -c "import tui"`.
Goals (issue 2): search <= 1 s wall at 100k; marking a paper read <= 20 ms at 100k with the
library file's mtime unchanged.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synth import write_library  # noqa: E402
from store.repository import Store  # noqa: E402

QUERIES = ["video", "author:zhang year:2019..2022", '"low light" -blur', "has:code den"]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds one run of cmd takes, from spawn to exit."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def median_wall(cmd: list[str], env: dict[str, str], runs: int = 3) -> float:
    """Median wall time over runs."""
    return statistics.median(wall(cmd, env) for _ in range(runs))


def bench(n: int, root: Path, baseline: float, env: dict[str, str]) -> dict[str, float]:
    """Figures for one library size."""
    home = root / f"lib{n}"
    write_library(home, n)
    env = {**env, "PAPERDECK_HOME": str(home)}
    exe = [sys.executable, "-m", "tui.cli"]
    cold = wall([*exe, "search", QUERIES[0]], env)  # builds the search cache
    warm = statistics.median(median_wall([*exe, "search", q], env) for q in QUERIES)
    store = Store(home)
    pid = store.rows()[n // 2].id
    library = store.library_path
    mtime = library.stat().st_mtime_ns
    marks = []
    for i in range(20):
        start = time.perf_counter()
        store.mark(pid, read=bool(i % 2))
        marks.append(time.perf_counter() - start)
    return {
        "n": n,
        "cold": cold,
        "warm": warm,
        "ratio": warm / baseline,
        "mark_ms": statistics.median(marks) * 1000,
        "mark_max_ms": max(marks) * 1000,
        "mtime_same": float(library.stat().st_mtime_ns == mtime),
    }


def main() -> None:
    """Build libraries, time the commands, print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    env = {**os.environ, "NO_COLOR": "1"}
    baseline = median_wall([sys.executable, "-c", "import tui"], env, runs=5)
    print(f"baseline: python -c 'import tui' = {baseline * 1000:.0f} ms (median of 5)")
    head = "papers  search cold  search warm  vs baseline  mark median  mark max  library mtime"
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory(prefix="paperdeck-bench-") as tmp:
        for n in sizes:
            r = bench(n, Path(tmp), baseline, env)
            print(
                f"{n:>6}  {r['cold']:>9.2f} s  {r['warm']:>9.2f} s  {r['ratio']:>10.1f}x"
                f"  {r['mark_ms']:>9.1f} ms  {r['mark_max_ms']:>6.1f} ms"
                f"  {'unchanged' if r['mtime_same'] else 'CHANGED'}"
            )
    print("goals at 100k: search warm <= 1.0 s; mark <= 20 ms with the library mtime unchanged")


if __name__ == "__main__":
    main()
