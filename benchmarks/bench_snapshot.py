"""All of arXiv, scaled down: stream a generated snapshot into a new store and measure it.

Run: python benchmarks/bench_snapshot.py [--papers 20000] [--batch 5000]

Figures (goals from issue 11 are for 2.5M papers; run bigger sizes where you can afford it):
- import throughput end to end (parse, merge, split-library writes, index), papers/s, with
  the baseline of merely parsing the same lines with the pure importer in the same run;
- store plus index on disk as a multiple of the JSONL size (goal <= 3x);
- first rows (new process) and ranked search-as-you-type p95 on the imported store.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_library import FIRST_ROWS, p95, run_py  # noqa: E402
from benchmarks.gen_arxiv_snapshot import write_snapshot  # noqa: E402
from importers.arxiv_snapshot import parse_lines  # noqa: E402
from store.repository import Store  # noqa: E402
from store.snapshot_import import import_snapshot  # noqa: E402

TYPED = ["video compression", "quantum graph", "author:wang learning", "cat:cs.cv diffusion"]


def du(path: Path) -> int:
    """Bytes under path."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Generate, import, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=5_000)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pd-snap-"))
    snap = work / "snapshot.json"
    size = write_snapshot(snap, args.papers)
    t = time.perf_counter()
    with open(snap, "rb") as handle:
        parsed = len(parse_lines(enumerate(handle, 1), source="s").papers)
    t_parse = time.perf_counter() - t
    home = work / "home"
    store = Store(home)
    t = time.perf_counter()
    report = import_snapshot(store, snap, lambda lines, src: parse_lines(lines, source=src),
                             batch=args.batch)
    t_import = time.perf_counter() - t
    assert report.finished and store.count() == parsed == args.papers
    print(f"{args.papers} papers, JSONL {size / 2**20:.0f} MiB")
    print(f"import end to end: {args.papers / t_import:,.0f} papers/s ({t_import:.1f} s); "
          f"parsing alone {args.papers / t_parse:,.0f} papers/s "
          f"(import = {t_parse / t_import:.2f}x of parse speed); goal >= 3,000 papers/s")
    lib, index = du(home / "library.parts") + (home / "library.json").stat().st_size, du(
        home / "index")
    print(f"on disk: library {lib / 2**20:.0f} MiB + index {index / 2**20:.0f} MiB = "
          f"{(lib + index) / size:.2f}x the JSONL; goal <= 3x")
    first = float(run_py(FIRST_ROWS.format(call="s.page('all', 'order', '', 0, 50)"), home)
                  .split()[0])
    print(f"first rows (new process): {first * 1000:.0f} ms; goal <= 1 s")
    keys = []
    for q in TYPED:
        for k in range(1, len(q) + 1):
            t = time.perf_counter()
            store.search(q[:k], limit=50)
            keys.append(time.perf_counter() - t)
    print(f"ranked search as you type ({len(keys)} keys): median "
          f"{statistics.median(keys) * 1000:.1f} ms, p95 {p95(keys) * 1000:.1f} ms; "
          "goal <= 30 ms p95")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
