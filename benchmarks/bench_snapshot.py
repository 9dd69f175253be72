"""All of arXiv: stream a (generated) snapshot into a new store and measure every issue-11 goal.

Run (a small one, in a temporary directory):
    python benchmarks/bench_snapshot.py [--papers 20000] [--batch 20000] [--keep] [--tui]
The 2.5M run (issue 11), from a frozen copy of the code, home kept for re-measuring:
    python benchmarks/gen_arxiv_snapshot.py /work/big/snapshot-2.5m.jsonl --papers 2500000
    nice -n 10 python benchmarks/bench_snapshot.py --snapshot /work/big/snapshot-2.5m.jsonl \
        --home /work/big/home --batch 50000 --tui > /work/big/bench-2.5m.log 2>&1
(The issue-11 run of 2026-11-29 ran exactly this from `git archive e767bf2` unpacked in
/work/big/code, with this repository's venv python, so later edits could not change it mid-run.)
Re-measure that home later without importing again (search, first rows, TUI, disk):
    nice -n 10 python benchmarks/bench_snapshot.py --snapshot /work/big/snapshot-2.5m.jsonl \
        --home /work/big/home --skip-import --tui

Figures, each beside its goal and a baseline from the same run:
- import throughput end to end (parse, merge, split-library writes, index), papers/s wall and
  per CPU second, with `uptime` load; floors measured on the first --sample lines in the same
  run: orjson.loads alone, the pure importer alone, index documents alone, and tantivy adding
  and committing prebuilt documents alone;
- store plus index on disk as a multiple of the JSONL size (goal <= 3x);
- first rows in a new process (goal <= 1 s) beside a bare `import store.repository`;
- ranked search-as-you-type p95 (goal <= 30 ms) beside an unranked first page, with the
  slowest prefixes named;
- with --tui: open to first rows (goal <= 1 s) and TUI peak memory (goal <= 500 MB) beside a
  bare Textual app (benchmarks/bench_tui.py's child processes);
- `paperdeck search`/`show` wall time beside a bare `paperdeck --help`.
CPU seconds are printed beside wall seconds: on a shared machine wall time overstates.
"""

from __future__ import annotations

import argparse
import itertools
import os
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


def load() -> str:
    """The machine's load averages (as `uptime` prints them)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def say(text: str) -> None:
    """Print a figure at once (the log of a long run is read while it runs)."""
    print(text, flush=True)


def parse(lines: list[tuple[int, bytes]], source: str) -> object:
    """The pure importer, as the CLI passes it."""
    return parse_lines(lines, source=source)


def main(argv: list[str] | None = None) -> int:
    """Generate (or take) a snapshot, import, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--dir", type=Path, default=None, help="work under this directory")
    parser.add_argument("--snapshot", type=Path, help="an existing snapshot (not generated)")
    parser.add_argument("--home", type=Path, help="the store's home (kept; must be new "
                        "unless --skip-import)")
    parser.add_argument("--skip-import", action="store_true", help="measure --home as it is")
    parser.add_argument("--sample", type=int, default=20_000, help="lines for the floors")
    parser.add_argument("--tui", action="store_true", help="also time the TUI (first rows, "
                        "memory)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pd-snap-", dir=args.dir))
    try:
        return _run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def floors(snap: Path, sample: int, work: Path) -> None:
    """Per-paper costs of the parts alone, on the first sample lines (same run, same load)."""
    import orjson

    from store.index.engine import PaperIndex
    from store.records import paper_to_raw

    with open(snap, "rb") as handle:
        lines = list(itertools.islice(handle, sample))
    n = len(lines)

    def timed(label: str, work_: object) -> object:
        t, cpu = time.perf_counter(), time.process_time()
        out = work_()  # type: ignore[operator]
        t, cpu = time.perf_counter() - t, time.process_time() - cpu
        say(f"  floor {label:<38} {n / t:>9,.0f} papers/s wall {n / cpu:>9,.0f} per CPU s")
        return out

    timed("orjson.loads alone", lambda: [orjson.loads(line) for line in lines])
    res = timed("pure importer alone (parse_lines)",
                lambda: parse_lines(enumerate(lines, 1), source="s"))
    raws = [paper_to_raw(p) for p in res.papers]  # type: ignore[attr-defined]
    from store.index.documents import paper_document

    docs = timed("index documents alone", lambda: [paper_document(r, i, None)
                                                   for i, r in enumerate(raws)])
    index = PaperIndex(work / "floor-index", create=True)

    def add() -> None:
        writer = index.index.writer(heap_size=64 * 2**20, num_threads=1)
        for doc in docs:  # type: ignore[attr-defined]
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()

    timed("tantivy add+commit of built documents", add)
    shutil.rmtree(work / "floor-index", ignore_errors=True)


def _run(args: argparse.Namespace, work: Path) -> int:
    """Import and measure under work (or args.home)."""
    snap = args.snapshot or work / "snapshot.json"
    if args.snapshot is None:
        write_snapshot(snap, args.papers)
    size = snap.stat().st_size
    home = args.home or work / "home"
    say(f"snapshot {snap} ({size / 2**20:,.0f} MiB); home {home}; load {load()}")
    floors(snap, args.sample, work)
    if not args.skip_import:
        if home.exists() and any(home.iterdir()):
            raise SystemExit(f"{home}: not empty (use --skip-import to measure it)")
        store = Store(home)
        t0, cpu0 = time.perf_counter(), time.process_time()
        last = [t0]

        def progress(done: int, total: int) -> None:
            """A line every 30 s: how far, how fast so far."""
            now = time.perf_counter()
            if now - last[0] >= 30 or done == total:
                last[0] = now
                say(f"  {done / 2**20:,.0f}/{total / 2**20:,.0f} MiB after {now - t0:,.0f} s"
                    f" (cpu {time.process_time() - cpu0:,.0f} s), load {load()}")

        say(f"import start, load {load()}")
        report = import_snapshot(store, snap, parse, batch=args.batch, progress=progress)
        took, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        n = report.papers
        say(f"import end, load {load()}")
        assert report.finished
        say(f"import end to end: {n:,} papers in {took:,.0f} s = {n / took:,.0f} papers/s wall;"
            f" CPU {cpu:,.0f} s = {n / cpu:,.0f} papers per CPU second; goal >= 3,000 "
            f"papers/s; {len(report.skipped)} lines skipped")
    store = Store(home)
    total = store.count()
    say(f"{total:,} papers in the store")
    lib = du(home / "library.parts") + (home / "library.json").stat().st_size
    index = du(home / "index")
    say(f"on disk: library {lib / 2**20:,.0f} MiB + index {index / 2**20:,.0f} MiB = "
        f"{(lib + index) / size:.2f}x the JSONL ({size / 2**20:,.0f} MiB); goal <= 3x")
    bare = float(run_py("import sys, time; t = time.perf_counter(); "
                        "from store.repository import Store; print(time.perf_counter() - t)",
                        home).split()[0])
    firsts = [float(run_py(FIRST_ROWS.format(call="s.page('all', 'order', '', 0, 50)"), home)
                    .split()[0]) for _ in range(3)]
    first = statistics.median(firsts)
    say(f"first rows (new process, median of 3): {first * 1000:.0f} ms; goal <= 1 s; "
        f"baseline: importing the store module alone {bare * 1000:.0f} ms")
    typing(store)
    if args.tui:
        tui(home)
    some = store.search("", sort="order", limit=1).ids[0]
    help_ = wall(["--help"], home)
    for label, argv_ in (("search", ["search", "video compression"]), ("show", ["show", some])):
        took = wall(argv_, home)
        say(f"paperdeck {label}: {took * 1000:.0f} ms wall, {took / help_:.2f}x a bare "
            f"--help ({help_ * 1000:.0f} ms)")
    say(f"done, load {load()}")
    return 0


def typing(store: Store) -> None:
    """Ranked search as you type: every prefix of TYPED, exact count and the first 50 rows,
    twice (the first pass warms the page cache); each key of the second pass interleaved
    with the unranked first page (the baseline), one-word keys and longer ones apart."""
    keys: list[tuple[float, str]] = []
    base: list[float] = []
    for round_ in range(2):
        keys = []
        for q in TYPED:
            for k in range(1, len(q) + 1):
                if round_:
                    t = time.perf_counter()
                    store.search("", sort="order", limit=50)
                    base.append(time.perf_counter() - t)
                t = time.perf_counter()
                page = store.search(q[:k], limit=50)
                keys.append((time.perf_counter() - t, q[:k]))
                assert page.total >= len(page.rows)
        if round_ == 0:
            say(f"  (cold pass: p95 {p95([s for s, _ in keys]) * 1000:.1f} ms, "
                f"max {max(keys)[0] * 1000:.0f} ms, load {load()})")
    times = [s for s, _ in keys]
    one = [s for s, q in keys if len(q.split()) == 1]
    more = [s for s, q in keys if len(q.split()) > 1]
    slow = sorted(keys, reverse=True)[:6]
    say(f"ranked search as you type ({len(keys)} keys, exact count + 50 rows): median "
        f"{statistics.median(times) * 1000:.1f} ms, p95 {p95(times) * 1000:.1f} ms "
        f"({p95(times) / statistics.median(base):.1f}x the baseline); goal <= 30 ms p95; "
        f"{sum(s > 0.030 for s in times)} keys over 30 ms; baseline unranked first page "
        f"(interleaved) median {statistics.median(base) * 1000:.1f} ms; load {load()}")
    say(f"  one-word keys ({len(one)}): p95 {p95(one) * 1000:.1f} ms; keys with more words "
        f"({len(more)}): p95 {p95(more) * 1000:.1f} ms")
    say("  slowest: " + ", ".join(f"{q!r} {s * 1000:.0f} ms" for s, q in slow))


def tui(home: Path) -> None:
    """Open to first rows and TUI peak memory, beside a bare Textual app (bench_tui)."""
    from benchmarks.bench_tui import best, child

    bare_t, bare_m = best("bare", None, 3)
    first, _ = best("first", home, 3)
    full = child("full", home)
    loaded, rss = full["loaded"]
    say(f"TUI open to first rows (median of 3): {first:.2f} s, {first / bare_t:.2f}x a bare "
        f"Textual app ({bare_t:.2f} s); goal <= 1 s")
    say(f"TUI peak memory: {rss:.0f} MB (tabs and counts loaded after {loaded:.2f} s), "
        f"{rss / bare_m:.2f}x a bare Textual app ({bare_m:.0f} MB); goal <= 500 MB")


if __name__ == "__main__":
    raise SystemExit(main())
