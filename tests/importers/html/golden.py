"""Record the HTML importer's output on real-looking and generated pages, and compare a later
run against such a record (a safety net for speed work: the output must not change).

Run: python -m tests.importers.html.golden record OUT.json
     python -m tests.importers.html.golden compare OUT.json

Inputs: the HTML files under tests/, the shared samples and seeds (read from ../shared/ at run
time, never copied), pages generated from a fixed seed, and the benchmark's shapes at 1 MB
(the realistic one at 20 MB). The record stays outside the repository (it holds sample text).
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from benchmarks.hostile_inputs import GENERIC, REALISTIC  # noqa: E402
from importers.base import ImporterError, ImportResult  # noqa: E402
from importers.html import IMPORTER, parse_pages, read  # noqa: E402
from importers.html.lists import html_entries, list_reading  # noqa: E402
from importers.sites.front import split_front  # noqa: E402

WORDS = ["Ada Lovelace", "A. Turing", "Grace Hopper", "and", ",", ".", "2023", "CVPR",
         "Proceedings of NeurIPS", "Title Of A Paper", "Learning *Things* Fast", "a_b", "x\\y",
         "[1]", "](", "`code`", "&amp;", "&lt;b&gt;", "**", "__init__", "~", "--", "$x$",
         "\u00e9t\u00e9", "\u202e", "&#x1b;]52;c;x&#7;", "http://h.test/p", "<", ">", "!", "#"]
INLINE = ["b", "strong", "i", "em", "cite", "span", "u", "sup", "code", "abbr"]
BLOCK = ["li", "p", "dd", "div"]
HEADINGS = ["Publications", "Selected Publications", "Journal Papers", "2021", "Talks",
            "Conference Papers", "Preprints", "Teaching"]
HREFS = ["https://arxiv.org/abs/2101.01234", "/pdf/a.pdf", "http://h.test/a b", "#x",
         "javascript:x()", "https://doi.org/10.1109/X.2023.1", "https://github.com/a/b",
         "https://h.test/a)b", ""]


def _inline(rng: random.Random, depth: int = 0) -> str:
    """Some inline markup: words, styled runs, links and line breaks."""
    out: list[str] = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.45 or depth > 2:
            out.append(rng.choice(WORDS) + rng.choice([" ", "", ", ", ". "]))
        elif kind < 0.7:
            tag = rng.choice(INLINE)
            out.append(f"<{tag}>{_inline(rng, depth + 1)}</{tag}> ")
        elif kind < 0.9:
            out.append(f'<a href="{rng.choice(HREFS)}">{_inline(rng, depth + 1)}</a> ')
        else:
            out.append("<br>")
    return "".join(out)


def _entry(rng: random.Random) -> str:
    """One publication-like entry, or some other line."""
    if rng.random() < 0.6:
        authors = ", ".join(rng.sample(["A. Smith", "B. Jones", "<u>C. Lee</u>", "Ada Lovelace",
                                        "<b>Grace Hopper</b>", "D. E. Knuth*"], rng.randint(1, 4)))
        title = rng.choice(["<b>Graph Kernels for Molecules</b>", "&ldquo;Fast Sampling&rdquo;",
                            '<a href="/p.pdf">Learning to Fold Proteins</a>',
                            "<strong>A *Starred* Title_with_underscores</strong>"])
        venue = rng.choice(["<em>Nature Methods</em>, 2022", "In <i>ICML</i>, 2020",
                            "CVPR 2023 (Oral)", "<i>arXiv preprint</i>", ""])
        extra = _inline(rng) if rng.random() < 0.5 else ""
        return f"{authors}. {title}. {venue}. {extra}"
    return _inline(rng)


def generated_page(seed: int) -> str:
    """A page of headings and lists of entries, from seed."""
    rng = random.Random(seed)
    parts = ["<html><head><title>Lab</title></head><body>"]
    if rng.random() < 0.3:
        parts.append('<nav><a href="/">Home</a><a href="/pubs">Pubs</a></nav>')
    for _ in range(rng.randint(1, 4)):
        level = rng.randint(1, 4)
        parts.append(f"<h{level}>{rng.choice(HEADINGS)}</h{level}>")
        listed = rng.random() < 0.7
        parts.append("<ol>" if listed else "<div>")
        for _ in range(rng.randint(0, 8)):
            tag = "li" if listed else rng.choice(BLOCK)
            inner = _entry(rng)
            if rng.random() < 0.2:
                inner = f"<p>{inner}</p><ul><li>{_inline(rng)}</li></ul>"
            parts.append(f"<{tag}>{inner}</{tag}>")
        parts.append("</ol>" if listed else "</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _dump(result: ImportResult | None) -> Any:
    """An import result as plain data."""
    if result is None:
        return None
    return {
        "papers": [p.to_dict() for p in result.papers],
        "sections": [s.to_dict() for s in result.sections],
        "collections": [c.to_dict() for c in result.collections],
        "warnings": [dataclasses.asdict(w) for w in result.warnings],
    }


def _guarded(run: Callable[[], Any]) -> Any:
    """run(), or the ImporterError it raised as data."""
    try:
        return run()
    except (ImporterError, ValueError) as exc:  # TooDeep is a ValueError
        return {"error": f"{type(exc).__name__}: {exc}"}


def _readings(name: str, text: str) -> dict[str, Any]:
    """Every reading of one page: the importer, both list readings and the entry stream."""
    return {
        "parse": _guarded(lambda: _dump(IMPORTER.parse(text, source=name,
                                                       today=date(2024, 1, 1)))),
        "list": _guarded(lambda: _dump(list_reading(text, source=name))),
        "list-all": _guarded(lambda: _dump(list_reading(
            text, source=name, importer="publication-list", authored_only=False,
            collection=("site:page", name)))),
        "entries": _guarded(lambda: [(p.to_dict(), g, n) for p, g, n in html_entries(text)]),
        "body": _guarded(lambda: _dump(IMPORTER.parse(_body(text, name), source=name,
                                                      today=date(2024, 1, 1)))),
    }


def _body(text: str, name: str) -> str:
    """A page with its Jekyll front matter blanked (lines kept), as the site walker reads it."""
    body = split_front(text, source=name)
    return "\n" * (body.body_line - 1) + body.body if body.kind else text


def inputs() -> Iterator[tuple[str, str]]:
    """(name, text) of every recorded input."""
    for path in sorted((ROOT / "tests").rglob("*.html")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    for folder in ("samples/vidar-site-rendered", "seeds"):
        for path in sorted((SHARED / folder).rglob("*")):
            if path.is_file():
                yield f"shared/{path.relative_to(SHARED).as_posix()}", path.read_text("utf-8")
    for seed in range(400):
        yield f"generated/{seed}", generated_page(seed)
    for case, make in GENERIC.items():
        yield f"bench/{case}", make(2**20)
    yield "bench/realistic-1mb", REALISTIC["html"][1](2**20)


def record() -> dict[str, Any]:
    """Every input's readings, plus the vidar rendered pages read together as a site."""
    out = {name: _readings(name, text) for name, text in inputs()}
    rendered = SHARED / "samples" / "vidar-site-rendered"
    pages = [(p.relative_to(rendered).as_posix(), p.read_text("utf-8"))
             for p in sorted(rendered.rglob("*.html"))]
    out["site/vidar"] = _dump(parse_pages([read(t, source=n, path=n) for n, t in pages]))
    big = REALISTIC["html"][1](20 * 2**20)
    out["bench/realistic-20mb"] = _dump(IMPORTER.parse(big, source="publications.html",
                                                       today=date(2025, 1, 1)))
    return json.loads(json.dumps(out, default=str))


def _first_difference(old: Any, new: Any, where: str = "") -> str | None:
    """Where two records first differ, or None."""
    if type(old) is not type(new):
        return f"{where}: {old!r:.200} != {new!r:.200}"
    if isinstance(old, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return f"{where}/{key}: only in {'new' if key in new else 'old'}"
            found = _first_difference(old[key], new[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(old, list):
        if len(old) != len(new):
            return f"{where}: {len(old)} items != {len(new)}"
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found = _first_difference(a, b, f"{where}[{index}]")
            if found:
                return found
        return None
    return None if old == new else f"{where}: {old!r:.200} != {new!r:.200}"


def main() -> None:
    """record OUT.json | compare OUT.json."""
    command, path = sys.argv[1], Path(sys.argv[2])
    now = record()
    if command == "record":
        path.write_text(json.dumps(now), encoding="utf-8")
        print(f"recorded {len(now)} inputs to {path}")
        return
    old = json.loads(path.read_text(encoding="utf-8"))
    differences = [d for key in sorted(set(old) | set(now))
                   if (d := _first_difference(old.get(key), now.get(key), key))]
    for line in differences[:20]:
        print(line)
    print(f"{len(now)} inputs, {len(differences)} differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
