"""All of arXiv, scaled down: stream a generated snapshot into a new store and measure it.

Run: python benchmarks/bench_snapshot.py [--papers 20000] [--batch 20000] [--keep]

Figures (goals from issue 11 are for 2.5M papers; run bigger sizes where you can afford it):
- import throughput end to end (parse, merge, split-library writes, index), papers/s, with
  the baseline of merely parsing the same lines with the pure importer in the same run;
- store plus index on disk as a multiple of the JSONL size (goal <= 3x);
- first rows (new process), ranked search-as-you-type p95, and `paperdeck search`/`show`
  wall time beside a bare `paperdeck --help` on the imported store.
CPU seconds are printed beside wall seconds: on a shared machine wall time overstates.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_library import FIRST_ROWS, p95, run_py, wall  # noqa: E402
from benchmarks.gen_arxiv_snapshot import write_snapshot  # noqa: E402
from importers.arxiv_snapshot import parse_lines  # noqa: E402
from store.imports.snapshot import BATCH, import_snapshot  # noqa: E402
from store.repository import Store  # noqa: E402

TYPED = ["video compression", "quantum graph", "author:wang learning", "cat:cs.cv diffusion"]


def du(path: Path) -> int:
    """Bytes under path."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Generate, import, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--dir", type=Path, default=None, help="work under this directory")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pd-snap-", dir=args.dir))
    try:
        return _run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, work: Path) -> int:
    """Generate, import and measure under work."""
    snap = work / "snapshot.json"
    size = write_snapshot(snap, args.papers)
    t = time.perf_counter()
    with open(snap, "rb") as handle:
        parsed = len(parse_lines(enumerate(handle, 1), source="s").papers)
    t_parse = time.perf_counter() - t
    home = work / "home"
    store = Store(home)
    t, cpu = time.perf_counter(), time.process_time()
    report = import_snapshot(store, snap, lambda lines, src: parse_lines(lines, source=src),
                             batch=args.batch)
    t_import, cpu_import = time.perf_counter() - t, time.process_time() - cpu
    assert report.finished and store.count() == parsed == args.papers
    print(f"{args.papers} papers, JSONL {size / 2**20:.0f} MiB")
    print(f"import end to end: {args.papers / t_import:,.0f} papers/s ({t_import:.1f} s); "
          f"parsing alone {args.papers / t_parse:,.0f} papers/s "
          f"(import = {t_parse / t_import:.2f}x of parse speed); goal >= 3,000 papers/s")
    print(f"  CPU {cpu_import:.1f} s: {args.papers / cpu_import:,.0f} papers per CPU second")
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
    some = store.search("", sort="order", limit=1).ids[0]
    bare = wall(["--help"], home)
    for label, argv_ in (("search", ["search", "video compression"]), ("show", ["show", some])):
        took = wall(argv_, home)
        print(f"paperdeck {label}: {took * 1000:.0f} ms wall, {took / bare:.2f}x a bare "
              f"--help ({bare * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
