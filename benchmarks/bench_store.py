"""Store benchmark: load, rows() cold and cached, and mark() at 2k/10k/100k synthetic papers.

Run: python benchmarks/bench_store.py [--sizes 2000,10000,100000] [--tinydb-max 10000]
Every figure is also given as a ratio to a baseline measured in the same run on the same file:
plain orjson.loads (and json.loads) for reads, a stock TinyDB JSONStorage update for mark().
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synth import write_library  # noqa: E402
from store.repository import Store  # noqa: E402


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of fn takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def tinydb_update(path: Path) -> float:
    """Seconds for stock TinyDB (JSONStorage) to mark one paper read in a copy of the library."""
    from tinydb import TinyDB

    copy = path.with_name("stock.json")
    shutil.copyfile(path, copy)
    db = TinyDB(copy)
    table = db.table("papers")
    took = timed(lambda: table.update({"read": True}, doc_ids=[1]))
    db.close()
    copy.unlink()
    return took


def bench(n: int, root: Path, tinydb_max: int) -> dict[str, float]:
    """All figures for a library of n papers."""
    home = root / f"lib{n}"
    build = timed(lambda: write_library(home, n))
    lib = home / "library.json"
    data = lib.read_bytes()
    figures: dict[str, float] = {"build_s": build, "mb": len(data) / 1e6}
    figures["orjson_loads"] = timed(lambda: orjson.loads(data))
    gc.collect()
    figures["json_loads"] = timed(lambda: json.loads(data))
    gc.collect()
    figures["load_papers"] = timed(lambda: Store(home).papers())
    shutil.rmtree(home / "cache", ignore_errors=True)
    figures["rows_cold"] = timed(lambda: Store(home).rows())
    figures["rows_cached"] = min(timed(lambda: Store(home).rows()) for _ in range(3))
    store = Store(home)
    ids = [row.id for row in store.rows()[:25]]
    before = lib.stat().st_mtime_ns
    marks = [timed(lambda pid=pid: store.mark(pid, read=True)) for pid in ids]
    figures["mark_median"] = statistics.median(marks)
    figures["mark_max"] = max(marks)
    figures["library_mtime_unchanged"] = float(lib.stat().st_mtime_ns == before)
    if n <= tinydb_max:
        figures["tinydb_update"] = tinydb_update(lib)
    shutil.rmtree(home, ignore_errors=True)
    return figures


def report(n: int, f: dict[str, float]) -> None:
    """Print one size's figures with their ratios to the baselines."""
    base = f["orjson_loads"]
    print(f"\n== {n} papers: {f['mb']:.1f} MB library (synthesised in {f['build_s']:.1f} s)")
    print(f"  baseline orjson.loads       {base:8.3f} s   (json.loads {f['json_loads']:.3f} s)")
    for key, label in (
        ("load_papers", "Store().papers() load"),
        ("rows_cold", "rows() cold (no cache)"),
        ("rows_cached", "rows() from cache"),
    ):
        print(f"  {label:<28}{f[key]:8.3f} s   = {f[key] / base:6.2f} x orjson.loads")
    mark_ms = f["mark_median"] * 1000
    verdict = "OK" if mark_ms <= 20 else "OVER GOAL"
    print(
        f"  mark() read                 {mark_ms:8.2f} ms  median (max {f['mark_max'] * 1000:.2f}"
        f" ms; goal <= 20 ms: {verdict}); library.json mtime unchanged: "
        f"{bool(f['library_mtime_unchanged'])}"
    )
    if "tinydb_update" in f:
        ratio = f["tinydb_update"] / f["mark_median"]
        print(
            f"  stock TinyDB update         {f['tinydb_update'] * 1000:8.1f} ms  "
            f"(mark() is {ratio:.0f} x faster)"
        )


def main() -> None:
    """Parse arguments, run every size, print the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,10000,100000")
    parser.add_argument("--tinydb-max", type=int, default=10000, help="largest size for TinyDB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="paperdeck-bench-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            report(n, bench(n, Path(tmp), args.tinydb_max))


if __name__ == "__main__":
    main()
