"""First start right after an import: rows(), collections() and sections() of a new Store.

Run: python benchmarks/bench_first_start.py [--sizes 2000,10000,100000]
The import (apply_import into an empty home) writes the rows and nav caches, so a new Store
should answer the first screen without parsing library.json. Figures are given against
orjson.loads of the same library file (measured in the same run), and against the old path:
the same calls after the caches are deleted (one full parse).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synth import make_papers, make_sections  # noqa: E402
from store.models import Collection, Paper, Section  # noqa: E402
from store.repository import Store  # noqa: E402

GOAL_S = 1.0


@dataclass
class SynthResult:
    """An import result of synthetic papers (fits store.imports.ImportLike)."""

    papers: list[Paper]
    sections: list[Section]
    collections: list[Collection]
    warnings: list[object] = field(default_factory=list)


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of fn takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def first_screen(home: Path) -> float:
    """Seconds a brand-new Store takes to give rows, collections and sections."""

    def run() -> None:
        """What the app does before its first paint."""
        store = Store(home)
        store.rows()
        store.collections()
        store.sections()

    return timed(run)


def bench(n: int, root: Path) -> dict[str, float]:
    """All figures for a library of n papers."""
    home = root / f"home{n}"
    colls, secs = make_sections()
    res = SynthResult(make_papers(n), secs, colls)
    figures = {"import": timed(lambda: Store(home).apply_import(res, source="s", importer="x"))}
    data = (home / "library.json").read_bytes()
    figures["mb"] = len(data) / 1e6
    figures["orjson_loads"] = min(timed(lambda: orjson.loads(data)) for _ in range(2))
    figures["first_start"] = first_screen(home)
    figures["warm_start"] = min(first_screen(home) for _ in range(3))
    shutil.rmtree(home / "cache")
    figures["no_cache_start"] = first_screen(home)
    figures["rebuilt_start"] = first_screen(home)
    shutil.rmtree(home, ignore_errors=True)
    return figures


def report(n: int, f: dict[str, float]) -> None:
    """Print one size's figures with their ratios to the baselines."""
    base = f["orjson_loads"]
    verdict = "OK" if f["first_start"] <= GOAL_S else "OVER GOAL"
    print(f"\n== {n} papers: {f['mb']:.1f} MB library, apply_import took {f['import']:.1f} s")
    print(f"  baseline orjson.loads            {base:8.3f} s")
    for key, label in (
        ("first_start", "first start after import"),
        ("warm_start", "later starts (best of 3)"),
        ("no_cache_start", "start with cache/ deleted"),
        ("rebuilt_start", "next start (cache rebuilt)"),
    ):
        print(f"  {label:<32}{f[key]:8.3f} s   = {f[key] / base:6.2f} x orjson.loads")
    speedup = f["no_cache_start"] / f["first_start"]
    print(f"  first start: {speedup:.1f} x faster than a full parse; goal <= {GOAL_S} s: {verdict}")


def main() -> None:
    """Parse arguments, run every size, print the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,10000,100000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="paperdeck-first-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            report(n, bench(n, Path(tmp)))


if __name__ == "__main__":
    main()
