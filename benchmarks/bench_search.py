"""Search benchmark: index build, cache load and per-keystroke latency vs a naive scan."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import make_papers  # noqa: E402

from store.models import Paper  # noqa: E402
from store.search import SearchIndex, search_cached  # noqa: E402
from store.text import fold  # noqa: E402

TYPED = "video int"
KEYS = [TYPED[:k] for k in range(1, len(TYPED) + 1)]
EXTRA = ["author:li year:2020..2022", "li", "müller", '"video denoising"', "-video cat:hdr"]
CLI = (
    "import sys; sys.path.insert(0, {root!r}); from pathlib import Path;"
    "from store.search import search_cached;"
    "r = search_cached(Path({cache!r}), 'fp', lambda: 1 / 0, {{}}, {query!r}, 20);"
    "print(len(r))"
)


def naive_hay(paper: Paper) -> str:
    """Baseline haystack: every searchable field folded into one string."""
    parts = [paper.title, *paper.authors, paper.venue, paper.venue_short, paper.abstract,
             paper.comments]
    return fold(" ".join(parts))


def naive_search(hays: list[str], ids: list[str], text: str) -> list[str]:
    """Baseline query: every folded word must occur (substring `in`) in the haystack."""
    needles = fold(text).split()
    return [pid for pid, h in zip(ids, hays, strict=True) if all(w in h for w in needles)]


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, in ms."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def timed(fn, *args):  # type: ignore[no-untyped-def]
    """(seconds, result) of one call."""
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def run_wall(code: str) -> float:
    """Median wall time of a fresh Python process running code (3 runs)."""
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench(n: int, reps: int) -> None:
    """Measure and print every figure for a library of n synthetic papers."""
    papers = make_papers(n)
    ids = [p.id for p in papers]
    t_naive_build, hays = timed(lambda: [naive_hay(p) for p in papers])
    t_build, index = timed(SearchIndex, papers, {})
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "search.idx"
        t_write, _ = timed(search_cached, cache, "fp", lambda: papers, {}, "video", 20)
        from store.search.cache import _map, load_index

        t_load, _ = timed(lambda: load_index(SearchIndex, _map(cache), {}, "fp"))
        size = cache.stat().st_size / 1e6
        bare = run_wall("pass")
        cli = run_wall(CLI.format(root=str(ROOT), cache=str(cache), query="video int"))
    ours: list[float] = []
    base: list[float] = []
    for _ in range(reps):
        index.reset_caches()
        for key in KEYS:
            dt, got = timed(index.search, key)
            ours.append(dt)
            dn, _ = timed(naive_search, hays, ids, key)
            base.append(dn)
    print(f"\n== {n} papers ==")
    print(f"build index        {t_build:7.2f} s   (naive fold of haystacks {t_naive_build:.2f} s,"
          f" ratio {t_build / t_naive_build:.1f}x)")
    print(f"build+write cache  {t_write:7.2f} s   ({size:.1f} MB)")
    print(f"load cache         {t_load * 1000:7.1f} ms  (ratio to build {t_load / t_build:.3f})")
    print(f"cached search proc {cli * 1000:7.0f} ms  (bare python {bare * 1000:.0f} ms,"
          f" ratio {cli / bare:.1f}x)")
    print(f"keystrokes {KEYS!r} x{reps}, cold caches:")
    print(f"  index p50 {pct(ours, .5):7.2f} ms  p95 {pct(ours, .95):7.2f} ms")
    print(f"  naive p50 {pct(base, .5):7.2f} ms  p95 {pct(base, .95):7.2f} ms"
          f"  (speed-up p50 {pct(base, .5) / pct(ours, .5):.1f}x)")
    for text in EXTRA:
        index.reset_caches()
        dt, got = timed(index.search, text)
        print(f"  {text!r:28} {dt * 1000:8.2f} ms  {len(got)} hits")


def main() -> None:
    """Run the sizes given on the command line (default 2000 10000 100000)."""
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 10000, 100000]
    for n in sizes:
        bench(n, reps=5 if n >= 100000 else 10)


if __name__ == "__main__":
    main()
