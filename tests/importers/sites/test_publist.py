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
