"""Every importer on realistic and hostile inputs at the size limit (20 MB): CPU and wall
seconds per parse, against baselines measured in the same run on the same text.

Run: python benchmarks/bench_hostile_parsers.py [--mb 20] [--timeout 60] [--only CASE]
     [importer ...]

Each parse runs in a forked child (so a runaway parse is stopped at --timeout, counted from
when its input is built, and reported as such). Baselines, in the same child on the same
text: `split` = CPU seconds of `text.splitlines()`; and once per run `orjson` = CPU seconds of
`orjson.loads` on a 20 MB JSON export. The ratio column is parse CPU / split CPU.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hostile_inputs import GENERIC, REALISTIC, SPECIFIC, Maker  # noqa: E402
from importers import registry  # noqa: E402
from importers.base import ImporterError  # noqa: E402

ALIASES = {"jekyll-seed": "jekyll", "bibtex-sample": "bibtex",  # other realistic inputs
           "html-same": "html"}


def _child(name: str, source: str, make: Maker, size: int, out: Connection) -> None:
    """Build the input, time the baseline and the parse, send the figures back."""
    text = make(size)
    out.send("ready")  # the timeout counts from here: building the input is not timed
    start = time.process_time()
    text.splitlines()
    split = time.process_time() - start
    importer = registry.get(name)
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        result = importer.parse(text, source=source, today=date(2025, 1, 1))
        what = f"{len(result.papers)} papers, {len(result.warnings)} warnings"
    except ImporterError as exc:
        what = f"refused: {exc.message[:40]}"
    except RecursionError:
        what = "RecursionError (a bug)"
    except Exception as exc:  # noqa: BLE001 - a benchmark reports whatever a parser raised
        what = f"BUG {type(exc).__name__}: {str(exc)[:40]}"
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    out.send((len(text), split, cpu, wall, what))


def run(name: str, case: str, make: Maker, size: int, timeout: float) -> str:
    """One line of the table: a parse in a child process, stopped at timeout."""
    source = REALISTIC[name][0]
    name = ALIASES.get(name, name)
    ctx = mp.get_context("fork")
    here, there = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(name, source, make, size, there))
    child.start()
    got = here.poll(600) and here.recv() == "ready" and here.poll(timeout)
    if not got:
        child.kill()
        child.join()
        return f"{name:17} {case:18} {'>' + str(int(timeout)):>7}s  (stopped at the timeout)"
    length, split, cpu, wall, what = here.recv()
    child.join()
    ratio = cpu / max(split, 1e-3)
    return (f"{name:17} {case:18} cpu {cpu:6.2f}s wall {wall:6.2f}s  "
            f"{ratio:6.0f}x split ({split:.2f}s, {length / 2**20:.1f} MB)  {what}")


def orjson_baseline(size: int) -> float:
    """CPU seconds of orjson.loads on a CSL-JSON export of size characters."""
    import orjson
    text = REALISTIC["csl-json"][1](size)
    start = time.process_time()
    orjson.loads(text)
    return time.process_time() - start


def main() -> None:
    """Time every case of the chosen importers (default: all)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("importers", nargs="*", default=list(REALISTIC))
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", action="append", default=[], help="case names to run")
    parser.add_argument("--no-generic", action="store_true")
    args = parser.parse_args()
    size = int(args.mb * 2**20)
    print(f"input size {args.mb} MB; orjson.loads baseline {orjson_baseline(size):.2f}s cpu",
          flush=True)
    for name in args.importers:
        cases: dict[str, Maker] = {"realistic": REALISTIC[name][1], **SPECIFIC.get(name, {})}
        if name in ALIASES:
            cases = {"realistic": REALISTIC[name][1]}
        elif not args.no_generic:
            cases.update(GENERIC)
        for case, make in cases.items():
            if args.only and case not in args.only:
                continue
            print(run(name, case, make, size, args.timeout), flush=True)


if __name__ == "__main__":
    main()
