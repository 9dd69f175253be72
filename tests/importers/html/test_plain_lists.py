"""A rendered hand-written publication list (citations under headings) reads whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from importers import registry

SOURCE = Path(__file__).parents[2] / "data" / "sites" / "plainhtml-lab" / "publications.html"


def rendered() -> str:
    """The site's hand-written list as a browser gets it: front matter gone, a full page."""
    body = SOURCE.read_text(encoding="utf-8").split("---", 2)[2]
    head = "<!DOCTYPE html><html><head><title>Publications</title></head>"
    return f"{head}<body>{body}</body></html>"


def test_citations_under_headings_keep_titles_authors_and_groups() -> None:
    """Every entry is a paper with its own authors, year and heading as its tab."""
    result = registry.get("html").parse(rendered(), source="pubs.html", today=date(2026, 11, 29))
    got = {p.title: (p.authors, p.year, [s.label for s in p.sections]) for p in result.papers}
    assert got == {
        "Learning to Fold Proteins Quickly": (["A. Smith", "B. Jones"], 2022, ["Journal Papers"]),
        "Graph Kernels for Molecules": (["C. Lee", "A. Smith"], 2021, ["Journal Papers"]),
        "Fast Sampling of Conformations": (["A. Smith"], 2020, ["Conference Papers"]),
    }
