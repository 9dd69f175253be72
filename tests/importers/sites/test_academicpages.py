"""academicpages: `_publications/*.md` front matter and body, and the generator's TSV."""

from __future__ import annotations

import pytest

from importers.base import ImporterError
from importers.registry import get
from tests.importers.sites.helpers import TODAY, by_title, links, parse

SITE = "academicpages-site"


def test_template_fields_and_authors_from_the_citation() -> None:
    """title, collection category, date, venue, paperurl, citation, excerpt; authors from
    the citation string when the page has no authors field."""
    result = parse("academicpages", SITE, "_publications/2019-03-01-river-routing.md")
    (paper,) = result.papers
    assert paper.title == "Differentiable River Routing for Flood Forecasting"
    assert (paper.year, paper.date) == (2019, "2019-03-01")
    assert paper.venue == "Water Resources Research"
    assert links(paper) == {"Paper": "http://jreyes.example.io/files/river-routing.pdf"}
    assert paper.authors == ["J. Reyes", "T. Mbeki", "A. Castillo"]
    assert paper.extra["citation"].startswith("Reyes, J., Mbeki, T., & Castillo, A. (2019)")
    assert paper.abstract == "We make a river routing model differentiable and train it end to end."
    assert [s.label for s in result.sections] == ["Journal articles"]  # category: manuscripts
    assert paper.provenance[0].locator == "/publication/2019-03-01-river-routing"


def test_capitalised_keys_authors_field_body_sections_and_fenced_bibtex() -> None:
    """`Title:` keys, an authors list, `## Abstract`, `## Links` and a ```bibtex block."""
    (paper,) = parse("academicpages", SITE, "_publications/2021-07-15-snowmelt.md").papers
    assert paper.title == "Snowmelt Timing from Sentinel-1 Backscatter"
    assert paper.authors == ["Jordan Reyes", "Priya Natarajan", "Tomas Mbeki"]
    assert paper.abstract.startswith("We estimate the timing of snowmelt onset")
    assert links(paper) == {
        "Slides": "http://jreyes.example.io/files/snowmelt-slides.pdf",
        "Code": "https://github.com/jreyes/snowmelt",
        "Paper": "https://ieeexplore.example.org/document/95501",
        "Poster": "http://jreyes.example.io/files/snowmelt-poster.pdf",
    }
    assert paper.doi == "10.1109/IGARSS.2021.9550001"  # from the fenced BibTeX
    assert paper.venue_short == "IGARSS 2021"


def test_missing_date_and_authors_section() -> None:
    """No date: the venue's year is used; `## Authors` gives the authors."""
    (paper,) = parse("academicpages", SITE, "_publications/2023-groundwater.md").papers
    assert paper.year == 2023 and paper.date == ""
    assert paper.authors == ["A. Castillo", "J. Reyes"]
    assert paper.abstract.startswith("Recharge is the least constrained term")


def test_broken_front_matter_names_file_and_line() -> None:
    """Broken YAML is one ImporterError with the file and line."""
    with pytest.raises(ImporterError) as info:
        parse("academicpages", SITE, "_publications/2020-broken.md")
    assert info.value.line == 5
    assert str(info.value).startswith(f"{SITE}/_publications/2020-broken.md:5: malformed")


def test_tsv_rows() -> None:
    """markdown_generator/publications.tsv: one paper per row, authors from the citation."""
    result = parse("academicpages-tsv", SITE, "markdown_generator/publications.tsv")
    papers = by_title(result)
    routing = papers["Differentiable River Routing for Flood Forecasting"]
    assert routing.authors == ["J. Reyes", "T. Mbeki", "A. Castillo"]
    assert (routing.date, routing.venue) == ("2019-03-01", "Water Resources Research")
    assert links(routing) == {"Paper": "http://jreyes.example.io/files/river-routing.pdf"}
    sediment = papers["Sediment Transport in Braided Rivers"]
    assert sediment.links == [] and sediment.abstract == "A field study of braided river beds."
    assert [p.provenance[0].line for p in result.papers] == [2, 3]


def test_talks_and_readmes_are_not_publication_pages() -> None:
    """A talk page (collection: talks) and a README are not taken."""
    imp = get("academicpages")
    talk = "---\ntitle: A talk\ncollection: talks\nvenue: Seminar\ndate: 2020-01-01\n---\nHi\n"
    assert imp.detect(talk, "_talks/talk.md") == 0.0
    assert imp.detect("Just a readme\n", "_publications/README.md") == 0.0
    with pytest.raises(ImporterError):
        imp.parse("Just a readme\n", source="README.md", today=TODAY)
