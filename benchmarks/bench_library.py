"""The data path at size: first rows, search-as-you-type, CLI lookups, a small import, memory.

Run: python benchmarks/bench_library.py [--papers 100000] [--home DIR]
(--home reuses a library written there by an earlier run; the index is then already built.)

Each figure is printed with its goal from issue 11 and a baseline measured in the same run:
- first rows: a new process's Store(...).page(...) vs the old first screen (Store.rows(),
  the whole-library rows cache), both ending at the first 50 rows;
- search as you type: each prefix of a typed query through the index (exact count + first
  page) vs the old in-memory SearchIndex loaded from its cache file (bitmap, ids only);
- `paperdeck search` / `paperdeck show`: wall time vs a bare `paperdeck --help`;
- importing a 7-paper listing into the library: wall time of apply_import;
- memory: peak RSS of a process that opens the store and runs the typed queries.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchmarks.synth import write_library  # noqa: E402
from store.repository import Store  # noqa: E402

TYPED = ["video int", "haze 31337", "author:chen den", '"low light" -blur']
FIRST_ROWS = (
    "import sys, time; t = time.perf_counter(); from store.repository import Store;"
    "s = Store(sys.argv[1]); rows = {call};"
    "print(time.perf_counter() - t, len(rows))"
)
MEMORY = (
    "import sys, resource; from store.repository import Store; s = Store(sys.argv[1]);"
    "rows = s.page('all', 'order', '', 0, 50);"
    "[s.search(q[:k], limit=50) for q in {typed!r} for k in range(1, len(q) + 1)];"
    "st = dict(l.split(':', 1) for l in open('/proc/self/status').read().splitlines());"
    "kb = lambda k: int(st[k].split()[0]) // 1024;"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, kb('RssAnon'),"
    " kb('RssFile'))"
)


def _env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: bytecode caches on, as in any installation."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_py(code: str, home: Path) -> str:
    """stdout of a fresh interpreter running code with argv[1] = home."""
    env = _env()
    out = subprocess.run([sys.executable, "-c", code, str(home)], env=env, check=True,
                         capture_output=True, text=True)
    return out.stdout.strip()


def wall(args: list[str], home: Path, runs: int = 5) -> float:
    """Median wall seconds of `paperdeck ARGS` (python -m tui.cli) over runs."""
    env = _env(PAPERDECK_HOME=str(home))
    subprocess.run([sys.executable, "-m", "tui.cli", *args], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tui.cli", *args], env=env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def p95(values: list[float]) -> float:
    """95th percentile."""
    values = sorted(values)
    return values[max(0, int(len(values) * 0.95) - 1)]


def typing(store: Store) -> list[float]:
    """Seconds per keystroke: exact count plus the first 50 rows of each prefix."""
    times = []
    for q in TYPED:
        for k in range(1, len(q) + 1):
            t = time.perf_counter()
            store.search(q[:k], limit=50)
            times.append(time.perf_counter() - t)
    return times


def typing_old(store: Store, cache: Path) -> list[float]:
    """Seconds per keystroke with the old SearchIndex (loaded once from its cache file)."""
    from old_index import SearchIndex
    from old_index.cache import _map, load_index, write_cache

    if not cache.exists():
        write_cache(cache, SearchIndex(store.papers(), {}).to_bytes("fp"))
    index = load_index(SearchIndex, _map(cache), {}, "fp")[0]
    times = []
    for q in TYPED:
        for k in range(1, len(q) + 1):
            t = time.perf_counter()
            index.search(q[:k], limit=50)
            index.count(q[:k])
            times.append(time.perf_counter() - t)
    return times


def listing(n: int) -> object:
    """A 7-paper arXiv-listing-like import result (new papers)."""
    from tests.store.storehelp import paper, result

    return result(*(paper(f"Fresh listing paper {n} number {i}", arxiv=f"2611.{n + i:05d}")
                    for i in range(7)))


def main(argv: list[str] | None = None) -> int:
    """Print every figure with its goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--home", type=Path)
    args = parser.parse_args(argv)
    home = args.home or Path(tempfile.mkdtemp(prefix="pd-lib-"))
    if not (home / "library.json").exists():
        t = time.perf_counter()
        write_library(home, args.papers)
        print(f"wrote {args.papers} papers in {time.perf_counter() - t:.1f} s")
    store = Store(home)
    t = time.perf_counter()
    store.search("", limit=1, progress=None)
    print(f"index ready in {time.perf_counter() - t:.2f} s (built now if it was missing)")
    n = store.count()
    size = sum(f.stat().st_size for f in (home / "library.parts").glob("*.json"))
    index = sum(f.stat().st_size for f in (home / "index").rglob("*") if f.is_file())
    print(f"library: {n} papers, {size / 2**20:.0f} MiB in parts, index {index / 2**20:.0f} MiB")

    run_py(FIRST_ROWS.format(call="s.page('all', 'order', '', 0, 50)"), home)  # warm-up
    new = float(run_py(FIRST_ROWS.format(call="s.page('all', 'order', '', 0, 50)"), home)
                .split()[0])
    old = float(run_py(FIRST_ROWS.format(call="s.rows()[:50]"), home).split()[0])
    print(f"first rows (new process, store open + 50 rows): {new * 1000:.0f} ms "
          f"vs rows cache {old * 1000:.0f} ms = {old / new:.1f}x faster; goal <= 500 ms")

    keys = typing(store)
    old_keys = typing_old(store, home / "cache" / "bench-old-index.bin")
    print(f"search as you type ({len(keys)} keystrokes, exact count + 50 rows): "
          f"median {statistics.median(keys) * 1000:.1f} ms, p95 {p95(keys) * 1000:.1f} ms; "
          f"old in-memory index p95 {p95(old_keys) * 1000:.1f} ms "
          f"({p95(old_keys) / p95(keys):.1f}x); goal <= 30 ms p95")

    help_s = wall(["--help"], home)
    search_s = wall(["search", "video compression"], home)
    pid = store.page("all", "order", "", n // 2, 1)[0].id
    show_s = wall(["show", pid], home)
    print(f"paperdeck --help {help_s * 1000:.0f} ms (baseline); search {search_s * 1000:.0f} ms "
          f"= {search_s / help_s:.2f}x; show {show_s * 1000:.0f} ms = {show_s / help_s:.2f}x; "
          "goal <= 120 ms, ~1.5x --help")

    from store.imports import partial as import_partial

    t = time.perf_counter()
    summary = store.apply_import(listing(n), source=f"listing-{n}.txt", importer="arxiv")
    imp = time.perf_counter() - t
    import_partial.CARRY_ROWS_CACHE = False
    t = time.perf_counter()
    store.apply_import(listing(n + 100), source=f"listing-{n + 100}.txt", importer="arxiv")
    lean = time.perf_counter() - t
    import_partial.CARRY_ROWS_CACHE = True
    after = wall(["search", "fresh listing"], home, runs=1)
    print(f"import a 7-paper listing: {imp:.2f} s ({len(summary.new)} new; {lean:.2f} s without "
          f"carrying the whole-library rows cache); goal <= 1 s; next search "
          f"{after * 1000:.0f} ms")

    rss, anon, mapped = (float(x) for x in run_py(MEMORY.format(typed=TYPED), home).split())
    print(f"memory (open, first rows, {len(keys)} searches): peak RSS {rss:.0f} MB, of which "
          f"now {anon:.0f} MB private and {mapped:.0f} MB mapped index/library files "
          "(page cache); goal <= 200 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
