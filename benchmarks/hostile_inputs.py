"""Inputs at the size limit for every importer: realistic (a fixture's entries repeated) and
hostile (shapes that make hand-written parsers quadratic or backtrack). Deterministic."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT))

Maker = Callable[[int], str]


def fill(unit: str, size: int) -> str:
    """unit repeated to exactly size characters."""
    return (unit * (size // len(unit) + 1))[:size]


def wrapped(head: str, unit: str, tail: str, size: int) -> str:
    """head, then whole copies of unit up to about size characters, then tail."""
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _split(text: str, start: str, end: str) -> tuple[str, str, str]:
    """text cut into (before the first start, from it to after the last end, the rest)."""
    i = text.index(start)
    j = text.rindex(end) + len(end)
    return text[:i], text[i:j] + "\n", text[j:]


def _front_and_body(path: Path) -> tuple[str, str]:
    """A page's front matter (with its fences) and its body."""
    text = path.read_text("utf-8")
    end = text.index("\n---", 3) + 4
    return text[:end] + "\n", text[end:] + "\n"


def _read(path: Path) -> str:
    """A fixture's text."""
    return path.read_text("utf-8")


def _repeat_file(path: Path) -> Maker:
    """A maker repeating a whole file."""
    return lambda size: fill(_read(path) + "\n", size)


def _repeat_body(path: Path) -> Maker:
    """A maker keeping a page's front matter and repeating its body."""
    def make(size: int) -> str:
        head, body = _front_and_body(path)
        return wrapped(head, body, "", size)
    return make


def _repeat_between(path: Path, start: str, end: str) -> Maker:
    """A maker repeating the part of a file from the first start to the last end."""
    def make(size: int) -> str:
        head, unit, tail = _split(_read(path), start, end)
        return wrapped(head, unit, tail, size)
    return make


_BIB_BLOCK = re.compile(r"^[ \t]*@", re.M)
_BIB_KEY = re.compile(r"^([ \t]*@\w+\s*\{\s*)([^,\s]+)(\s*,)")


def _bib_copies(path: Path) -> Maker:
    """A maker repeating a .bib file's entries as a real file repeats its kind of entries:
    each copy with its own cite keys, without its @string definitions (kept once, at the
    top) or its unclosed entries (a fixture's broken example). Repeating the file as it is
    made every cite key a duplicate and every copy a broken entry: thousands of warnings."""
    def make(size: int) -> str:
        text = _read(path)
        starts = [m.start() for m in _BIB_BLOCK.finditer(text)] + [len(text)]
        head, entries = text[: starts[0]], []
        for begin, end in zip(starts, starts[1:], strict=False):
            block = text[begin:end]
            if block.lstrip().lower().startswith(("@string", "@preamble", "@comment")):
                head += block
            elif block.count("{") == block.count("}"):
                entries.append(block.rstrip() + "\n\n")
        copies, total, n = [head], len(head), 0
        while total < size:
            for block in entries:
                copies.append(_BIB_KEY.sub(rf"\g<1>\g<2>-{n}\g<3>", block, 1))
                total += len(copies[-1])
                n += 1
        return "".join(copies)
    return make


def _csl(size: int) -> str:
    """A CSL-JSON export of synthetic papers, about size characters."""
    from benchmarks.synth import make_papers
    from store.cite.csl import to_csl_json
    one = to_csl_json(make_papers(200, seed=1))
    items = json.loads(one)
    unit = len(one) / len(items)
    n = int(size / unit)
    return to_csl_json(make_papers(n, seed=1))


def _ris(size: int) -> str:
    """A RIS export of synthetic papers repeated to size."""
    from benchmarks.synth import make_papers
    from store.cite.ris import to_ris
    return wrapped("", to_ris(make_papers(500, seed=2)) + "\n", "", size)


def _snapshot(size: int) -> str:
    """arXiv metadata snapshot lines repeated to size."""
    from benchmarks.gen_arxiv_snapshot import papers
    lines = "".join(json.dumps(p) + "\n" for p in papers(500))
    return wrapped("", lines, "", size)


def _oai(size: int) -> str:
    """An OAI-PMH ListRecords page with many arXiv records."""
    from tests.data.oai_server import ENVELOPE, OaiRecord
    record = OaiRecord("2101.00001", "2021-01-04", "A Study of Things in Depth",
                       [("Wang", "Wei"), ("Smith", "Anna")], "cs.CV cs.LG", "2021-01-01",
                       abstract="We study a problem and propose a method that works. " * 8)
    head, tail = ENVELOPE.split("{body}")
    head = head.format(now="2024-01-01T00:00:00Z", attrs='verb="ListRecords"')
    return wrapped(head + "<ListRecords>\n", record.xml() + "\n", "</ListRecords>" + tail, size)


def _bib(size: int) -> str:
    """A .bib export of distinct synthetic papers (with abstracts), about size characters."""
    from benchmarks.synth import make_papers
    from store.cite.bibfile import entries
    sample = "\n".join(text for _, text in entries(make_papers(200, seed=3))) + "\n"
    n = int(size / (len(sample) / 200))
    return "\n".join(text for _, text in entries(make_papers(n, seed=3))) + "\n"


def _lab_page(size: int) -> str:
    """A lab-site topic page of distinct generated entries (as bench_import makes them)."""
    import random

    from benchmarks.bench_import import entry
    rng = random.Random(5)
    head = ('---\ntitle: "Research Topic: T0"\npermalink: /topic0/page-0.html\n---\n\n'
            "**[▼ Page 0](/topic0/page-0)**\n**[▶ Page 1](/topic0/page-1)**\n\n## Page 0\n\n")
    parts, total, n = [head], len(head), 0
    while total < size:
        parts.append(entry(rng, 0, 0, n))
        total += len(parts[-1])
        n += 1
    return "".join(parts)


SITES = DATA / "sites"
# importer name -> (source name given to parse, realistic maker)
REALISTIC: dict[str, tuple[str, Maker]] = {
    "jekyll": ("_pages/topic0/page-0.md", _lab_page),
    "jekyll-seed": ("_pages/low-for-high.md",
                    _repeat_body(SHARED / "seeds/002_a81153c49f98638b.txt")),
    "profile": ("profile.txt", _repeat_file(SHARED / "seeds/000_e7fca5a64d07ec27.txt")),
    "arxiv-listing": ("listing.txt", _repeat_file(SHARED / "seeds/001_9714507ff912e908.txt")),
    "bibtex": ("refs.bib", _bib),
    "bibtex-sample": ("refs.bib", _bib_copies(DATA / "bibtex/sample.bib")),
    "atom": ("arxiv.xml", _repeat_between(DATA / "arxiv/author_page0.xml", "<entry", "</entry>")),
    "al-folio": ("_bibliography/papers.bib",
                 _bib_copies(SITES / "alfolio-lab/_bibliography/papers.bib")),
    "academicpages": ("_publications/2019-03-01-river-routing.md",
                      _repeat_body(SITES / "academicpages-site/_publications/"
                                   "2019-03-01-river-routing.md")),
    "academicpages-tsv": ("markdown_generator/publications.tsv", lambda size: wrapped(
        *_read(SITES / "academicpages-site/markdown_generator/publications.tsv")
        .split("\n", 1), "", size)),
    "hugo-academic": ("content/publication/x/index.md",
                      _repeat_body(SITES / "hugo-lab/content/publication/conference-paper/"
                                   "index.md")),
    "data-file": ("_data/publications.yml",
                  _repeat_file(SITES / "datafile-lab/_data/publications.yml")),
    "publication-list": ("publications.md",
                         _repeat_body(SITES / "handwritten-lab/publications.md")),
    "html": ("publications.html", _repeat_between(
        SITES / "plainhtml-lab/publications.html", "<h2", "</ul>")),
    "oai-arxiv": ("oai.xml", _oai),
    "csl-json": ("export.json", _csl),
    "ris": ("export.ris", _ris),
    "arxiv-snapshot": ("arxiv-metadata.json", _snapshot),
}

FRONT = "---\ntitle: Publications\npermalink: /pubs/all\n---\n## Publications\n"
# Shapes tried on every importer (each one is hostile to some parser).
GENERIC: dict[str, Maker] = {
    "one-line": lambda n: "x" * n,
    "newlines": lambda n: "\n" * n,
    "space-lines": lambda n: fill(" \n", n),
    "braces-open": lambda n: fill("{", n),
    "brackets": lambda n: fill("[", n),
    "angles": lambda n: fill("<", n),
    "at-signs": lambda n: fill("@", n),
    "backslashes": lambda n: fill("\\", n),
    "quotes": lambda n: fill('"', n),
    "stars": lambda n: fill("**", n),
    "link-soup": lambda n: fill("[a](/b)", n),
    "html-links": lambda n: fill('<a href="https://x.org/p">p</a>\n', n),
    "deep-divs": lambda n: fill("<div>", n),
    "table-rows": lambda n: "<table>" + fill("<tr><td>a</td><td>b</td></tr>\n", n),
    "md-table": lambda n: fill("| a | b | c |\n", n),
    "front-open": lambda n: "---\n" + fill("a: b\n", n),
    "title-lines": lambda n: fill("**a** <br>\n", n),
    "md-entries": lambda n: wrapped(FRONT, "- **Title of a paper here** <br>\nA. B, C. D <br>\n"
                                    "*CVPR 2020*\n\n", "", n),
    "list-items": lambda n: wrapped(FRONT, '- A. B. "Some Paper Title". **CVPR**, 2020.\n', "",
                                    n),
    "yaml-list": lambda n: fill("- title: A Paper Title\n  authors: A, B\n  venue: X\n", n),
    "unclosed-div": lambda n: fill("<div class=abs>\n", n),
}

# Shapes aimed at one importer.
SPECIFIC: dict[str, dict[str, Maker]] = {
    "bibtex": {
        "many-tiny-entries": lambda n: fill("@misc{k,title={x}}\n", n),
        "unclosed-brace": lambda n: "@article{x, title={" + fill("{a ", n),
        "deep-nesting": lambda n: "@article{x, title=" + "{" * 5000 + fill("a", n)
        + "}" * 5000 + "}",
        "open-quote": lambda n: '@article{x, title="' + fill('a\\"', n),
        "string-macros": lambda n: fill("@string{a = b # c # d}\n", n),
        "latex-accents": lambda n: "@article{x, title={" + fill("\\'{e}\\\"o", n) + "}}",
        "author-list": lambda n: "@article{x, author={" + fill("A and ", n) + "}}",
        "giant-abstracts": lambda n: fill("@article{k, title={T}, abstract={" + "word " * 40000
                                          + "}}\n", n),
    },
    "arxiv-listing": {
        "id-lines": lambda n: fill("arXiv:2101.00001\n", n),
        "prose-and-ids": lambda n: fill("Some words here.\narXiv:2101.00001\n", n),
        "id-one-line": lambda n: fill("arXiv:2101.00001 ", n),
    },
    "profile": {
        "dated-entries": lambda n: fill("CVJun 25, 2022\nTitle\n\nA B\n\n", n),
        "dates-only": lambda n: fill("CVJun 25, 2022\n", n),
        "one-giant-abstract": lambda n: "CVJun 25, 2022\nTitle\n\nA B\n\n" + fill("word ", n),
    },
    "atom": {
        "empty-entries": lambda n: wrapped('<feed xmlns="http://www.w3.org/2005/Atom">',
                                           "<entry></entry>", "</feed>", n),
    },
    "oai-arxiv": {
        "empty-records": lambda n: wrapped('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
                                           "<ListRecords>", "<record></record>",
                                           "</ListRecords></OAI-PMH>", n),
    },
    "csl-json": {
        "tiny-items": lambda n: "[" + fill('{"type":"x","title":"t"},', n - 30)
        .rsplit(",", 1)[0] + "]",
        "deep-array": lambda n: "[" * (n // 2) + "]" * (n // 2),
    },
    "ris": {
        "tiny-records": lambda n: fill("TY  - JOUR\nTI  - t\nER  - \n", n),
        "unended-record": lambda n: "TY  - JOUR\n" + fill("AU  - A, B\n", n),
    },
    "arxiv-snapshot": {
        "tiny-lines": lambda n: fill('{"id":"1","title":"t","abstract":"a","categories":"x"}\n',
                                     n),
        "braces": lambda n: fill("{\n", n),
    },
}
