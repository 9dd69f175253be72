"""The lab-site importer on small hand-written pages, one real-site variation at a time."""

from __future__ import annotations

from datetime import date

import pytest

from importers.base import ImporterError, ImportResult
from importers.jekyll import IMPORTER

TODAY = date(2025, 6, 1)
FRONT = '---\ntitle: "Research Topic: Optics"\npermalink: /optics/lenses.html\n---\n\n'
ABS = '<a onclick=\'expandABS("{id}")\'> Abstract </a>\n<div style="display: none;" ' \
      'class=abs id="{id}"><br>\n{text}\n</div>\n\n'


def parse(body: str, front: str = FRONT) -> ImportResult:
    """Parse a page made of front matter and body."""
    return IMPORTER.parse(front + body, source="page.md", today=TODAY)


def entry(title: str, *, authors: str = "_Ann Lee, Bo Chen_", venue: str = "CVPR, 2023",
          links: str = "[Paper](https://x.org/{n}){:target=\"\\_blank\"} |\n",
          abstract: str = "Abstract of {n}.", aid: str = "", n: int = 0) -> str:
    """One standard entry."""
    text = f"**{title}** <br>\n{authors} <br>\n<span><pub>{venue}</pub></span> <br>\n"
    text += links.replace("{n}", str(n))
    if abstract:
        text += ABS.format(id=aid or f"a{n}", text=abstract.replace("{n}", str(n)))
    return text


def test_bold_styles_and_trailing_spaces() -> None:
    """`**`, `__`, `<b>`, trailing double spaces and backslash breaks all start entries."""
    body = (
        "**First Title**  \n_Ann Lee_  \n<span><pub>CVPR, 2023</pub></span>  \n"
        "[Paper](https://x.org/1)\n\n"
        "__Second Title__\n*Bo Chen*\n<span><pub>ICCV, 2021</pub></span>\n[Paper](https://x.org/2)\n\n"
        "**Third Title**\\\n_Cy Dee_\\\n<pub>ECCV, 2020</pub>\\\n[Paper](https://x.org/3)\n\n"
        "<b>Fourth Title</b><br>_Di Eve_<br><pub>NeurIPS, 2019</pub><br>[Paper](https://x.org/4)\n"
    )
    result = parse(body)
    assert [p.title for p in result.papers] == ["First Title", "Second Title", "Third Title",
                                                "Fourth Title"]
    assert [p.authors for p in result.papers] == [["Ann Lee"], ["Bo Chen"], ["Cy Dee"],
                                                  ["Di Eve"]]
    assert [p.year for p in result.papers] == [2023, 2021, 2020, 2019]


def test_underscore_nav_with_markers_twice() -> None:
    """`__[▶ X](…)__ ` bars at top and bottom (▲) give one ordered list; ▼ marks the page."""
    nav_top = ('__[▶ Mirrors](/optics/mirrors){: style="color: red"}__ \n'
               '__[▼ Lenses](/optics/lenses){: style="color: red"}__ \n'
               '__[▶ Prisms](/optics/prisms.html)__\n\n## Lens Papers\n\n')
    nav_bottom = ("\n---\n\n__[▶ Mirrors](/optics/mirrors)__ \n__[▲ Lenses](/optics/lenses)__ \n"
                  "__[▶ Prisms](/optics/prisms)__\n")
    result = parse(nav_top + entry("A Lens", n=1) + nav_bottom)
    assert [s.label for s in result.sections] == ["Mirrors", "Lenses", "Prisms"]
    assert [s.permalink for s in result.sections] == ["/optics/mirrors", "/optics/lenses",
                                                      "/optics/prisms"]
    assert [s.imported for s in result.sections] == [False, True, False]
    assert result.sections[1].heading == "Lens Papers"
    assert result.papers[0].sections[0].label == "Lenses"
    assert len(result.papers) == 1


def test_plain_pipe_nav_without_markers() -> None:
    """A `|`-separated bar of plain links; the current page is the one matching the permalink."""
    nav = ("[Mirrors](/optics/mirrors) |\n[Lenses](/optics/lenses) |\n"
           "[Prisms](/optics/prisms)\n\n(\\*Equal contribution)\n\n## Lenses\n\n")
    result = parse(nav + entry("A Lens", authors="*Ann Lee\\*, Bo Chen\\*, Cy Dee*", n=1))
    assert [s.label for s in result.sections] == ["Mirrors", "Lenses", "Prisms"]
    assert [s.imported for s in result.sections] == [False, True, False]
    paper = result.papers[0]
    assert paper.authors == ["Ann Lee", "Bo Chen", "Cy Dee"]
    assert paper.author_marks == {"Ann Lee": "*", "Bo Chen": "*"}
    assert paper.author_notes == ["(*Equal contribution)"]


def test_single_line_nav() -> None:
    """All nav links on one line separated by pipes."""
    nav = "[Mirrors](/optics/mirrors) | [Lenses](/optics/lenses) | [Prisms](/optics/prisms)\n\n"
    result = parse(nav + entry("A Lens", n=1))
    assert [s.label for s in result.sections] == ["Mirrors", "Lenses", "Prisms"]
    assert result.sections[1].imported


@pytest.mark.parametrize("attrs", ['{:target="\\_blank"}', '{:target="_blank"}', "",
                                   '{: .btn target="_blank"}'])
def test_link_attributes(attrs: str) -> None:
    """Kramdown attribute lists, escaped or not, or none at all, never leak into links."""
    links = f"[Paper](https://x.org/p){attrs} |\n[Code](https://github.com/a/b){attrs} |\n"
    paper = parse(entry("T", links=links, n=1)).papers[0]
    assert [(link.label, link.url) for link in paper.links] == [
        ("Paper", "https://x.org/p"), ("Code", "https://github.com/a/b")]
    assert paper.has_code


def test_comments_single_and_multiline_ignored() -> None:
    """Commented entries, links and nav items are ignored, across lines too."""
    body = (
        "[Lenses](/optics/lenses) |\n<!-- [Old](/optics/old) | -->\n[Prisms](/optics/prisms)\n\n"
        + entry("Kept One", n=1)
        + "<!-- " + entry("Hidden Inline", n=2) + " -->\n\n"
        + "<!--\n" + entry("Hidden Block", n=3) + "\n-->\n"
        + entry("Kept Two", n=4,
                links="[Paper](https://x.org/4) |\n<!-- [Code](https://github.com/x/y) | -->\n")
    )
    result = parse(body)
    assert [p.title for p in result.papers] == ["Kept One", "Kept Two"]
    assert [s.label for s in result.sections] == ["Lenses", "Prisms"]
    assert [link.label for link in result.papers[1].links] == ["Paper"]
    assert not result.warnings


def test_unclosed_comment_warns_and_keeps_going() -> None:
    """A never-closed `<!--` gives a warning with its line; the import does not abort."""
    body = entry("Before", n=1) + "<!-- forgot to close\n\n" + entry("After", n=2)
    result = parse(body)
    assert [p.title for p in result.papers] == ["Before", "After"]
    warned = [w for w in result.warnings if "never closed" in w.message]
    assert len(warned) == 1 and warned[0].line == FRONT.count("\n") + body.count(
        "\n", 0, body.index("<!--")) + 1


def test_placeholder_entries_kept_and_flagged() -> None:
    """'Coming soon!' entries without links or abstract are kept with placeholder=True."""
    body = (entry("Real Paper", n=1)
            + "**Upcoming Work** <br>\n_Ann Lee_ <br>\nComing soon!\n\n"
            + "**Another Upcoming** <br>\n_Bo Chen_ <br>\n<span><pub>CVPR, 2025</pub></span>"
              " <br>\n[Paper](#) | [Code]()\n\n")
    result = parse(body)
    assert [p.title for p in result.papers] == ["Real Paper", "Upcoming Work", "Another Upcoming"]
    real, soon, other = result.papers
    assert not real.placeholder
    assert soon.placeholder and soon.links == [] and soon.abstract == ""
    assert soon.authors == ["Ann Lee"] and "award" not in soon.extra
    assert other.placeholder and other.links == [] and other.year == 2025


def test_missing_div_close_never_bleeds() -> None:
    """An abstract without </div> ends at the next title; both abstracts stay apart."""
    body = (entry("One", n=1, abstract="").rstrip("\n")
            + '\n<div style="display: none;" class=abs id="x"><br>\nFirst abstract.\n\n'
            + entry("Two", n=2, abstract="Second abstract."))
    result = parse(body)
    one, two = result.papers
    assert one.abstract == "First abstract."
    assert two.abstract == "Second abstract." and two.title == "Two"
    assert any("</div>" in w.message for w in result.warnings)


def test_missing_div_close_at_end_of_page() -> None:
    """An unclosed last abstract stops at the bottom rule and nav bar."""
    body = (entry("One", n=1, abstract="").rstrip("\n")
            + '\n<div style="display: none;" class=abs id="x"><br>\nLast abstract.\n\n---\n\n'
            + "**[▶ Mirrors](/optics/mirrors)**\n**[▼ Lenses](/optics/lenses)**\n")
    result = parse(body)
    assert result.papers[0].abstract == "Last abstract."
    assert [s.label for s in result.sections] == ["Mirrors", "Lenses"]


def test_same_abstract_id_twice_on_a_page() -> None:
    """Two entries share an abstract id; each gets the block that follows it."""
    body = entry("Alpha", n=1, aid="dup", abstract="Alpha text.") + entry(
        "Beta", n=2, aid="dup", abstract="Beta text.")
    alpha, beta = parse(body).papers
    assert alpha.abstract == "Alpha text." and beta.abstract == "Beta text."


def test_award_lines_and_unclosed_spans() -> None:
    """Award lines and `<span>`s left open between venue and links become badges."""
    body = (
        "**Spectral Paper** <br>\n_Ann Lee, Bo Chen_ <br>\n"
        "<span><pub>European Conference on Computer Vision Workshops (ECCVW), 2022</pub></span>"
        " <br>\n<span><highlighted>Best Paper Honorable Mention Award</highlighted> of Some "
        "Workshop<span> <br>\n[Paper](https://x.org/s) |\n" + ABS.format(id="s", text="S.")
        + "**Oral Paper** <br>\n*Cy Dee*<br>\n<span><pub>CVPR, 2021</pub></span><br>\n"
        "<span><highlighted>Oral</highlighted><span> |\n[PDF](https://x.org/o) |\n"
        "[Code](https://github.com/o/o)\n\n"
        "**Winner Paper** <br>\n_Di Eve_ <br>\n<span><pub>CVPRW, 2018</pub></span> <br>\n"
        "<span><highlighted>Winner</highlighted> of NTIRE 2018 Challenge<span> <br>\n"
        "[Paper](https://x.org/w)\n"
    )
    spectral, oral, winner = parse(body).papers
    assert spectral.venue_short == "ECCVW 2022"
    assert spectral.badges == ["Best Paper Honorable Mention"]
    assert spectral.extra["award"] == ("Best Paper Honorable Mention Award of Some Workshop")
    assert spectral.links[0].label == "Paper" and spectral.abstract == "S."
    assert oral.badges == ["Oral"] and [link.label for link in oral.links] == ["PDF", "Code"]
    assert oral.venue_short == "CVPR 2021"
    assert winner.badges == ["Winner"] and winner.year == 2018


def test_html_entities_and_badges_out_of_title() -> None:
    """&amp; &dagger; &nbsp; are decoded; (New!) and <highlighted> badges leave the title."""
    body = (
        "<span><highlighted>(New!)</highlighted></span> **Light &amp; Shadow (Oral)** <br>\n"
        "_Ann&nbsp;Lee&dagger;, Bo&nbsp;Chen_ <br>\n<span><pub>Optics &amp; Lasers (OL), "
        "2024</pub></span><br>\n[Code &amp; Dataset](https://github.com/a/b) |\n"
        + ABS.format(id="e", text="Uses&nbsp;thin\u2009spaces &lt;and&gt; <b>tags</b>.")
    )
    paper = parse(body).papers[0]
    assert paper.title == "Light & Shadow"
    assert paper.badges == ["New", "Oral"]
    assert paper.authors == ["Ann Lee", "Bo Chen"]
    assert paper.author_marks == {"Ann Lee": "†"}
    assert paper.venue_short == "OL 2024"
    assert paper.links[0].label == "Code & Dataset"
    assert paper.abstract == "Uses thin spaces <and> tags."


def test_author_variants() -> None:
    """Final 'and' / '&', markers before or after names, notes, et al. and sup tags."""
    body = (entry("P1", authors="_Ann Lee\\*, Bo Chen\\*, and Cy Dee (\\*Equal contribution)_", n=1)
            + entry("P2", authors="*Ann Lee<sup>†</sup> & Bo Chen#*", n=2)
            + entry("P3", authors="_Ann Lee, Bo Chen et al._", n=3)
            + entry("P4", authors="_Ann Lee*, Bo Chen and Cy Dee_", n=4))
    p1, p2, p3, p4 = parse(body).papers
    assert p1.authors == ["Ann Lee", "Bo Chen", "Cy Dee"]
    assert p1.author_marks == {"Ann Lee": "*", "Bo Chen": "*"}
    assert p1.author_notes == ["(*Equal contribution)"]
    assert p2.authors == ["Ann Lee", "Bo Chen"]
    assert p2.author_marks == {"Ann Lee": "†", "Bo Chen": "#"}
    assert p3.authors == ["Ann Lee", "Bo Chen"] and p3.authors_truncated
    assert p4.authors == ["Ann Lee", "Bo Chen", "Cy Dee"] and p4.author_marks == {"Ann Lee": "*"}


def test_authors_linked_to_home_pages() -> None:
    """Names written as links are authors, not entry links."""
    authors = "_[Ann Lee](https://ann.me), [Bo Chen](https://bo.me)_"
    paper = parse(entry("P", authors=authors, n=1)).papers[0]
    assert paper.authors == ["Ann Lee", "Bo Chen"]
    assert [link.label for link in paper.links] == ["Paper"]


def test_bold_line_without_details_is_skipped_with_warning() -> None:
    """A lone bold line is no paper; the skip is reported with its line."""
    result = parse("**Just a remark**\n\nSome text.\n\n" + entry("Real", n=1))
    assert [p.title for p in result.papers] == ["Real"]
    assert any(w.line == 6 and "skipped" in w.message for w in result.warnings)


def test_duplicate_entry_on_one_page_merged() -> None:
    """The same title twice on one page is one paper, with a warning."""
    result = parse(entry("Twice", n=1) + entry("Twice", n=2, links="[Code](https://g.com/x)\n"))
    assert len(result.papers) == 1
    assert [link.label for link in result.papers[0].links] == ["Paper", "Code"]
    assert any("twice" in w.message for w in result.warnings)


def test_title_link_and_list_items() -> None:
    """A bold title that links to the paper, and entries written as list items."""
    body = ("- **[Linked Title](https://x.org/linked)** <br>\n  _Ann Lee_ <br>\n"
            "  <pub>CVPR, 2020</pub>\n\n")
    paper = parse(body).papers[0]
    assert paper.title == "Linked Title"
    assert paper.links[0].url == "https://x.org/linked"


def test_no_nav_gives_own_section() -> None:
    """A page without a nav bar gets one section from its permalink and heading."""
    result = parse("# Lens Things\n\n" + entry("A", n=1))
    assert [(s.id, s.label, s.imported) for s in result.sections] == [
        ("site:optics/lenses", "Lens Things", True)]


def test_crlf_bom_and_control_bytes() -> None:
    """CRLF endings and a BOM parse the same; escape sequences never survive."""
    body = entry("Clean \x1b[31mTitle\x1b[0m", n=1)
    text = "\ufeff" + (FRONT + body).replace("\n", "\r\n")
    paper = IMPORTER.parse(text, source="p.md", today=TODAY).papers[0]
    assert paper.title == "Clean Title"
    assert paper.abstract == "Abstract of 1."


def test_errors() -> None:
    """Malformed front matter and text with nothing in it raise ImporterError only."""
    with pytest.raises(ImporterError) as info:
        parse("body", front="---\ntitle: [broken\n---\n")
    assert info.value.line is not None
    with pytest.raises(ImporterError):
        IMPORTER.parse("just some words\nand more", source="x.txt", today=TODAY)
    empty = parse("Nothing here yet.\n")
    assert empty.papers == [] and any("no paper" in w.message for w in empty.warnings)


def test_collapsed_older_papers_and_bibtex_details() -> None:
    """A page-level `<details>` around old entries hides none; BibTeX details are no abstract."""
    body = (
        entry("Recent Paper", n=1, abstract="")
        + "<details><summary>BibTeX</summary>\n@inproceedings{x, title={Recent}}\n</details>\n\n"
        + "<details>\n<summary>Older papers (2015-2019)</summary>\n\n"
        + entry("Old Paper One", n=2) + entry("Old Paper Two", n=3) + "</details>\n"
    )
    result = parse(body)
    assert [p.title for p in result.papers] == ["Recent Paper", "Old Paper One", "Old Paper Two"]
    assert [p.abstract for p in result.papers] == ["", "Abstract of 2.", "Abstract of 3."]


def test_multiline_title_and_award_line_are_not_new_entries() -> None:
    """A bold title wrapped over two lines is one title; a bold award line stays in its entry."""
    body = ("**A Title Wrapped\nOver Two Lines** <br>\n_Ann Lee_ <br>\n<pub>CVPR, 2023</pub> <br>\n"
            "**Best Paper Award** <br>\n[Paper](https://x.org/1)\n\n" + entry("Next", n=2))
    first, second = parse(body).papers
    assert first.title == "A Title Wrapped Over Two Lines"
    assert first.badges == ["Best Paper Award"] and first.links[0].url == "https://x.org/1"
    assert second.title == "Next"


def test_highlight_inside_the_venue_span() -> None:
    """`<pub>…, 2024 <highlighted>(Highlight)</highlighted> </pub>`: a badge, not venue text."""
    venue = "Conference on Computer Vision and Pattern Recognition (CVPR), 2024 " \
            "<highlighted>(Highlight)</highlighted> "
    (paper,) = parse(entry("Lut Paper", venue=venue, n=1)).papers
    assert (paper.venue_short, paper.year, paper.badges) == ("CVPR 2024", 2024, ["Highlight"])
    assert "Highlight" not in paper.venue
