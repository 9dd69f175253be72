"""Hand-written publication lists and AcadHomepage about pages, grouped by their headings."""

from __future__ import annotations

import pytest

from importers.base import ImporterError
from importers.registry import get
from tests.importers.sites.helpers import SITES, TODAY, by_title, links, parse

HAND = "handwritten-lab"
ACAD = "acadhomepage-site"


def test_citation_styles_under_headings() -> None:
    """Quoted titles, bold/italic venues, APA and IEEE names, sentence titles, <br> entries."""
    result = parse("publication-list", HAND, "publications.md")
    assert [s.label for s in result.sections] == ["Journal Articles", "Conference Papers",
                                                  "Preprints"]
    papers = by_title(result)
    tactile = papers["Tactile Servoing for Deformable Objects"]
    assert tactile.authors == ["H. Nakamura", "K. Osei", "L. Brennan"]
    assert (tactile.venue, tactile.year) == ("IEEE Transactions on Robotics", 2024)
    assert links(tactile) == {"PDF": "https://rpl.example.edu/pdf/tactile.pdf",
                              "Code": "https://github.com/rpl/tactile"}
    grasp = papers["Learning Grasp Affordances from Human Video"]
    assert grasp.authors == ["K. Osei", "L. Brennan"]  # the student mark is dropped
    assert grasp.venue == "International Journal of Robotics Research"
    assert grasp.arxiv_id == "2302.04567"
    odometry = papers["Uncertainty-Aware Visual Odometry for Legged Robots"]
    assert odometry.authors == ["L. Brennan", "H. Nakamura", "K. Osei"]
    assert odometry.venue_short == "ICRA 2022"
    assert links(odometry) == {"Video": "https://video.example.edu/vo"}
    catching = papers["Event Cameras for High-Speed Catching"]
    assert catching.authors == ["H. Nakamura", "L. Brennan"]
    assert catching.venue == "Robotics: Science and Systems (RSS)"
    assert catching.badges == ["Best Paper Finalist"]
    folding = papers["Language-Conditioned Bimanual Folding"]
    assert (folding.arxiv_id, folding.year) == ("2501.01234", 2025)
    assert folding.sections[0].label == "Preprints"
    assert len(result.papers) == 5  # nothing from the intro or the Footnotes section


def test_acadhomepage_paper_boxes_and_bullets() -> None:
    """Badge venue, title link, authors, buttons and notes of each paper-box; bullet entries
    with a ``code`` venue; news, honours and talks are not papers."""
    result = parse("publication-list", ACAD, "_pages/about.md")
    assert [s.label for s in result.sections] == ["Speech Synthesis", "Machine Learning"]
    papers = by_title(result)
    assert list(papers) == ["Prosody Transfer with Diffusion Priors",
                            "Streaming Vocoders on Microcontrollers",
                            "Zero-Shot Voice Conversion with Codec Language Models",
                            "Label Noise in Audio Tagging"]
    prosody = papers["Prosody Transfer with Diffusion Priors"]
    assert prosody.authors == ["Wei Zhang", "Hana Kobayashi", "Omar Faruk"]
    assert (prosody.venue_short, prosody.arxiv_id) == ("ICASSP 2024", "2401.04567")
    assert links(prosody) == {"Paper": "https://arxiv.org/abs/2401.04567",
                              "Project": "https://prosody.example.org"}
    assert prosody.abstract.startswith("We transfer prosody between speakers")
    vocoder = papers["Streaming Vocoders on Microcontrollers"]
    assert links(vocoder)["Code"] == "https://github.com/wz/streaming-vocoder"
    zero = papers["Zero-Shot Voice Conversion with Codec Language Models"]
    assert (zero.authors, zero.venue) == (["Omar Faruk", "Wei Zhang"], "NeurIPS 2023")
    noise = papers["Label Noise in Audio Tagging"]
    assert (noise.authors, noise.venue_short) == (["Wei Zhang", "Li Na"], "AAAI 2022")


def test_pages_without_publications_are_refused() -> None:
    """A home page with news, a blog post with a Footnotes line, a Liquid loop page."""
    imp = get("publication-list")
    for rel in ("index.md", "_posts/2023-09-10-thesis-defenses.md"):
        text = (SITES / HAND / rel).read_text(encoding="utf-8")
        assert imp.detect(text, rel) == 0.0
        with pytest.raises(ImporterError):
            imp.parse(text, source=rel, today=TODAY)


def test_year_headings_are_year_tabs() -> None:
    """A list grouped only by years gets year tabs, newest first."""
    text = ("# Publications\n\n## 2021\n\n- A. Li. \"Old Paper Title Here\". *ICML*, 2021.\n\n"
            "## 2023\n\n- B. Wu. \"New Paper Title Here\". *CVPR*, 2023.\n")
    result = get("publication-list").parse(text, source="papers.md", today=TODAY)
    assert [s.label for s in result.sections] == ["2023", "2021"]


def test_huge_pages_are_read_up_to_the_limit() -> None:
    """Past MAX_MARKDOWN the page is cut with a warning; a giant paragraph is passed over."""
    from importers.sites.markdown import MAX_MARKDOWN, MAX_PARAGRAPH

    item = "- A. Li. \"A Paper Title Number {n}\". *ICML*, 2021.\n"
    blob = "**x** " * (MAX_PARAGRAPH // 5) + "\n\n"
    text = "# Publications\n\n" + blob + "".join(item.format(n=n) for n in range(12_000))
    assert len(text) > MAX_MARKDOWN
    result = get("publication-list").parse(text, source="papers.md", today=TODAY)
    assert result.papers[0].title == "A Paper Title Number 0"
    assert 1000 < len(result.papers) < 12_000
    assert any("the rest is skipped" in w.message for w in result.warnings)


def test_plain_citations_without_quotes_or_markup() -> None:
    """`Authors. Title. Venue, Year.` in APA, IEEE, Vancouver and full-name styles; the
    intro prose under the heading gives no paper."""
    text = ("# Publications\n\nAn up-to-date list of our work is on Google Scholar. Students "
            "are marked. We thank our funders.\n\n"
            "- Smith, J. and Doe, A. Learning Things Quickly From Data. Journal of Stuff. 2020.\n"
            "- J. Smith and A. Doe. Another Title About Graphs. In Proc. ICML, 2021.\n"
            "- Jane Smith, Wei Zhang. Deep Nets for Soil Moisture. Remote Sensing of "
            "Environment, 2019.\n"
            "- Smith J, Doe A. Fast Folding With Transformers. Nature. 2022;12:1-9.\n")
    result = get("publication-list").parse(text, source="publications.md", today=TODAY)
    assert [(p.title, p.venue, p.year) for p in result.papers] == [
        ("Learning Things Quickly From Data", "Journal of Stuff", 2020),
        ("Another Title About Graphs", "Proc. ICML", 2021),
        ("Deep Nets for Soil Moisture", "Remote Sensing of Environment", 2019),
        ("Fast Folding With Transformers", "Nature", 2022),
    ]
    assert result.papers[0].authors == ["J. Smith", "A. Doe"]
    assert result.papers[1].authors == ["J. Smith", "A. Doe"]
    assert result.papers[2].authors == ["Jane Smith", "Wei Zhang"]
