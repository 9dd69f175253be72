"""Memory and rate of a snapshot import into an existing library, batch by batch.

Usage: python benchmarks/bench_snapshot_memory.py HOME SNAPSHOT.jsonl [--batch 5000]

Imports SNAPSHOT into the library in HOME (a copy: it is written; make it with
benchmarks/copy_home.py, else its index is stale and rebuilt first) and prints after every
batch the resident memory split into the heap (RssAnon) and mapped files (RssFile: the index,
the key file; page cache, reclaimable), the high-water mark, and wall/CPU seconds so far; at
the end papers per wall and per CPU second and the machine's load. Run it on two library sizes
with slices of the same snapshot: the heap must not grow with the library. (Linux only: it
reads /proc/self/status.)
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from importers.arxiv_snapshot import parse_lines  # noqa: E402
from store.imports.snapshot import import_snapshot  # noqa: E402
from store.repository import Store  # noqa: E402


def memory() -> dict[str, int]:
    """VmRSS, RssAnon, RssFile and VmHWM of this process, in MiB."""
    out: dict[str, int] = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                out[key] = int(value.split()[0]) // 1024
    return out


def main(argv: list[str] | None = None) -> int:
    """Import, printing memory per batch and the rate at the end."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args(argv)
    store = Store(args.home)
    t0, c0 = time.perf_counter(), time.process_time()
    count = [0]

    def progress(done: int, total: int) -> None:
        """One line per applied batch."""
        count[0] += 1
        m = memory()
        print(f"batch {count[0]:3d} {done / 2**20:7.0f}/{total / 2**20:.0f} MiB "
              f"wall {time.perf_counter() - t0:7.1f} s cpu {time.process_time() - c0:7.1f} s "
              f"rss {m['VmRSS']} (heap {m['RssAnon']}, files {m['RssFile']}) "
              f"peak {m['VmHWM']} MiB", flush=True)

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    report = import_snapshot(store, args.snapshot,
                             lambda lines, src: parse_lines(lines, source=src),
                             batch=args.batch, progress=progress)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{report.lines:,} lines, {report.new:,} new papers in {took:.1f} s wall / "
          f"{cpu:.1f} s CPU: {report.lines / took:,.0f} papers/s wall, "
          f"{report.lines / max(cpu, 1e-9):,.0f} per CPU s; max RSS {peak} MiB; "
          f"load {load} -> {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
