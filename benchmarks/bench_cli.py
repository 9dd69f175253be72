"""Command-line benchmark: wall time of `paperdeck search/show/stats/...` at 2k/10k/100k papers.

Run: python benchmarks/bench_cli.py [--sizes 2000,10000,100000] [--home DIR] [--runs 7]
     [--no-mark] [--export QUERY]
Baselines, measured in the same run and interleaved with the commands: `python -c pass` and a
bare `paperdeck --help`. Every figure is the median of --runs spawns, as wall time and as CPU
time (user + system: steadier on a loaded machine); ratios are against `--help`'s medians.
Bytecode is compiled first (as an installed package has it).
Goals (issue 11): at 100k papers `search` and `show` <= ~0.12 s wall, about 1.5x `--help`;
marking a paper read <= 20 ms with the library file's mtime unchanged.
`search` and `show` are timed on their read-only path (a fresh index: tui/commands/quick.py);
"first search" brings the index up to date first (after an import, or marks made elsewhere).
--no-mark leaves the home unwritten (for a shared library: search, show, stats only), and
--export QUERY also times `export -f bibtex QUERY` and `stats` once each with their peak memory
(must-have 3: neither grows with the library), split into anonymous and file-backed pages.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import write_library  # noqa: E402
from store.repository import Store  # noqa: E402

QUERIES = ["video", "author:zhang year:2019..2022", '"low light" -blur', "has:code den"]
GOAL_RATIO = 1.5
# What `search` imports with a fresh index, without running anything: a lookup's floor
# (inspect put off as `paperdeck search` does: tui/deferred.py).
IMPORTS = ("from tui.deferred import defer; defer('inspect'); "
           "import tui.cli, tui.commands.search, tui.commands.quick, tui.commands.render, "
           "store.index.reader, store.index.engine, store.cite.keysketch, store.schema")
GOAL_SECONDS = 0.12


def wall(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds one run of cmd takes, from spawn to exit."""
    return timed(cmd, env)[0]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one run of cmd."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def interleaved(cmds: dict[str, list[str]], env: dict[str, str],
                runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each command, the commands taking turns (so that the
    machine's load hits them alike)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            times[name].append(timed(cmd, env))
    return {name: (statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts))
            for name, ts in times.items()}


def commands(store: Store, n: int) -> dict[str, list[str]]:
    """The timed command lines (the baselines first), about the library's middle paper."""
    exe = [sys.executable, "-m", "tui.cli"]
    pid = store.search("", sort="order", offset=n // 2, limit=1).rows[0].id
    paper = store.get(pid)
    cmds = {"python -c pass": [sys.executable, "-c", "pass"], "paperdeck --help": [*exe, "--help"],
            "imports of search": [sys.executable, "-c", IMPORTS]}
    for i, q in enumerate(QUERIES):
        cmds[f"search q{i + 1}"] = [*exe, "search", q]
    cmds["show ID"] = [*exe, "show", pid]
    cmds["show ID prefix"] = [*exe, "show", pid[:7]]
    if paper is not None and paper.arxiv_id:
        cmds["show arXiv id"] = [*exe, "show", paper.arxiv_id]
    cmds["show --bibtex (get)"] = [*exe, "show", "--bibtex", pid]
    cmds["stats"] = [*exe, "stats"]
    cmds["sections"] = [*exe, "sections"]
    return cmds


def mark_times(store: Store) -> tuple[float, float, bool]:
    """(median ms, max ms, library mtime unchanged) of 20 in-process marks."""
    pid = store.search("", sort="order", limit=1).rows[0].id
    library = store.library_path
    mtime = library.stat().st_mtime_ns
    marks = []
    for i in range(20):
        start = time.perf_counter()
        store.mark(pid, read=bool(i % 2))
        marks.append(time.perf_counter() - start)
    same = library.stat().st_mtime_ns == mtime
    return statistics.median(marks) * 1000, max(marks) * 1000, same


def peak_memory(cmd: list[str], env: dict[str, str]) -> str:
    """Wall, CPU and peak memory of one run of cmd (output discarded), as one line: its own
    max RSS, and the peaks of its anonymous and file-backed (mapped index and key files) pages
    (sampled every 20 ms)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks = {"RssAnon:": 0, "RssFile:": 0}
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        try:
            with open(f"/proc/{proc.pid}/status") as lines:
                for line in lines:
                    name, *value = line.split()
                    if name in peaks:
                        peaks[name] = max(peaks[name], int(value[0]))
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return (f"{elapsed:6.2f} s wall {cpu:6.2f} s CPU  max RSS {usage.ru_maxrss / 1024:5.0f} MB "
            f"(anon {peaks['RssAnon:'] / 1024:.0f} MB, files {peaks['RssFile:'] / 1024:.0f} MB)"
            f"  exit {proc.returncode}")


def bench(home: Path, env: dict[str, str], runs: int, *, mark: bool = True,
          export: str | None = None) -> None:
    """Print the figures of one library."""
    env = {**env, "PAPERDECK_HOME": str(home)}
    cold = wall([sys.executable, "-m", "tui.cli", "search", QUERIES[0]], env)  # index if needed
    store = Store(home)
    n = store.count()
    medians = interleaved(commands(store, n), env, runs)
    help_s, help_cpu = medians["paperdeck --help"]
    print(f"\n{n} papers ({home}); first search (builds a missing index): {cold:.2f} s")
    print(f"{'command':<22} {'wall':>9} {'vs --help':>10} {'CPU':>9} {'vs --help':>10}  goal")
    for name, (secs, cpu) in medians.items():
        goal = ""
        if name.startswith(("search", "show")):
            ok = secs <= GOAL_SECONDS or secs / help_s <= GOAL_RATIO
            goal = f"<= {GOAL_SECONDS:.2f} s or {GOAL_RATIO}x --help: {'met' if ok else 'MISSED'}"
        elif name == "paperdeck --help":
            goal = f"{secs / medians['python -c pass'][0]:.2f}x python -c pass (wall)"
        print(f"{name:<22} {secs * 1000:>6.0f} ms {secs / help_s:>9.2f}x "
              f"{cpu * 1000:>6.0f} ms {cpu / help_cpu:>9.2f}x  {goal}")
    if export is not None:
        exe = [sys.executable, "-m", "tui.cli"]
        print(f"stats                  {peak_memory([*exe, 'stats'], env)}")
        print(f"export -f bibtex {export!r}: "
              f"{peak_memory([*exe, 'export', '-f', 'bibtex', export], env)}")
    if not mark:
        return
    med, worst, same = mark_times(store)
    print(f"mark (in-process)      {med:>6.1f} ms  max {worst:.1f} ms  library mtime "
          f"{'unchanged' if same else 'CHANGED'}  (goal <= 20 ms, unchanged)")


def main() -> None:
    """Build (or reuse) libraries, time the commands, print one table per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,100000")
    parser.add_argument("--home", type=Path, help="time this existing home instead")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-mark", action="store_true",
                        help="write nothing to the home (no timed marks)")
    parser.add_argument("--export", metavar="QUERY",
                        help="also time `export -f bibtex QUERY` and `stats` with peak memory")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    for package in ("tui", "store", "importers"):
        compileall.compile_dir(ROOT / package, quiet=1)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; "
          f"medians of {args.runs} interleaved runs")
    if args.home:
        bench(args.home, env, args.runs, mark=not args.no_mark, export=args.export)
        return
    with tempfile.TemporaryDirectory(prefix="paperdeck-bench-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            home = Path(tmp) / f"lib{n}"
            write_library(home, n)
            bench(home, env, args.runs, export=args.export)


if __name__ == "__main__":
    main()
