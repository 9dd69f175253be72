"""Helpers shared by the store tests: small import results and library builders."""

from __future__ import annotations

from importers.base import ImportResult, ImportWarning
from store.models import Collection, Link, Paper, Provenance, Section, SectionRef, make_paper_id


def paper(
    title: str, *, arxiv: str = "", doi: str = "", source: str = "src", **kw: object
) -> Paper:
    """A paper with a proper id, one section and provenance."""
    p = Paper(
        title=title,
        authors=["Ada Lovelace", "Alan Turing"],
        year=2024,
        venue_short="CVPR 2024",
        abstract=f"Abstract of {title}.",
        arxiv_id=arxiv,
        doi=doi,
        links=[Link("Paper", "https://example.org/" + title.replace(" ", "-"))],
        sections=[SectionRef("site:demo", "site:demo/all", "All")],
        provenance=[Provenance(source, "test")],
        **kw,  # type: ignore[arg-type]
    )
    p.id = make_paper_id(p)
    return p


def result(*papers: Paper, warnings: int = 0) -> ImportResult:
    """An import result with the demo collection and section."""
    return ImportResult(
        papers=list(papers),
        sections=[Section(id="site:demo/all", collection="site:demo", label="All", order=0)],
        collections=[Collection(id="site:demo", kind="site", title="Demo")],
        warnings=[ImportWarning("src", i, f"skipped line {i}") for i in range(warnings)],
    )
