"""Whole-site import: nav order across pages, missing pages, shared papers, copied pages."""

from __future__ import annotations

from datetime import date

from importers.jekyll.site import parse_site
from store.models import make_paper_id
from tests.conftest import SITE_PAGES

TODAY = date(2025, 6, 1)
NAV = ["2024 New", "Generation", "Enhancement", "Denoising", "Low4High"]


def sample_pages() -> list[tuple[str, str]]:
    """(relative path, text) of every sample page, as a directory import would pass them."""
    return [(str(p.relative_to(SITE_PAGES)), p.read_text(encoding="utf-8"))
            for p in sorted(SITE_PAGES.rglob("*.md"))]


def test_whole_manipulation_directory() -> None:
    """Five imported sections in nav order, 38 papers, each in its page's section."""
    result = parse_site(sample_pages(), today=TODAY)
    assert [c.id for c in result.collections] == ["site:manipulation"]
    assert result.collections[0].title == "Research Topic: Manipulation"
    assert [s.label for s in result.sections] == NAV
    assert all(s.imported for s in result.sections)
    assert [s.page for s in result.sections] == [
        "manipulation/2024new.md", "manipulation/editing-generation.md",
        "manipulation/hdr-enhancement.md", "manipulation/denoising.md",
        "manipulation/low-for-high.md"]
    assert [s.heading for s in result.sections] == [
        "2024 New", "Generation & Editing", "Enhancement & HDR", "Denoising",
        "Low-Level For High-Level"]
    assert len(result.papers) == 12 + 7 + 7 + 5 + 7
    per_section = {s.id: 0 for s in result.sections}
    for paper in result.papers:
        assert len(paper.sections) == 1 and paper.id == make_paper_id(paper)
        per_section[paper.sections[0].section] += 1
    assert list(per_section.values()) == [12, 7, 7, 5, 7]
    assert result.papers[0].sections[0].label == "2024 New"
    assert result.papers[-1].title == "On The Classification-Distortion-Perception Tradeoff"
    assert not any("no page" in w.message for w in result.warnings)


def test_missing_page_reported() -> None:
    """A nav entry whose page is absent stays as a section, not imported, with a warning."""
    pages = [p for p in sample_pages() if not p[0].endswith("denoising.md")]
    result = parse_site(pages, today=TODAY)
    assert [s.label for s in result.sections] == NAV
    denoise = result.sections[3]
    assert not denoise.imported and denoise.page == "" and denoise.heading == ""
    warned = [w for w in result.warnings if "/manipulation/denoising" in w.message]
    assert len(warned) == 1
    assert len(result.papers) == 12 + 7 + 7 + 7


PAGE = """---
title: "Research Topic: Optics"
permalink: /optics/{slug}.html
---

**[{m1} Lenses](/optics/lenses)**
**[{m2} Mirrors](/optics/mirrors)**

## {heading}

**Shared Paper** <br>
_Ann Lee, Bo Chen_ <br>
<span><pub>CVPR, 2023</pub></span> <br>
[Paper](https://x.org/shared) |
{extra}

**Only On {heading}** <br>
_Cy Dee_ <br>
<span><pub>ICCV, 2021</pub></span> <br>
[Paper](https://x.org/{slug})
"""


def optics_page(slug: str, heading: str, extra: str = "") -> str:
    """A small optics page; the current page is marked ▼."""
    marks = ("▼", "▶") if slug == "lenses" else ("▶", "▼")
    return PAGE.format(slug=slug, heading=heading, m1=marks[0], m2=marks[1], extra=extra)


def test_same_paper_on_two_pages_is_one_paper() -> None:
    """One Paper with a SectionRef per page, links merged, provenance from both pages."""
    pages = [("optics/lenses.md", optics_page("lenses", "Lenses")),
             ("optics/mirrors.md", optics_page("mirrors", "Mirrors",
                                               "[Code](https://github.com/s/s)"))]
    result = parse_site(pages, today=TODAY)
    assert [s.label for s in result.sections] == ["Lenses", "Mirrors"]
    shared = [p for p in result.papers if p.title == "Shared Paper"]
    assert len(shared) == 1
    paper = shared[0]
    assert [ref.section for ref in paper.sections] == ["site:optics/lenses",
                                                      "site:optics/mirrors"]
    assert [link.label for link in paper.links] == ["Paper", "Code"] and paper.has_code
    assert {prov.source for prov in paper.provenance} == {"optics/lenses.md", "optics/mirrors.md"}
    assert len(result.papers) == 3


def test_page_copied_under_two_topics_with_same_permalink() -> None:
    """Two files claiming one permalink give one section, no duplicate papers, a warning."""
    text = optics_page("lenses", "Lenses")
    pages = [("optics/lenses.md", text), ("optics-old/lenses.md", text),
             ("optics/mirrors.md", optics_page("mirrors", "Mirrors"))]
    result = parse_site(pages, today=TODAY)
    assert [c.id for c in result.collections] == ["site:optics"]
    assert [s.id for s in result.sections] == ["site:optics/lenses", "site:optics/mirrors"]
    assert [p.title for p in result.papers].count("Shared Paper") == 1
    assert [p.title for p in result.papers].count("Only On Lenses") == 1
    assert any("share the permalink" in w.message for w in result.warnings)


def test_nav_bars_that_differ_are_merged_in_order() -> None:
    """A page whose nav has an extra entry inserts it in place; pages without nav still count."""
    first = optics_page("lenses", "Lenses")
    second = optics_page("mirrors", "Mirrors").replace(
        "**[▼ Mirrors](/optics/mirrors)**",
        "**[▶ Prisms](/optics/prisms)**\n**[▼ Mirrors](/optics/mirrors)**")
    loose = ("---\ntitle: Optics\n---\n\n## Filters\n\n**Filter Paper** <br>\n_Di Eve_ <br>\n"
             "<pub>ECCV, 2020</pub>\n")
    pages = [("optics/lenses.md", first), ("optics/mirrors.md", second),
             ("optics/filters.md", loose)]
    result = parse_site(pages, today=TODAY)
    assert [s.label for s in result.sections] == ["Lenses", "Prisms", "Mirrors", "Filters"]
    assert [s.imported for s in result.sections] == [True, False, True, True]
    assert result.sections[3].permalink == "/optics/filters"
    assert any("/optics/prisms" in w.message for w in result.warnings)


def test_bad_and_foreign_pages_are_skipped_with_warnings() -> None:
    """Broken front matter and non-topic pages are skipped; the rest still imports."""
    pages = sample_pages() + [
        ("about.md", "---\ntitle: About\npermalink: /about/\n---\n\nWe are a lab.\n"),
        ("broken.md", "---\ntitle: [oops\n---\n**X** <br>\n_A_\n"),
    ]
    result = parse_site(pages, today=TODAY)
    assert len(result.papers) == 38
    messages = [str(w) for w in result.warnings]
    assert any(m.startswith("about.md") and "not a topic page" in m for m in messages)
    assert any(m.startswith("broken.md:") and "malformed front matter" in m for m in messages)
