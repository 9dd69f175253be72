"""Cite benchmark: what the user's layer (stable keys, edits) costs on top of reading papers.

Run: python benchmarks/bench_cite.py [--sizes 2000,20000]
Figures are ratios to a baseline measured in the same run on the same file: a cold read of the
library's papers without the user's layer (parse + build).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synth import write_library  # noqa: E402
from store.bibtex_export import to_bibtex  # noqa: E402
from store.repository import Store  # noqa: E402


def best(fn: Callable[[], object], runs: int = 3) -> float:
    """The best of a few timings of fn, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench(n: int) -> None:
    """One size: a cold read without the overlay (baseline), the first key assignment, cold
    and warm papers() with keys, with 50 edits, and a BibTeX export of everything."""
    home = Path(tempfile.mkdtemp(prefix="bench-cite-"))
    try:
        write_library(home, n)
        base = best(lambda: Store(home)._lib().papers())  # parse + build, no user layer
        store = Store(home)
        store._lib().papers()
        start = time.perf_counter()
        store.cite_keys()
        assign = time.perf_counter() - start
        cold = best(lambda: Store(home).papers())
        warm = best(store.papers)
        for paper in store.papers()[:50]:
            store.set_edits(paper.id, {"title": paper.title + " (edited)"})
        edited = best(lambda: Store(home).papers())
        export = best(lambda: to_bibtex(store.papers()), runs=1)
        print(f"{n:>7} papers: baseline cold read {base * 1000:7.0f} ms | first key "
              f"assignment {assign / base:.2f}x | cold papers() with keys {cold / base:.2f}x, "
              f"with 50 edits {edited / base:.2f}x | warm papers() {warm / base:.3f}x | "
              f"BibTeX export of all {export / base:.2f}x")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    """Parse --sizes and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,20000")
    for n in (int(s) for s in parser.parse_args().sizes.split(",")):
        bench(n)


if __name__ == "__main__":
    main()
