"""Benchmark: import a generated 2,000-entry .bib file (goal < 2 s) and export it back."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bibtexparser  # noqa: E402
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors  # noqa: E402

from importers.bibtex import IMPORTER  # noqa: E402
from store.bibtex_export import to_bibtex  # noqa: E402

FIRST = ["Rui", "Wenbo", "Jörg", "Zoë", "Łukasz", "Ana", "Ming-Hsuan", "François", "Guangtao"]
LAST = ["Li", "Bao", r"M{\"u}ller", r"Ag{\u{g}}ao{\u{g}}lu", r"{\L}ukasiewicz", "de la Fuente",
        "Yang", r"Fran{\c{c}}ois", "Zhai", "O'Neil"]
WORDS = ["video", "frame", "interpolation", "deep", "learning", "network", "motion",
         "estimation", "compensation", "depth", "aware", "blur", "denoising", "enhancement",
         "transformer", "diffusion", "codec"]
VENUES = ["cvpr", "iccv", "tpami", "{IEEE Transactions on Image Processing}", "neurips"]


def make_bib(n: int, seed: int = 0) -> str:
    """A realistic .bib text: macros, accents, braces, months, eprints, 1 KB abstracts."""
    rng = random.Random(seed)
    out = [
        '@STRING{cvpr = "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"}',
        "@string{iccv = {IEEE/CVF International Conference on Computer Vision (ICCV)}}",
        '@string{tpami = "IEEE Transactions on Pattern Analysis and Machine Intelligence"}',
        '@string{neurips = "Advances in Neural Information Processing Systems"}',
        "",
    ]
    for i in range(n):
        authors = " and ".join(
            f"{rng.choice(LAST)}, {rng.choice(FIRST)}" if rng.random() < 0.5
            else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            for _ in range(rng.randint(2, 7))
        )
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 11))).capitalize()
        title = f"{{{rng.choice(['DAIN', 'BERT', 'MEMC-Net', 'NeRF'])}}}: {title}"
        abstract = " ".join(rng.choice(WORDS) for _ in range(140))
        if rng.random() < 0.3:
            abstract += r" with $O(n^2)$ cost and \textit{plug-and-play} blocks -- 50\% faster"
        venue = rng.choice(VENUES)
        field = "journal" if venue in ("tpami",) or venue.startswith("{IEEE T") else "booktitle"
        year = rng.randint(2000, 2024)
        month = rng.choice(["jan", "jun", "oct"])
        kind = "article" if field == "journal" else "inproceedings"
        out.append(
            f"@{kind}{{key{i},\n  title = {{{title}}},\n  author = {{{authors}}},\n"
            f"  {field} = {venue},\n  year = {year},\n  month = {month},\n"
            f"  eprint = {{{rng.randint(1000, 2412)}.{rng.randint(10000, 99999)}}},\n"
            f"  archivePrefix = {{arXiv}},\n  doi = {{10.1109/x.{year}.{i}}},\n"
            f"  keywords = {{{rng.choice(WORDS)}, {rng.choice(WORDS)}}},\n"
            f"  abstract = {{{abstract}}},\n}}\n"
        )
    return "\n".join(out)


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of fn over repeat runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print the import time for 2,000 entries against bibtexparser baselines."""
    n = 2000
    text = make_bib(n)
    print(f"bench_bibtex: {n} entries, {len(text) / 1e6:.1f} MB of .bib text")
    base = best(lambda: bibtexparser.parse_string(text, parse_stack=[]))
    default = best(lambda: bibtexparser.parse_string(text))
    result = IMPORTER.parse(text, source="bench.bib", today=date(2024, 1, 1))
    assert len(result.papers) == n and not result.warnings, (len(result.papers), result.warnings)
    ours = best(lambda: IMPORTER.parse(text, source="bench.bib", today=date(2024, 1, 1)))
    naive = best(
        lambda: bibtexparser.parse_string(
            text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()]
        ),
        repeat=1,
    )
    export = best(lambda: to_bibtex(result.papers))
    print(f"  baseline  bibtexparser.parse_string, no middlewares : {base:7.3f} s  (1.00x)")
    print(f"  bibtexparser default stack                         : {default:7.3f} s  "
          f"({default / base:.2f}x)")
    print(f"  bibtexparser + LatexDecoding + SeparateCoAuthors   : {naive:7.3f} s  "
          f"({naive / base:.2f}x)")
    print(f"  paperdeck import (importers.bibtex)                : {ours:7.3f} s  "
          f"({ours / base:.2f}x)  goal < 2 s: {'PASS' if ours < 2 else 'FAIL'}")
    print(f"  paperdeck export to_bibtex of the {n} papers        : {export:7.3f} s  "
          f"({export / base:.2f}x)")
    print("  reference (issue 5): coBib 22.8 s, pubs 11.6 s for 2,000 entries")


if __name__ == "__main__":
    main()
