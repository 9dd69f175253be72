"""A synthetic arXiv metadata snapshot (JSON Lines, Kaggle/arXiv schema) with a Zipf vocabulary.

Usage: python benchmarks/gen_arxiv_snapshot.py OUT.jsonl [--papers N] [--seed S] [--first-year Y]

Each line is one object with id, submitter, authors, title, comments, journal-ref, doi,
report-no, categories, license, abstract, versions, update_date and authors_parsed; titles and
abstracts carry LaTeX and hard line breaks like the real snapshot. Abstracts are ~1.1 KB of
words drawn from a Zipf-like distribution over ~60k words (a few real terms at the head), so
term frequencies look like a real corpus: common words hit most papers, most words are rare.
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson

HEAD_TEXT = (
    "the of and a in to we is for that on with this by as are an model our from be method "
    "learning network data results which can show based deep approach image video problem "
    "performance using these training proposed neural new two paper also compression "
    "diffusion transformer graph quantum language detection segmentation time optimal "
    "robust efficient estimation dynamics field energy theory spin galaxy black hole"
)
HEAD = HEAD_TEXT.split()
SYLLABLES_TEXT = (
    "ka ro mi te su na lo vi ze ta po ri ne mo du sa le ki fo ga bi hu ja ne ol ar in es on "
    "un ex tr st pl gr ph th ch qu ic al or ent ion ity ous ive ism"
)
SYLLABLES = SYLLABLES_TEXT.split()
ARCHIVES = {
    "cs": ["cs.CV", "cs.LG", "cs.CL", "cs.AI", "cs.RO", "cs.IR", "cs.DS", "cs.CR"],
    "math": ["math.PR", "math.ST", "math.OC", "math.AP", "math.NA"],
    "physics": ["physics.optics", "physics.comp-ph", "physics.flu-dyn"],
    "astro-ph": ["astro-ph.GA", "astro-ph.CO", "astro-ph.HE"],
    "cond-mat": ["cond-mat.mes-hall", "cond-mat.str-el", "cond-mat.mtrl-sci"],
    "stat": ["stat.ML", "stat.ME"],
    "eess": ["eess.IV", "eess.SP"],
    "quant-ph": ["quant-ph"],
    "hep-th": ["hep-th"],
}
FIRST_TEXT = "Wei Anna Jun Sara Omar Elena Hao Maria Lei Ming Yuki Carlos Priya Ivan Fatima"
FIRST = FIRST_TEXT.split()
LAST_TEXT = "Wang Zhang Liu Chen Müller Smith García Rossi Kim Ali Novák Søndergaard Tanaka"
LAST = LAST_TEXT.split()
LATEX = ["$\\alpha$", "$O(n\\log n)$", "\\emph{robust}", "$\\mathcal{L}_2$", "\\'{e}"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """HEAD words followed by distinct pseudo-words, most frequent first."""
    seen = set(HEAD)
    words = list(HEAD)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_weights(size: int, s: float = 1.07) -> list[float]:
    """Cumulative Zipf weights for ranks 1..size."""
    return list(itertools.accumulate(1.0 / (k**s) for k in range(1, size + 1)))


def papers(count: int, seed: int = 7, vocab_size: int = 60_000,
           first_year: int = 2007) -> Iterator[dict[str, object]]:
    """count snapshot records, deterministic for seed; ids from January of first_year."""
    rng = random.Random(seed)
    vocab = vocabulary(vocab_size, rng)
    cum = zipf_weights(len(vocab))
    cats = [c for group in ARCHIVES.values() for c in group]
    batch: list[str] = []
    at = 0
    span = max(1, min(228, count // 5000))  # months covered (2007-2025 at full size)
    doi = "synth" if first_year == 2007 else f"synth{first_year}"  # new ids, new DOIs
    for n in range(count):
        take = rng.randint(165, 200)
        if at + take > len(batch):
            batch, at = rng.choices(vocab, cum_weights=cum, k=100_000), 0
        words, at = batch[at : at + take], at + take
        twords = words[:: max(1, take // rng.randint(6, 11))][:11]
        title = " ".join(twords).capitalize()
        if n % 17 == 0:
            title += " with " + rng.choice(LATEX)
        lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
        abstract = "  " + "\n".join(lines).capitalize() + ".\n"
        if n % 5 == 0:
            abstract = abstract.replace(" ", " " + rng.choice(LATEX) + " ", 1)
        authors = [(rng.choice(LAST), rng.choice(FIRST)) for _ in range(rng.randint(2, 8))]
        k = n * span // count  # ids sorted by month, like the real snapshot
        year, month = first_year + k // 12, 1 + k % 12
        ident = f"{year % 100:02d}{month:02d}.{n % 100000:05d}"
        primary = rng.choice(cats)
        extra = rng.sample(cats, rng.randint(0, 2))
        categories = " ".join(dict.fromkeys([primary, *extra]))
        yield {
            "id": ident,
            "submitter": f"{authors[0][1]} {authors[0][0]}",
            "authors": ", ".join(f"{f} {last}" for last, f in authors),
            "title": title if n % 3 else title[:40] + "\n  " + title[40:],
            "comments": f"{rng.randint(5, 40)} pages, {rng.randint(1, 12)} figures",
            "journal-ref": None if n % 4 else f"J. Synth. Res. {rng.randint(1, 90)} ({year})",
            "doi": None if n % 3 else f"10.5555/{doi}.{n}",
            "report-no": None,
            "categories": categories,
            "license": "http://creativecommons.org/licenses/by/4.0/",
            "abstract": abstract,
            "versions": [{"version": "v1", "created": f"Mon, {1 + n % 28} Jan {year} 10:00 GMT"}],
            "update_date": f"{year}-{month:02d}-{1 + n % 28:02d}",
            "authors_parsed": [[last, f, ""] for last, f in authors],
        }


def write_snapshot(path: Path, count: int, seed: int = 7, first_year: int = 2007) -> int:
    """Write count records to path as JSON Lines; returns bytes written."""
    size = 0
    with open(path, "wb") as out:
        for rec in papers(count, seed, first_year=first_year):
            line = orjson.dumps(rec) + b"\n"
            out.write(line)
            size += len(line)
    return size


def main(argv: list[str] | None = None) -> int:
    """Command line: write a snapshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--first-year", type=int, default=2007,
                        help="ids start in January of this year (a later year: papers that "
                        "are new to a library imported from the default snapshot)")
    args = parser.parse_args(argv)
    size = write_snapshot(args.out, args.papers, args.seed, args.first_year)
    print(f"{args.papers} papers, {size / 2**20:.1f} MiB -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
