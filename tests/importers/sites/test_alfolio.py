"""al-folio / jekyll-scholar bibliographies: theme fields as links, badges and ids."""

from __future__ import annotations

from importers import registry
from tests.importers.sites.helpers import SITES, by_title, links, parse

BIB = "_bibliography/papers.bib"


def test_front_matter_before_the_bib_and_every_link_field() -> None:
    """`---\\n---` is fine; pdf, supp, poster go to assets/pdf; arxiv, html, code, … are links."""
    result = parse("al-folio", "alfolio-lab", BIB)
    conf = next(p for p in result.papers if p.extra.get("citekey") == "okafor2021tidal")
    assert links(conf) == {
        "arXiv": "https://arxiv.org/abs/2106.01234",
        "HTML": "https://proceedings.example.org/paper/2021/tidal",
        "PDF": "/assets/pdf/tidal_attention.pdf",
        "Supplement": "/assets/pdf/tidal_supp.pdf",
        "Blog": "https://blog.example.org/tidal-attention",
        "Code": "https://github.com/example-lab/tidal-attention",
        "Poster": "/assets/pdf/tidal_poster.pdf",
        "Slides": "https://example.org/slides/tidal.pdf",
        "Website": "https://tidal.example.org",
        "Video": "https://video.example.org/watch?v=tidal",
    }
    assert conf.arxiv_id == "2106.01234"
    assert conf.abstract.startswith("We introduce a sparse attention pattern")
    assert conf.venue == "Advances in Neural Information Processing Systems"  # @string macro
    assert conf.badges[:2] == ["NeurIPS", "Selected"]  # abbr, selected
    assert conf.extra["bibtex_show"] == "true"
    assert conf.extra["preview"] == "tidal.gif"
    assert conf.extra["google_scholar_id"] == "qyhmnyLat1gC"
    assert conf.extra["altmetric"] == "248277"
    assert conf.authors == ["Mira K. Okafor", "Jonas Lindqvist", "Rana Haddad"]
    assert (conf.year, conf.date) == (2021, "2021-12")
    assert conf.has_code


def test_abbr_award_thesis_and_eprint() -> None:
    """abbr fills a missing short venue; an award is a badge; a thesis names its school."""
    papers = by_title(parse("al-folio", "alfolio-lab", BIB))
    reef = papers["Coral Reef Segmentation from Sparse Diver Annotations"]
    assert (reef.venue_short, reef.arxiv_id, reef.category) == ("Preprint", "2403.05678", "cs.CV")
    wave = papers["Wave Height Nowcasting with Graph Networks"]  # upper-case field names
    assert wave.badges == ["Outstanding Paper"] and wave.venue_short == "ICLR 2022"
    thesis = papers["Statistical Downscaling of Coastal Climate Projections"]
    assert thesis.venue == "PhD thesis, Example University"


def test_shared_cite_key_gives_two_papers_and_broken_entry_is_reported() -> None:
    """Both entries under one cite key are imported; the unclosed entry is a line warning."""
    result = parse("al-folio", "alfolio-lab", BIB)
    keyed = [p.title for p in result.papers if p.extra.get("citekey") == "lindqvist2022"]
    assert keyed == ["Wave Height Nowcasting with Graph Networks",
                     "Learning Buoy Drift from Satellite Altimetry"]
    assert len(result.papers) == 6
    lines = {w.line for w in result.warnings}
    assert 65 in lines and 79 in lines


def test_sections_are_years_newest_first() -> None:
    """al-folio lists a bibliography by year; so do the tabs."""
    result = parse("al-folio", "alfolio-lab", BIB)
    assert [s.label for s in result.sections] == ["2024", "2023", "2022", "2021", "2020"]


def test_detection_reason() -> None:
    """The registry says why: the folder, or the front matter, or the theme's fields."""
    text = (SITES / "alfolio-lab" / BIB).read_text(encoding="utf-8")
    found = registry.rank(text, f"site/{BIB}")[0]
    assert (found.importer.name, found.reason) == ("al-folio",
                                                    "BibTeX in _bibliography/ (jekyll-scholar)")
    assert registry.rank(text, "papers.bib")[0].reason == "BibTeX after Jekyll front matter"
    plain = "@article{a, title={T}, journal={J}, year=2020}\n"
    assert registry.detect(plain, "refs.bib").name == "bibtex"
