"""Adversarial inputs at the 20 MB size limit through every importer (lab pages and sites first).

Run `python benchmarks/bench_adversarial.py [MB]`. For each hostile text and importer it prints
the parse CPU time (and wall time) and, as a baseline measured in the same run, the CPU time to
split the same text into lines and count its markup (the least any parser must do), and their
ratio. Each parse must end (with papers or one ImporterError) within a few seconds.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hostile_inputs import REALISTIC  # noqa: E402
from importers.base import ImporterError  # noqa: E402
from importers.registry import get, names  # noqa: E402

MB = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
N = int(MB * 2**20)
FRONT = "---\ntitle: Publications\npermalink: /pubs/all\n---\n## Publications\n"
CASES = {
    "stars": "**" * (N // 2),
    "title-lines": "**a** <br>\n" * (N // 11),
    "brackets": "[" * N,
    "link-soup": "[a](/b)" * (N // 7),
    "unclosed-div": "<div class=abs>\n" * (N // 16),
    "one-line": "x" * N,
    "backslashes": "\\" * N,
    "newlines": " \n" * (N // 2),
    "entries": FRONT + "- **Title of a paper here** <br>\nA. B, C. D <br>\n*CVPR 2020*\n\n"
    * (N // 64),
    "list-items": FRONT + "- A. B. \"Some Paper Title\". **CVPR**, 2020.\n" * (N // 44),
    "yaml-list": "- title: A Paper Title\n  authors: A, B\n  venue: X\n" * (N // 50),
    "front-open": "---\n" + "a: b\n" * (N // 5),
}
# Every importer in the registry, each given the file name it would see for its own input
# (bench_hostile_parsers.py runs these texts too, among its GENERIC shapes, in child processes
# with a timeout; this script is the quick one-process view).
IMPORTERS = {name: source for name, (source, _) in REALISTIC.items() if name in names()}


def baseline(text: str) -> float:
    """CPU seconds to split text into lines and count its markup (the least a parser does)."""
    start = time.process_time()
    text.split("\n")
    text.count("**") + text.count("[") + text.count("<br")
    return time.process_time() - start


def main() -> None:
    """Print one line per (case, importer)."""
    for case, text in CASES.items():
        base = max(baseline(text), 1e-4)
        for name, filename in IMPORTERS.items():
            importer = get(name)
            start, cpu = time.perf_counter(), time.process_time()
            try:
                result = importer.parse(text, source=filename, today=date(2025, 1, 1))
                found = f"{len(result.papers)} papers"
            except ImporterError as exc:
                found = f"ImporterError ({exc.message[:30]})"
            spent, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(f"{case:13s} {name:17s} cpu {cpu:6.2f}s wall {spent:6.2f}s "
                  f"({cpu / base:5.0f}x baseline {base:.2f}s)  {found}", flush=True)


if __name__ == "__main__":
    main()
