"""Regressions found by importing real lab-site pages: one hand-written page per defect class."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.jekyll import IMPORTER
from importers.jekyll.site import parse_site
from importers.venue import find_badges
from store.models import Paper

TODAY = date(2025, 6, 1)
VARIANTS = Path(__file__).resolve().parents[1] / "data" / "variants"
HEADINGS = "realworld_heading_titles.md"
AWARDS = "realworld_plain_nav_awards.md"
FRONT = '---\ntitle: "Research Topic: Optics"\npermalink: /optics/lenses.html\n---\n\n'


def _page(name: str) -> str:
    """Text of one regression page."""
    return (VARIANTS / name).read_text(encoding="utf-8")


def _by_title(papers: list[Paper]) -> dict[str, Paper]:
    """Papers keyed by title."""
    return {p.title: p for p in papers}


def test_heading_titles_become_entries() -> None:
    """`### Title` followed by an author line and a venue line is a paper, not a section."""
    result = IMPORTER.parse(_page(HEADINGS), source=HEADINGS, today=TODAY)
    papers = _by_title(result.papers)
    assert list(papers) == ["Listening Through Walls with Sparse Microphones",
                            "Echo Maps from a Single Clap", "Quiet Rooms"]
    walls = papers["Listening Through Walls with Sparse Microphones"]
    assert walls.authors == ["Ada Quill", "Bo Reed", "Cy Stone"]
    assert walls.author_marks == {"Ada Quill": "*", "Bo Reed": "*"}
    assert walls.venue_short == "INTERSPEECH 2021" and walls.year == 2021
    assert [link.label for link in walls.links] == ["Project", "PDF", "Code"]
    quiet = papers["Quiet Rooms"]
    assert quiet.authors == ["Dee Vale", "Cy Stone"] and quiet.badges == ["Oral"]
    assert quiet.venue_short == "ACM MM 2019"


def test_liquid_links_stay_entry_links_not_nav() -> None:
    """`[Project]({{ site.baseurl }}/publication/…)` in an entry is a link, not a nav section."""
    result = IMPORTER.parse(_page(HEADINGS), source=HEADINGS, today=TODAY)
    echo = _by_title(result.papers)["Echo Maps from a Single Clap"]
    assert [(link.label, link.url) for link in echo.links] == [
        ("Project", "/publication/2020-echo-maps.html"), ("PDF", "/files/echo.pdf")]
    assert [(s.label, s.permalink) for s in result.sections] == [
        ("Sound Sensing", "/sound-sensing")]
    assert result.sections[0].heading == ""
    assert not [w for w in result.warnings if "nav" in w.message]


def test_section_heading_with_italic_blurb_stays_a_heading() -> None:
    """A heading followed by an italic blurb (no venue line after it) still names the section."""
    body = ("## Denoising\n*Papers on noise, blur, and more*\n\n"
            "**Clean Frames** <br>\n_Ann Lee, Bo Chen_ <br>\n<span><pub>CVPR, 2023</pub></span>"
            " <br>\n[Paper](https://x.org/1)\n")
    result = IMPORTER.parse(FRONT + body, source="page.md", today=TODAY)
    assert [p.title for p in result.papers] == ["Clean Frames"]
    assert result.sections[0].heading == "Denoising"


def test_year_heading_followed_by_bold_entries_unchanged() -> None:
    """A `### 2021` heading above bold entries is a year group, never a paper."""
    body = ("### 2021\n**Clean Frames** <br>\n_Ann Lee, Bo Chen_ <br>\n"
            "<span><pub>CVPR</pub></span> <br>\n[Paper](https://x.org/1)\n")
    result = IMPORTER.parse(FRONT + body, source="page.md", today=TODAY)
    assert [(p.title, p.year) for p in result.papers] == [("Clean Frames", 2021)]


@settings(max_examples=40, deadline=None)
@given(level=st.integers(2, 6), wrap=st.sampled_from(["*", "_"]), blank=st.booleans(),
       trailing=st.sampled_from(["", " ", "  "]), n=st.integers(1, 5))
def test_heading_titles_survive_style_changes(level: int, wrap: str, blank: bool,
                                              trailing: str, n: int) -> None:
    """Heading level, emphasis style, a blank line and trailing spaces lose no entry."""
    parts = []
    for i in range(n):
        gap = "\n" if blank else ""
        parts.append(f"{'#' * level} Paper Number {i}{trailing}\n{gap}"
                     f"{wrap}Ann Lee, Bo Chen {i}{wrap} <br>\n"
                     f"<span><pub>ICCV, 20{10 + i}</pub></span> <br>\n"
                     f"[PDF](https://x.org/{i})\n\n")
    result = IMPORTER.parse(FRONT + "".join(parts), source="page.md", today=TODAY)
    assert [p.title for p in result.papers] == [f"Paper Number {i}" for i in range(n)]
    assert all(p.authors[0] == "Ann Lee" for p in result.papers)


def test_plain_pipe_nav_and_award_lines() -> None:
    """A `|` nav of plain links orders the topic; "X winner" highlights become Winner badges."""
    result = IMPORTER.parse(_page(AWARDS), source=AWARDS, today=TODAY)
    assert [(s.label, s.imported) for s in result.sections] == [
        ("Rooms", True), ("Voices", False), ("Others", False)]
    hall, reverb = result.papers
    assert hall.badges == ["Winner"] and hall.extra["award"] == "RIR challenge winner"
    assert reverb.badges == ["Winner"]
    assert reverb.extra["award"] == "Winner of the 2021 Reverb Removal Challenge"
    assert hall.author_marks == {"Eli Fenn": "*", "Gil Hart": "*"}
    assert hall.author_notes == ["(*Equal contribution)"]
    assert hall.abstract == "We estimate the floor plan of a concert hall from one recording."
    assert reverb.abstract == "A reverberation remover trained only on dry speech."


def test_highlight_inside_venue_is_a_badge_not_an_award() -> None:
    """`(CVPR), 2024 <highlighted>(Highlight)</highlighted>` inside <pub> adds no award text."""
    body = ("**Bright Lines** <br>\n_Ann Lee_ <br>\n<span><pub>Conference on Vision (CVPR), "
            "2024 <highlighted>(Highlight)</highlighted> </pub></span> <br>\n"
            "[Paper](https://x.org/1)\n")
    paper = IMPORTER.parse(FRONT + body, source="page.md", today=TODAY).papers[0]
    assert paper.badges == ["Highlight"] and paper.venue_short == "CVPR 2024"
    assert "award" not in paper.extra


def test_winner_badge_names() -> None:
    """Challenge wins are one badge however they are phrased."""
    assert find_badges("NTIRE winner") == ["Winner"]
    assert find_badges("Winner of the PIRM 2018 Challenge") == ["Winner"]
    assert find_badges("Challenge Winners") == ["Winner"]
    assert find_badges("Oral") == ["Oral"]


def test_both_pages_as_a_site() -> None:
    """A directory import of both pages keeps two topics and every entry."""
    pages = [(f"_pages/{name}", _page(name)) for name in (HEADINGS, AWARDS)]
    result = parse_site(pages, today=TODAY)
    assert [c.id for c in result.collections] == ["site:sound-sensing", "site:acoustics"]
    assert len(result.papers) == 5
    missing = [w.message for w in result.warnings if "no page has" in w.message]
    assert len(missing) == 2 and all("/acoustics/" in m for m in missing)
