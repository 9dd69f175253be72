"""Search engine choice by measurement: tantivy (tantivy-py) against SQLite FTS5.

Usage: python benchmarks/bench_index_engines.py [--papers 100000]

Both engines index the same generated arXiv-like corpus (benchmarks/gen_arxiv_snapshot.py:
Zipf vocabulary, ~1.1 KB abstracts, 2-8 authors) with title, authors and abstract columns,
title and authors weighted above the abstract. Reported per engine: build time (papers/s),
size on disk, open-to-first-answer, and latency (median / p95 over repeats) of a BM25 top-20
for a common word, a rare word, a two-word AND, a phrase, a 3-letter prefix, an exact count,
and a typo (tantivy's fuzzy term query; FTS5 has no typo tolerance). The last column is
FTS5 / tantivy, the baseline being FTS5 measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tantivy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_arxiv_snapshot import papers  # noqa: E402

REPEATS = 30
# name: (tantivy query-parser text, FTS5 MATCH text); both mean the same set (checked).
QUERIES = {
    "common word": ("learning", "learning"),
    "rare word": ("galaxy", "galaxy"),
    "two words": ("+video +compression", "video AND compression"),
    "phrase": ('"deep learning"', '"deep learning"'),
    "3-letter prefix": ("vid*", "vid*"),
}
FIELDS = ("title", "authors", "abstract")


def du(path: Path) -> int:
    """Bytes of every file under path (or the file itself)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(fn: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, float, Any]:
    """Median and p95 wall time (ms) of fn over repeats, and its last result."""
    out: Any = None
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], out


def tantivy_schema() -> tantivy.Schema:
    """Title, authors, abstract (default tokenizer, positions) plus a stored id."""
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in ("title", "authors", "abstract"):
        b.add_text_field(name)
    return b.build()


def build_tantivy(path: Path, docs: list[dict[str, Any]]) -> float:
    """Index docs with tantivy; seconds."""
    t = time.perf_counter()
    index = tantivy.Index(tantivy_schema(), str(path))
    writer = index.writer(heap_size=256 * 2**20, num_threads=2)
    for d in docs:
        writer.add_document(tantivy.Document(
            id=d["id"], title=d["title"], authors=d["authors"], abstract=d["abstract"]))
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - t


def build_fts5(path: Path, docs: list[dict[str, Any]]) -> float:
    """Index docs with SQLite FTS5 (unicode61, prefix index on 3 letters); seconds."""
    t = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, title, authors, abstract, "
                "prefix='3', tokenize='unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO p VALUES (?,?,?,?)",
                    ((d["id"], d["title"], d["authors"], d["abstract"]) for d in docs))
    con.commit()
    con.execute("INSERT INTO p(p) VALUES('optimize')")
    con.commit()
    con.close()
    return time.perf_counter() - t


class Tantivy:
    """Queries against an open tantivy index."""

    def __init__(self, path: Path) -> None:
        """Open the index."""
        self.index = tantivy.Index.open(str(path))
        self.searcher = self.index.searcher()

    def query(self, text: str) -> tantivy.Query:
        """The query for text; "xyz*" is a prefix over the three fields (regex automaton)."""
        if text.endswith("*") and " " not in text:
            boosts = {"title": 3.0, "authors": 2.0, "abstract": 1.0}
            return tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.boost_query(
                    tantivy.Query.regex_query(self.index.schema, f, text[:-1] + ".*"), boosts[f]))
                for f in FIELDS])
        return self.index.parse_query(text, list(FIELDS),
                                      field_boosts={"title": 3.0, "authors": 2.0})

    def top(self, text: str) -> list[str]:
        """BM25 top-20 ids (title x3, authors x2)."""
        hits = self.searcher.search(self.query(text), 20, count=False).hits
        return [self.searcher.doc(a)["id"][0] for _, a in hits]

    def count(self, text: str) -> int:
        """Exact number of matches."""
        return self.searcher.search(self.query(text), 1, count=True).count or 0

    def typo(self, word: str) -> list[str]:
        """Top-20 of a fuzzy (edit distance 1) term over the three fields."""
        schema = self.index.schema
        q = tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.fuzzy_term_query(schema, f, word, 1, True))
            for f in ("title", "authors", "abstract")])
        hits = self.searcher.search(q, 20, count=False).hits
        return [self.searcher.doc(a)["id"][0] for _, a in hits]


class Fts5:
    """Queries against an FTS5 table."""

    def __init__(self, path: Path) -> None:
        """Open the database."""
        self.con = sqlite3.connect(path)

    def top(self, text: str) -> list[str]:
        """bm25 top-20 ids (title x3, authors x2)."""
        sql = "SELECT id FROM p WHERE p MATCH ? ORDER BY bm25(p, 0, 3.0, 2.0, 1.0) LIMIT 20"
        return [r[0] for r in self.con.execute(sql, (text,))]

    def count(self, text: str) -> int:
        """Exact number of matches."""
        return self.con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (text,)).fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    """Build both indexes, time the queries, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    args = parser.parse_args(argv)
    t = time.perf_counter()
    docs = list(papers(args.papers))
    text_bytes = sum(len(d["title"]) + len(d["authors"]) + len(d["abstract"]) for d in docs)
    print(f"corpus: {args.papers} papers, {text_bytes / 2**20:.0f} MiB of text, "
          f"generated in {time.perf_counter() - t:.1f} s, {os.cpu_count()} cores")
    work = Path(tempfile.mkdtemp(prefix="pd-engines-"))
    try:
        tpath, fpath = work / "tantivy", work / "fts5.db"
        tpath.mkdir()
        tb, fb = build_tantivy(tpath, docs), build_fts5(fpath, docs)
        del docs
        rows: list[tuple[str, str, str, str]] = []

        def row(name: str, tv: float, fv: float | None, unit: str = "ms") -> None:
            """One table row with the FTS5/tantivy ratio."""
            ratio = f"{fv / tv:.1f}x" if fv is not None and tv > 0 else "n/a"
            fs = "none" if fv is None else f"{fv:.2f} {unit}"
            rows.append((name, f"{tv:.2f} {unit}", fs, ratio))

        row("build (papers/s)", args.papers / tb, args.papers / fb, "/s")
        rows[-1] = (*rows[-1][:3], f"{tb and fb / tb:.1f}x faster build")
        row("size on disk", du(tpath) / 2**20, du(fpath) / 2**20, "MiB")
        t = time.perf_counter()
        tv = Tantivy(tpath)
        tv.top("learning")
        t_open = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        fv = Fts5(fpath)
        fv.top("learning")
        f_open = (time.perf_counter() - t) * 1000
        row("open + first answer", t_open, f_open)
        for name, (tq, fq) in QUERIES.items():
            assert tv.count(tq) == fv.count(fq), (name, tv.count(tq), fv.count(fq))
            tmed, tp95, _ = timed(lambda tq=tq: tv.top(tq))
            fmed, fp95, _ = timed(lambda fq=fq: fv.top(fq))
            row(f"top-20 {name} (median)", tmed, fmed)
            row(f"top-20 {name} (p95)", tp95, fp95)
        tmed, _, tc = timed(lambda: tv.count("learning"), 10)
        fmed, _, fc = timed(lambda: fv.count("learning"), 10)
        assert tc == fc, (tc, fc)
        row(f"exact count of 'learning' ({tc})", tmed, fmed)
        tmed, tp95, hits = timed(lambda: tv.typo("compresion"))
        row("typo 'compresion' top-20 (median)", tmed, None)
        width = max(len(r[0]) for r in rows)
        print(f"{'':{width}}  {'tantivy':>14}  {'SQLite FTS5':>14}  FTS5/tantivy")
        for name, a, b, c in rows:
            print(f"{name:{width}}  {a:>14}  {b:>14}  {c}")
        print(f"typo fallback found {len(hits)} papers for 'compresion'")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
