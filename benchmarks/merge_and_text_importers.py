"""Throughput of the profile/listing importers and of merge_papers on a large library.

Run: python benchmarks/merge_and_text_importers.py
Figures are printed as ratios against a baseline measured in the same run (a plain
str.splitlines + dict build over the same data), plus absolute papers/s.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from importers.arxiv_listing import IMPORTER as LISTING  # noqa: E402
from importers.profile import IMPORTER as PROFILE  # noqa: E402
from store.merge import merge_papers  # noqa: E402
from store.models import Paper, Provenance, make_paper_id  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
WORDS = ["video", "frame", "motion", "depth", "network", "model", "learning", "temporal"]


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    """Seconds one call of fn takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _abstract(rng: random.Random) -> str:
    """A pseudo-abstract of 120 words."""
    return " ".join(rng.choice(WORDS) for _ in range(120))


def main() -> None:
    """Print importer and merge throughput."""
    today = date(2025, 9, 1)
    for name, imp, prefix in (("profile", PROFILE, "000"), ("listing", LISTING, "001")):
        base = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").rstrip() + "\n"
        text = base * (20_000_000 // len(base) + 1)
        baseline = _timed(lambda t=text: {i: line for i, line in enumerate(t.splitlines())})
        start = time.perf_counter()
        n = len(imp.parse(text, source="b", today=today).papers)
        took = time.perf_counter() - start
        print(f"{name:8} 20 MB: {n} papers in {took:.2f}s = {n / took:,.0f} papers/s "
              f"({took / baseline:.1f}x the splitlines baseline)")
    rng = random.Random(1)
    existing = []
    for i in range(100_000):
        p = Paper(title=f"Paper {i}", abstract=_abstract(rng),
                  provenance=[Provenance("lib", "x", f"line {i}", i)])
        p.id = make_paper_id(p)
        existing.append(p)
    incoming = []
    for i in range(0, 10_000):
        src = existing[i * 7]
        p = Paper(arxiv_id=f"2101.{i:05d}", abstract=src.abstract.upper() + ".",
                  provenance=[Provenance("listing", "x", f"line {i}", i)])
        p.id = make_paper_id(p)
        incoming.append(p)
    baseline = _timed(lambda: {p.id: p.to_dict() for p in existing})
    out = []
    took = _timed(lambda: out.append(merge_papers(existing, incoming)))
    print(f"merge 100k existing + 10k untitled (abstract-matched): {took:.2f}s, "
          f"{len(out[0].merged)} merged ({took / baseline:.1f}x the to_dict baseline)")
    took = _timed(lambda: merge_papers(out[0].papers, incoming))
    print(f"re-merge the same 10k (idempotent): {took:.2f}s ({took / baseline:.1f}x baseline)")


if __name__ == "__main__":
    main()
