"""Cite benchmark: what the user's layer (stable keys, edits) costs on top of reading papers.

Run: python benchmarks/bench_cite.py [--sizes 2000,20000]
Figures are ratios to a baseline measured in the same run on the same file: the library's own
papers without the overlay (LoadedLibrary.papers()).
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
    """One size: first key assignment, papers() with overlay vs without, a BibTeX export."""
    home = Path(tempfile.mkdtemp(prefix="bench-cite-"))
    try:
        write_library(home, n)
        store = Store(home)
        raw = store._lib().papers  # the baseline: papers as the library gives them
        base = best(raw)
        start = time.perf_counter()
        store.cite_keys()
        assign = time.perf_counter() - start
        overlaid = best(store.papers)
        for paper in store.papers()[:50]:
            store.set_edits(paper.id, {"title": paper.title + " (edited)"})
        edited = best(store.papers)
        export = best(lambda: to_bibtex(store.papers()), runs=1)
        print(f"{n:>7} papers: baseline papers() {base * 1000:8.1f} ms | "
              f"first key assignment {assign * 1000:8.1f} ms ({assign / base:.1f}x) | "
              f"papers() with keys {overlaid / base:.2f}x | with 50 edits {edited / base:.2f}x "
              f"| BibTeX export {export / base:.1f}x")
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
