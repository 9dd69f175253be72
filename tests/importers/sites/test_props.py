"""Property tests: every site importer raises only ImporterError on mutated input."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.base import ImporterError
from importers.registry import get
from importers.sites.walk import import_site
from tests.importers.sites.helpers import SITES, TODAY

# (importer, fixture file) pairs: every new importer on its own kind of input
CASES = [
    ("al-folio", "alfolio-lab/_bibliography/papers.bib"),
    ("academicpages", "academicpages-site/_publications/2021-07-15-snowmelt.md"),
    ("academicpages", "academicpages-site/_publications/2019-03-01-river-routing.md"),
    ("academicpages-tsv", "academicpages-site/markdown_generator/publications.tsv"),
    ("hugo-academic", "hugo-lab/content/publication/conference-paper/index.md"),
    ("hugo-academic", "hugo-lab/content/publication/journal-article/index.md"),
    ("data-file", "datafile-lab/_data/publications.yml"),
    ("data-file", "datafile-lab/_data/grouped.json"),
    ("publication-list", "handwritten-lab/publications.md"),
    ("publication-list", "acadhomepage-site/_pages/about.md"),
]
TEXTS = {rel: (SITES / rel).read_text(encoding="utf-8") for _, rel in CASES}
BITS = ["---\n", "+++\n", "- ", "  ", ": ", "\"", "'", "[", "]", "{", "}", "(", ")", "**", "*",
        "`", "```", "<div class='paper-box'>", "</div>", "<br>", "\t", "\n", "@article{", "=",
        ",", "&amp;", "\x1b[2J", "\r", "\ufeff", "\x00", "&", "*a", "!!python/object", "%",
        "\\", "## ", "1. ", "2020", "https://", "title", "authors", "null", "~", "|"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, str]:
    """(importer, file name, text): a fixture with random cuts, copies and insertions."""
    name, rel = draw(st.sampled_from(CASES))
    text = TEXTS[rel]
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["cut", "dup", "insert", "bit"]))
        span = draw(st.integers(0, 200))
        if action == "cut":
            text = text[:at] + text[at + span:]
        elif action == "dup":
            text = text[:at] + text[at:at + span] + text[at:]
        elif action == "insert":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        else:
            text = text[:at] + draw(st.sampled_from(BITS)) + text[at:]
    return name, rel, text


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_mutated_sources_raise_only_importer_error(case: tuple[str, str, str]) -> None:
    """Parse and detect a mutated file: results or ImporterError, nothing else."""
    name, rel, text = case
    importer = get(name)
    score, reason = importer.explain(text, rel)
    assert 0.0 <= score <= 1.0 and isinstance(reason, str)
    try:
        result = importer.parse(text, source=rel, today=TODAY)
    except ImporterError as exc:
        assert exc.message
        return
    for paper in result.papers:
        assert paper.id and paper.sections
        assert all("\x1b" not in value for value in (paper.title, paper.venue, *paper.authors))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | st.lists(st.sampled_from(BITS + ["a b", " x"]),
                                        max_size=60).map("".join),
       st.sampled_from(sorted({n for n, _ in CASES})))
def test_arbitrary_text_raises_only_importer_error(text: str, name: str) -> None:
    """Random text through every site importer (and Hugo's bundle) raises only ImporterError."""
    importer = get(name)
    for filename in ("x.md", "_data/x.yml", "x.json", "x.tsv", "_bibliography/x.bib"):
        importer.detect(text, filename)
    with contextlib.suppress(ImporterError):
        importer.parse(text, source="_data/x.yml", today=TODAY)
    with contextlib.suppress(ImporterError):
        get("hugo-academic").parse_bundle("---\ntitle: T\n---\n", text, source="p",
                                          today=TODAY)


@settings(max_examples=60, deadline=None)
@given(st.lists(mutated(), min_size=1, max_size=5))
def test_site_walker_never_raises(cases: list[tuple[str, str, str]]) -> None:
    """A site of mutated files: the walker reports, it never raises."""
    files = {rel: text for _, rel, text in cases}
    files["_config.yml"] = "title: [unclosed\n"
    site = import_site(sorted(files.items()), root="fuzz", today=TODAY)
    assert all(isinstance(w.message, str) for w in site.warnings)


HTML = (SITES / "plainhtml-lab" / "publications.html").read_text(encoding="utf-8")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(HTML)), st.sampled_from(
    BITS + ["<li>", "</li>", "<h2>", "<b>", "</i>", "<a href='", "'>", "<ul>"])), max_size=10))
def test_html_lists_never_raise(edits: list[tuple[int, str]]) -> None:
    """A mutated hand-written HTML list is read without raising."""
    from importers.html.lists import html_entries

    text = HTML
    for at, bit in edits:
        text = text[:at] + bit + text[at:]
    for paper, _, _ in html_entries(text):
        assert paper.title
