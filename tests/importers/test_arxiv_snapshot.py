"""The arXiv metadata snapshot importer: records, LaTeX, line breaks, taxonomy, bad lines."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.arxiv_snapshot import IMPORTER, clean_line, parse_lines, taxonomy

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_arxiv_snapshot import papers as generated  # noqa: E402

RECORD = {
    "id": "0704.0001", "submitter": "Pavel Nadolsky",
    "authors": "C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan",
    "title": ("Calculation of prompt diphoton production cross sections at Tevatron and\n"
              "  LHC energies"),
    "comments": "37 pages, \\emph{15} figures", "journal-ref": "Phys.Rev.D76:013009,2007",
    "doi": "10.1103/PhysRevD.76.013009", "report-no": "ANL-HEP-PR-07-12",
    "categories": "hep-ph cs.LG", "license": None,
    "abstract": "  A fully differential calculation in $\\alpha_s$ is\npresented here.\n",
    "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}],
    "update_date": "2008-11-13",
    "authors_parsed": [["Balázs", "C.", ""], ["Berger", "E. L.", ""]],
}


def test_record_fields_latex_and_line_breaks() -> None:
    """One record: title and abstract unwrapped (math kept as written, text commands as text),
    authors from authors_parsed, dates."""
    res = parse_lines([(1, orjson.dumps(RECORD))], source="snap.json")
    (p,) = res.papers
    assert p.title == ("Calculation of prompt diphoton production cross sections at "
                       "Tevatron and LHC energies")
    assert p.abstract == "A fully differential calculation in $\\alpha_s$ is presented here."
    assert p.authors == ["C. Balázs", "E. L. Berger"]
    assert (p.arxiv_id, p.doi, p.year, p.date) == ("0704.0001", "10.1103/PhysRevD.76.013009",
                                                   2007, "2007-04-02")
    assert p.venue == "Phys.Rev.D76:013009,2007" and p.comments == "37 pages, 15 figures"
    assert {s.section for s in p.sections} == {"arxiv-cat:hep-ph/hep-ph", "arxiv-cat:cs/cs.lg"}
    assert p.links[0].url == "https://arxiv.org/abs/0704.0001"


def test_taxonomy_archive_to_category() -> None:
    """Archives become collections, categories sections; cross-lists in each."""
    colls, secs = taxonomy(["cs.CV", "cs.LG", "math.PR", "quant-ph"])
    assert [c.title for c in colls] == ["Computer Science", "Mathematics", "Quantum Physics"]
    assert [s.label for s in secs if s.collection == "arxiv-cat:cs"] == ["cs.CV", "cs.LG"]


def test_bad_lines_are_skipped_with_their_line() -> None:
    """Broken JSON, non-objects and records without id or title are skipped, named."""
    lines = [(1, b"{broken"), (2, b"[1]"), (3, orjson.dumps({"id": "1", "title": ""})),
             (4, orjson.dumps(RECORD)), (5, b"   ")]
    res = parse_lines(lines, source="s.json")
    assert len(res.papers) == 1
    assert [w.line for w in res.warnings] == [1, 2, 3]
    assert all("skipped" in str(w) for w in res.warnings)


def test_detect_and_generated_snapshot() -> None:
    """The generator's snapshot is detected and parsed whole (every line a paper)."""
    text = "\n".join(orjson.dumps(r).decode() for r in generated(50))
    assert IMPORTER.detect(text, "x.json") > 0.9
    assert IMPORTER.detect('{"title": "x"}', "x.json") == 0.0
    res = IMPORTER.parse(text, source="gen.json", today=date(2026, 1, 1))
    assert len(res.papers) == 50 and not res.warnings
    assert all(p.year and p.authors and p.abstract for p in res.papers)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(list(RECORD)), st.one_of(
    st.none(), st.text(max_size=30), st.integers(), st.lists(st.text(max_size=5), max_size=3))))
def test_any_record_parses_or_is_skipped(rec: dict) -> None:
    """Whatever the fields hold, a line is a paper or a warning, never an exception."""
    res = parse_lines([(1, json.dumps(rec).encode())], source="h.json")
    assert len(res.papers) + len(res.warnings) == 1


# Characters that exercise every branch of the cleaning: LaTeX marks, line breaks, odd spaces,
# controls, bidi and zero-width format characters, and plain text.
_TRICKY = st.text(st.one_of(st.sampled_from(list(
    "ab Z \n\n\t\\${}~-'`é\u00a0\u2009\u200b\u202e\u2028\x7f\x1b\x00\x85\u00ad\ufeff\r\b\f")),
    st.characters(blacklist_categories=("Cs",))), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({
    "id": st.sampled_from(["0704.0001", "hep-th/9901001", "2401.12345"]),
    "title": _TRICKY, "abstract": _TRICKY, "comments": _TRICKY, "journal-ref": _TRICKY,
    "categories": st.sampled_from(["cs.CV", "math.PR cs.LG", ""]),
    "authors": _TRICKY,
    "authors_parsed": st.lists(st.lists(_TRICKY, min_size=1, max_size=3), max_size=3),
}), st.booleans())
def test_clean_line_fast_path_gives_the_same_papers(rec: dict, ascii_only: bool) -> None:
    """A line that skips the per-field scans (clean_line) gives exactly the papers and warnings
    of the full path, whether non-ASCII is written raw (orjson) or escaped (json.dumps)."""
    line = json.dumps(rec).encode() if ascii_only else orjson.dumps(rec)
    fast = parse_lines([(1, line)], source="h.json")
    slow = parse_lines([(1, line)], source="h.json", fast=False)
    assert fast.papers == slow.papers
    assert [str(w) for w in fast.warnings] == [str(w) for w in slow.warnings]


def test_clean_line() -> None:
    """Escapes that may decode to controls, raw format characters and DEL are not clean;
    accents, Greek and LaTeX backslashes are."""
    assert clean_line(orjson.dumps({"t": "Müller α \\emph{x} a\nb\tc"}))
    for bad in ("\u202e", "\x7f", "\u200b", "\x1b", "\r"):
        assert not clean_line(orjson.dumps({"t": "a" + bad}))
    assert not clean_line(json.dumps({"t": "é"}).encode())  # \u00e9: escapes take the full path
