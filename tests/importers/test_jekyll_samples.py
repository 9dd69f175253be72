"""The lab-site importer on every sample page: counts, exact entry values and the nav bar."""

from __future__ import annotations

from datetime import date

import pytest

from importers.base import ImportResult
from importers.jekyll import IMPORTER
from store.models import Link, Paper, make_paper_id
from tests.conftest import SITE_PAGES, seed

TODAY = date(2025, 6, 1)
MANIPULATION = SITE_PAGES / "manipulation"
NAV = ["2024 New", "Generation", "Enhancement", "Denoising", "Low4High"]
COUNTS = {
    "2024new.md": 12,
    "editing-generation.md": 7,
    "hdr-enhancement.md": 7,
    "denoising.md": 5,
    "low-for-high.md": 7,
}


def parse_page(name: str) -> ImportResult:
    """Parse one manipulation page."""
    path = MANIPULATION / name
    return IMPORTER.parse(path.read_text(encoding="utf-8"), source=name, today=TODAY)


def by_title(result: ImportResult, title: str) -> Paper:
    """The paper with exactly this title."""
    matches = [p for p in result.papers if p.title == title]
    assert len(matches) == 1, [p.title for p in result.papers]
    return matches[0]


def test_every_sample_page_is_present() -> None:
    """The table below covers every page in the sample directory."""
    assert sorted(p.name for p in MANIPULATION.glob("*.md")) == sorted(COUNTS)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_counts_nav_and_collection(name: str) -> None:
    """Entry count, nav order, the one imported section and the topic title of each page."""
    result = parse_page(name)
    assert len(result.papers) == COUNTS[name]
    assert [s.label for s in result.sections] == NAV
    assert [s.order for s in result.sections] == [0, 1, 2, 3, 4]
    imported = [s for s in result.sections if s.imported]
    assert len(imported) == 1 and imported[0].page == name
    assert [c.id for c in result.collections] == ["site:manipulation"]
    assert result.collections[0].title == "Research Topic: Manipulation"
    assert all(p.id == make_paper_id(p) for p in result.papers)
    assert all(p.sections[0].section == imported[0].id for p in result.papers)
    assert all(p.abstract and p.links and p.authors and p.year for p in result.papers)
    assert not any(p.placeholder for p in result.papers)


def test_low_for_high_sections_and_first_entry() -> None:
    """002 / low-for-high: section ids, permalinks, heading and the first entry exactly."""
    result = parse_page("low-for-high.md")
    assert [s.id for s in result.sections] == [
        "site:manipulation/2024-new",
        "site:manipulation/editing-generation",
        "site:manipulation/hdr-enhancement",
        "site:manipulation/denoising",
        "site:manipulation/low-for-high",
    ]
    assert result.sections[0].permalink == "/manipulation/2024-New"
    own = result.sections[4]
    assert own.imported and own.heading == "Low-Level For High-Level"
    assert not any(s.imported for s in result.sections[:4])
    paper = result.papers[0]
    assert paper.title == "Learning Fine-Grained Features for Pixel-Wise Video Correspondences"
    assert paper.authors == ["Rui Li", "Shenglong Zhou", "Dong Liu"]
    assert paper.venue == "IEEE/CVF International Conference on Computer Vision (ICCV), 2023"
    assert paper.venue_short == "ICCV 2023" and paper.year == 2023
    assert [link.label for link in paper.links] == ["Paper", "Code"]
    assert paper.links[1] == Link("Code", "https://github.com/qianduoduolr/FGVC")
    assert paper.has_code
    assert paper.abstract.startswith("Video analysis tasks rely heavily on identifying")
    assert paper.abstract.endswith("state-of-the-art rivals in both accuracy and efficiency.")
    assert paper.provenance[0].source == "low-for-high.md" and paper.provenance[0].line == 16
    assert paper.extra["abstract_id"] == "li23iccv"
    assert paper.sections[0].label == "Low4High"


def test_low_for_high_more_entries() -> None:
    """Four links in order, an ACM venue and the last abstract closed by ' </div>'."""
    result = parse_page("low-for-high.md")
    raw = by_title(result, "Toward RAW Object Detection: A New Benchmark and a New Model")
    assert [link.label for link in raw.links] == ["Paper", "Code", "Dataset", "Intro Video"]
    assert raw.authors[0] == "Ruikang Xu" and raw.authors[-1] == "Zhiwei Xiong"
    assert len(raw.authors) == 8
    tomm = by_title(result, "Synergy Between Semantic Segmentation and Image Denoising via "
                    "Alternate Boosting")
    assert tomm.venue_short == "TOMM 2023" and tomm.doi == "10.1145/3548459"
    last = result.papers[-1]
    assert last.title == "On The Classification-Distortion-Perception Tradeoff"
    assert last.venue_short == "NeurIPS 2019" and last.year == 2019
    assert last.abstract.startswith("Signal degradation is ubiquitous")
    assert last.abstract.endswith("Our code and models have been published.")


def test_seed_002_is_the_low_for_high_page() -> None:
    """The 002 seed parses to the same 7 papers."""
    text = seed("002").read_text(encoding="utf-8")
    result = IMPORTER.parse(text, source="002.txt", today=TODAY)
    assert len(result.papers) == 7
    assert [p.title for p in result.papers] == [p.title for p in
                                                parse_page("low-for-high.md").papers]


def test_2024new_missing_div_and_commented_link() -> None:
    """A missing </div> never lets one abstract swallow the next title; commented links vanish."""
    result = parse_page("2024new.md")
    assert [s for s in result.sections if s.imported][0].heading == "2024 New"
    tracking = by_title(result, "Decomposition Betters Tracking Everything Everywhere")
    assert tracking.abstract.endswith("dedicated point-tracking solutions.")
    assert "Novel view synthesis" not in tracking.abstract
    nxt = by_title(result, "High-Resolution and Few-shot View Synthesis from Asymmetric "
                   "Dual-lens Inputs")
    assert nxt.abstract.startswith("Novel view synthesis has achieved remarkable quality")
    assert nxt.authors == ["Ruikang Xu", "Mingde Yao", "Yue Li", "Yueyi Zhang", "Zhiwei Xiong"]
    assert any("</div>" in w.message for w in result.warnings)
    hdr = by_title(result, "Diffusion-Promoted HDR Video Reconstruction")
    assert hdr.links == [Link("Paper", "https://arxiv.org/abs/2406.08204")]
    assert hdr.arxiv_id == "2406.08204" and not hdr.has_code
    accv = result.papers[0]
    assert accv.authors == ["Zeyu Xiao", "Jiateng Shou", "Zhiwei Xiong"]
    assert accv.venue_short == "ACCV 2024" and accv.year == 2024
    nerf = by_title(result, "Mask-Based Modeling for Neural Radiance Fields")
    assert nerf.authors == ["Ganlin Yang", "Guoqiang Wei", "Zhizheng Zhang", "Yan Lu",
                            "Dong Liu"]
    assert nerf.venue_short == "ICLR 2024"
    tsa = result.papers[-1]
    assert tsa.title.startswith("TSA2:") and tsa.links[1].url == \
        "https://github.com/zeyuxiao1997/TSA"


def test_generation_commented_entry_ignored() -> None:
    """The commented-out TSA2 entry is not imported; commented Project/Oral lines are dropped."""
    result = parse_page("editing-generation.md")
    assert not any(p.title.startswith("TSA2") for p in result.papers)
    own = [s for s in result.sections if s.imported][0]
    assert own.label == "Generation" and own.heading == "Generation & Editing"
    semia = result.papers[-1]
    assert semia.title == "Semantic Image Analogy with a Conditional Single-Image GAN"
    assert [link.label for link in semia.links] == ["Paper", "Code", "Intro Video"]
    assert semia.badges == []
    assert semia.venue_short == "MM 2020"
    contextual = by_title(result, "Contextual Outpainting With Object-Level Contrastive Learning")
    assert [link.label for link in contextual.links] == ["Paper", "Code", "Intro Video",
                                                        "Demo Video"]
    assert contextual.abstract.startswith("We study the problem of contextual outpainting")


def test_denoising_heading_div_and_code_dataset() -> None:
    """'## </div>' closes the last abstract and is no heading; 'Code & Dataset' stays whole."""
    result = parse_page("denoising.md")
    own = [s for s in result.sections if s.imported][0]
    assert own.heading == "Denoising"
    last = result.papers[-1]
    assert last.title == "Deep Boosting for Image Denoising"
    assert last.abstract.endswith("in terms of different denoising tasks.")
    assert "#" not in last.abstract
    boosting = by_title(result, "Real-World Image Denoising with Deep Boosting")
    assert boosting.links[1] == Link("Code & Dataset", "https://github.com/ngchc/deepBoosting")
    assert boosting.venue_short == "T-PAMI 2020"
    spic = by_title(result, "Tensor-based Plenoptic Image Denoising by Integrating "
                    "Super-Resolution")
    assert spic.venue == "Signal Processing: Image Communication, 2022" and spic.year == 2022
    assert spic.links[1] == Link("Code", "/code/SPIC_Code.zip")


def test_same_abstract_id_on_two_pages_never_mixes() -> None:
    """'yao23' is used on denoising and hdr-enhancement; each paper keeps its own abstract."""
    denoise = by_title(parse_page("denoising.md"), "Towards Interactive Self-Supervised Denoising")
    light = by_title(parse_page("hdr-enhancement.md"),
                     "Generalized Lightness Adaptation with Channel Selective Normalization")
    assert denoise.extra["abstract_id"] == light.extra["abstract_id"] == "yao23"
    assert denoise.abstract.startswith("Self-supervised denoising frameworks")
    assert light.abstract.startswith("Lightness adaptation is vital")


def test_hdr_enhancement_entries() -> None:
    """Exact values on the enhancement page, including a Dataset-only entry."""
    result = parse_page("hdr-enhancement.md")
    first = result.papers[0]
    assert first.title == "Region-Aware Portrait Retouching with Sparse Interactive Guidance"
    assert first.venue_short == "T-MM 2024" and first.year == 2024
    hdrtv = by_title(result, "Towards Real-World HDRTV Reconstruction: A Data Synthesis-Based "
                     "Approach")
    assert [link.label for link in hdrtv.links] == ["Paper", "Dataset"]
    assert not hdrtv.has_code
    assert hdrtv.doi == "10.1007/978-3-031-19800-7_12"
    last = result.papers[-1]
    assert last.links == [Link("Paper", "https://dl.acm.org/doi/abs/10.1145/3343031.3350855")]
    assert last.abstract.endswith("retaining competitive implementation efficiency.")


def test_detect_scores() -> None:
    """High for every lab-site page, low for the profile and listing seeds."""
    for path in MANIPULATION.glob("*.md"):
        assert IMPORTER.detect(path.read_text(encoding="utf-8"), path.name) >= 0.8
    assert IMPORTER.detect(seed("002").read_text(encoding="utf-8"), "002.txt") >= 0.8
    assert IMPORTER.detect(seed("000").read_text(encoding="utf-8"), "000.txt") < 0.3
    assert IMPORTER.detect(seed("001").read_text(encoding="utf-8"), "001.txt") < 0.3
    assert IMPORTER.detect("@article{x, title={A}}", "refs.bib") < 0.3
