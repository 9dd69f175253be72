"""Hugo Academic / Wowchemy / Hugo Blox publication pages, YAML or TOML, cite.bib fallback."""

from __future__ import annotations

from importers.registry import get
from tests.importers.sites.helpers import SITES, TODAY, links, parse

SITE = "hugo-lab"
PUB = "content/publication"


def bundle(slug: str) -> tuple[str, str]:
    """(index.md, cite.bib or "") of a page bundle."""
    folder = SITES / SITE / PUB / slug
    bib = folder / "cite.bib"
    return ((folder / "index.md").read_text(encoding="utf-8"),
            bib.read_text(encoding="utf-8") if bib.exists() else "")


def test_yaml_page_every_field() -> None:
    """title, authors, date, publication(_short), abstract, doi, url_*, links, types, featured."""
    result = parse("hugo-academic", SITE, f"{PUB}/conference-paper/index.md")
    (paper,) = result.papers
    assert paper.title == "Calving Front Detection with Boundary-Aware Segmentation"
    assert paper.authors == ["Ingrid Solberg", "Tariq Nasser", "admin"]  # admin: a user name
    assert (paper.year, paper.date) == (2022, "2022-06-19")
    assert paper.venue == "IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops"
    assert paper.venue_short == "CVPRW 2022"
    assert paper.abstract.startswith("Marine-terminating glaciers lose mass")
    assert paper.doi == "10.1109/CVPRW.2022.00123"
    assert links(paper) == {
        "PDF": "https://openaccess.example.org/calving.pdf",
        "Code": "https://github.com/glacier-lab/calving",
        "Slides": "slides.pdf",
        "Video": "https://youtube.example.com/watch?v=calving",
        "Dataset DOI": "https://zenodo.example.org/record/555",
    }
    assert "Featured" in paper.badges and paper.keywords == ["Remote Sensing", "Segmentation"]
    assert [s.label for s in result.sections] == ["Conference papers"]


def test_toml_front_matter_with_capitalised_keys() -> None:
    """`+++` TOML, `Title =`, numeric publication type 2 = journal article."""
    result = parse("hugo-academic", SITE, f"{PUB}/journal-article/index.md")
    (paper,) = result.papers
    assert paper.title == "Surface Velocity Fields of Svalbard Glaciers from Feature Tracking"
    assert paper.authors == ["Tariq Nasser", "Ingrid Solberg", "Lena Brandt"]
    assert paper.date == "2020-11-02" and paper.venue_short == "TC 2020"
    assert paper.venue == "The Cryosphere, 14(11)"
    assert "Velocities are validated" in paper.abstract
    assert [s.label for s in result.sections] == ["Journal articles"]


def test_cite_bib_fills_gaps_and_the_page_wins() -> None:
    """No date on the page: cite.bib's year and abstract fill in; the page's title wins."""
    page, bib = bundle("preprint")
    result = get("hugo-academic").parse_bundle(page, bib, source="p/index.md", today=TODAY)
    (paper,) = result.papers
    assert paper.title == "Emulating Ice Sheet Models with Graph Neural Networks"
    assert paper.authors == ["admin", "Lena Brandt"]
    assert (paper.year, paper.date) == (2024, "2024-05")
    assert paper.abstract.startswith("We train a graph network")
    assert paper.arxiv_id == "2405.01234"
    assert [s.label for s in result.sections] == ["Preprints"]
    alone = get("hugo-academic").parse(page, source="p/index.md", today=TODAY).papers[0]
    assert alone.year is None and alone.abstract == ""


def test_untitled_page_takes_the_bib_title() -> None:
    """A page with an empty title is named by its cite.bib; type 7 is a thesis."""
    page, bib = bundle("cite-only")
    result = get("hugo-academic").parse_bundle(page, bib, source="c/index.md", today=TODAY)
    (paper,) = result.papers
    assert paper.title == "Subglacial Hydrology Beneath Fast-Flowing Outlet Glaciers"
    assert paper.venue == "PhD thesis, Example Polar Institute"
    assert [s.label for s in result.sections] == ["Theses"]


def test_detection_by_folder_and_keys() -> None:
    """A page in content/publication/ is the importer's; a blog post is not."""
    imp = get("hugo-academic")
    page, _ = bundle("conference-paper")
    assert imp.detect(page, f"{SITE}/{PUB}/x/index.md") == 0.95
    post = (SITES / SITE / "content/post/welcome/index.md").read_text(encoding="utf-8")
    assert imp.detect(post, "content/post/welcome/index.md") == 0.0
