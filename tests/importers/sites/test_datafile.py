"""Data-file sites: publication lists mapped by field name and content; other lists refused."""

from __future__ import annotations

import pytest

from importers.base import ImporterError
from importers.registry import get
from tests.importers.sites.helpers import SITES, TODAY, by_title, links, parse

SITE = "datafile-lab"


def test_field_names_nested_links_and_types() -> None:
    """title/name, authors string/list/dicts, journal/conference/venue/booktitle, year/date,
    doi URL, nested links, paper/project_page/url/PDF, capitalised keys, type as the tab."""
    result = parse("data-file", SITE, "_data/publications.yml")
    papers = by_title(result)
    root = papers["Root Exudates Shape Rhizosphere Networks"]
    assert root.authors == ["Amara Diallo", "Kenji Watanabe", "Sofia Romero"]
    assert (root.venue, root.year, root.doi) == ("Nature Microbiology", 2023,
                                                 "10.1038/s41564-023-01234-5")
    assert links(root) == {"PDF": "/papers/root-exudates.pdf",
                           "Code": "https://github.com/soil-lab/exudates",
                           "Project Page": "https://exudates.example.org"}
    binning = papers["Metagenome Binning with Contrastive Embeddings"]  # `name:` is the title
    assert binning.authors == ["Kenji Watanabe", "Amara Diallo"]
    assert (binning.venue_short, binning.date, binning.badges) == ("ISMB 2022", "2022-07-11",
                                                                   ["Best Paper"])
    assert links(binning) == {"Paper": "https://academic.example.org/ismb22.pdf",
                              "Project": "https://binning.example.org"}
    drought = papers["Drought Memory in Soil Bacteria"]
    assert drought.year == 2024 and drought.venue == "bioRxiv"
    nitrogen = papers["Nitrogen Cycling Under Warming Treatments"]
    assert nitrogen.authors == ["A. Diallo", "S. Romero"]
    assert nitrogen.venue == "Proceedings of the Soil Ecology Society Meeting"
    assert links(nitrogen) == {"PDF": "https://soil-lab.example.org/papers/nitrogen.pdf"}
    assert [s.label for s in result.sections] == ["Journal", "Conference", "Preprint", "Other"]


def test_groups_from_the_keys_of_a_mapping() -> None:
    """{"journal": [...], "workshop": [...]} gives one tab per key."""
    result = parse("data-file", SITE, "_data/grouped.json")
    assert [s.label for s in result.sections] == ["Journal", "Workshop"]
    assert [p.sections[0].label for p in result.papers] == ["Journal", "Workshop"]


@pytest.mark.parametrize("name", ["people.yml", "news.yml", "sources.yaml", "navigation.yml",
                                  "talks.json"])
def test_lists_that_are_not_publications_are_refused(name: str) -> None:
    """People, news, data sources, navigation and talks are never publications."""
    text = (SITES / SITE / "_data" / name).read_text(encoding="utf-8")
    imp = get("data-file")
    assert imp.detect(text, f"_data/{name}") < 0.5
    with pytest.raises(ImporterError):
        imp.parse(text, source=f"_data/{name}", today=TODAY)


def test_broken_yaml_names_the_line() -> None:
    """A broken data file is one error with its line."""
    with pytest.raises(ImporterError) as info:
        parse("data-file", SITE, "_data/broken.yml")
    assert info.value.line == 3 and "malformed YAML" in info.value.message


def test_nested_year_groups_and_one_display_string() -> None:
    """[{year: 2020, papers: [...]}] and a `citation:` string for authors."""
    text = ("- year: 2020\n  papers:\n    - title: Soil Carbon Maps from Spectra\n"
            "      citation: 'Diallo, A., & Romero, S. (2020). Soil Carbon Maps from Spectra.'\n"
            "      venue: Geoderma\n")
    result = get("data-file").parse(text, source="_data/pubs.yml", today=TODAY)
    (paper,) = result.papers
    assert paper.authors == ["A. Diallo", "S. Romero"]
    assert [s.label for s in result.sections] == ["2020"]
