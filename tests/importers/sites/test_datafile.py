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


def test_size_limits_are_said() -> None:
    """A YAML file over MAX_YAML is refused with one line; a JSON list is read up to
    MAX_ITEMS publications, with a warning."""
    from importers.sites.datafile import MAX_ITEMS, MAX_YAML

    item = "- title: A Paper Title\n  authors: A, B\n  venue: X\n"
    with pytest.raises(ImporterError) as info:
        get("data-file").parse(item * (MAX_YAML // len(item) + 1), source="_data/p.yml",
                               today=TODAY)
    assert "over 2 MB are not read" in info.value.message
    one = '{"title": "A Paper Title", "authors": "A, B", "venue": "X"}'
    text = "[" + ",".join([one] * (MAX_ITEMS + 5)) + "]"
    result = get("data-file").parse(text, source="_data/p.json", today=TODAY)
    assert len(result.papers) == MAX_ITEMS
    assert any("the rest skipped" in w.message for w in result.warnings)


def test_publication_and_link_fields() -> None:
    """`publication:` is a venue, `link:` a paper link, `author:` one display string."""
    text = ('[{"name": "Carbon Fluxes in Peatlands", "author": "A. Diallo and S. Romero",'
            ' "publication": "Global Change Biology", "date": "2019-02", '
            '"link": "https://gcb.example.org/peat"}]')
    (paper,) = get("data-file").parse(text, source="data/pubs.json", today=TODAY).papers
    assert (paper.venue, paper.date, paper.authors) == ("Global Change Biology", "2019-02",
                                                         ["A. Diallo", "S. Romero"])
    assert links(paper) == {"Paper": "https://gcb.example.org/peat"}


def test_lists_of_citation_strings() -> None:
    """A list of citation strings is read like list entries; news lines with years are not."""
    text = ("publications:\n"
            "  - 'J. Smith and A. Doe. \"Graph Priors for Soil Maps\". *Geoderma*, 2021. "
            "[PDF](https://x.org/a.pdf)'\n"
            "  - 'Smith, J. (2019). \"Older Work on Peat Carbon\". Soil Biology, 2019.'\n")
    result = get("data-file").parse(text, source="_data/pubs.yml", today=TODAY)
    assert [(p.title, p.authors, p.venue, p.year) for p in result.papers] == [
        ("Graph Priors for Soil Maps", ["J. Smith", "A. Doe"], "Geoderma", 2021),
        ("Older Work on Peat Carbon", ["J. Smith"], "Soil Biology", 2019),
    ]
    assert links(result.papers[0]) == {"PDF": "https://x.org/a.pdf"}
    news = "- 'We moved to a new building in 2020, and it is great.'\n- 'Alice joined, 2021.'\n"
    assert get("data-file").detect(news, "_data/news.yml") == 0.0
