"""Adversarial inputs at the size limit (20 MB): seconds per parser, and the ratio against the
same parser on a realistic input of the same size, measured in the same run.

Run: python benchmarks/bench_hostile_parsers.py [SIZE_BYTES] [importer ...]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from importers import registry
from importers.base import ImporterError

ROOT = Path(__file__).resolve().parents[1]
SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 20 * 2**20


def fill(unit: str, size: int = SIZE) -> str:
    """unit repeated to exactly size characters."""
    return (unit * (size // len(unit) + 1))[:size]


def realistic(name: str) -> str:
    """A realistic input of SIZE characters: a test fixture repeated."""
    path = {
        "bibtex": ROOT / "tests/data/bibtex/sample.bib",
        "arxiv-listing": ROOT / "tests/data/variants/listing_wrapped.txt",
        "profile": ROOT / "tests/data/variants/profile_minimal.txt",
    }[name]
    return fill(path.read_text("utf-8") + "\n")


CASES: dict[str, dict[str, Callable[[], str]]] = {
    "bibtex": {
        "many-tiny-entries": lambda: fill("@misc{k,title={x}}\n"),
        "unclosed-brace": lambda: "@article{x, title={" + fill("{a "),
        "deep-nesting": lambda: "@article{x, title=" + "{" * 5000 + fill("a")
        + "}" * 5000 + "}",
        "at-signs": lambda: fill("@"),
        "open-quote": lambda: '@article{x, title="' + fill('a\\"'),
        "string-macros": lambda: fill("@string{a = b # c # d}\n"),
        "latex-accents": lambda: "@article{x, title={" + fill("\\'{e}\\\"o") + "}}",
        "author-list": lambda: "@article{x, author={" + fill("A and ") + "}}",
    },
    "arxiv-listing": {
        "id-lines": lambda: fill("arXiv:2101.00001\n"),
        "prose-and-ids": lambda: fill("Some words here.\narXiv:2101.00001\n"),
        "blank-lines": lambda: fill("\n"),
        "one-line": lambda: fill("word "),
    },
    "profile": {
        "dated-entries": lambda: fill("CVJun 25, 2022\nTitle\n\nA B\n\n"),
        "blank-lines": lambda: fill("\n"),
        "one-line": lambda: fill("word "),
    },
}


def timed(name: str, text: str) -> tuple[float, str]:
    """Seconds to parse text with one importer, and what came out."""
    start = time.perf_counter()
    try:
        result = registry.get(name).parse(text, source="bench", today=date(2024, 1, 1))
        what = f"{len(result.papers)} papers, {len(result.warnings)} warnings"
    except ImporterError as exc:
        what = f"refused: {str(exc)[:50]}"
    return time.perf_counter() - start, what


def main() -> None:
    """Time every case of the chosen importers (default: all)."""
    chosen = sys.argv[2:] or list(CASES)
    print(f"input size: {SIZE / 2**20:.1f} MB")
    for name in chosen:
        base, what = timed(name, realistic(name))
        print(f"{name:14} {'realistic':18} {base:7.2f}s  1.00x  {what}")
        for case, make in CASES[name].items():
            seconds, what = timed(name, make())
            print(f"{name:14} {case:18} {seconds:7.2f}s {seconds / base:5.2f}x  {what}", flush=True)


if __name__ == "__main__":
    main()
