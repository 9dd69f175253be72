"""Rendered publication pages of common themes, read by structure (fixtures written for these
tests, modelled on the public templates of al-folio, academicpages and Hugo Academic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from importers import registry
from importers.base import ImportResult
from importers.html import IMPORTER
from store.models import Paper

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def parse(name: str) -> ImportResult:
    """Parse one fixture page through the registry's detection, as the CLI does."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    importer = registry.detect(text, name)
    assert importer.name == "html"
    return importer.parse(text, source=name, today=date(2024, 1, 1))


def by_title(result: ImportResult) -> dict[str, Paper]:
    """Papers by title."""
    return {p.title: p for p in result.papers}


def test_alfolio_bibliography_with_hidden_abstract_and_bibtex() -> None:
    """.bibliography items: title, authors with marks, venue, links, hidden abstract and BibTeX."""
    papers = by_title(parse("alfolio_publications.html"))
    assert len(papers) == 3
    fog = papers["Seeing Through Fog with Event Cameras"]
    assert fog.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert fog.author_marks == {"Grace Hopper": "*"}
    assert fog.venue_short == "CVPR 2023" and fog.year == 2023
    assert [link.label for link in fog.links] == ["arXiv", "PDF", "Code"]
    assert fog.arxiv_id == "2301.01234" and fog.has_code
    assert fog.abstract.startswith("We see through fog.")
    assert fog.doi == "10.1109/CVPR.2023.00001"  # from the hidden BibTeX block
    assert fog.extra["bibtex"].startswith("@inproceedings{lovelace2023fog")
    sparse = papers["Sparse Radiance Fields for Few-Shot Rendering"]
    assert sparse.doi == "10.1109/TPAMI.2023.12345" and sparse.year == 2023
    assert papers["Analytical Engines for Image Restoration"].authors == ["Ada Lovelace"]


def test_academicpages_archive_items() -> None:
    """archive__item: title link, "Published in" venue, authors from the recommended citation."""
    papers = by_title(parse("academicpages_publications.html"))
    assert set(papers) == {"Compilers That Explain Themselves",
                           "A Moth in the Relay: Debugging Hardware Faults"}
    moth = papers["A Moth in the Relay: Debugging Hardware Faults"]
    assert moth.authors == ["Grace Hopper", "Howard Aiken", "Richard Bloch"]
    assert moth.venue == "Proceedings of the Symposium on Computing History, 2019"
    assert moth.year == 2019
    assert [link.label for link in moth.links] == ["Paper", "Download Paper", "Download Slides"]
    compilers = papers["Compilers That Explain Themselves"]
    assert compilers.abstract == "We show how a compiler can justify each rewrite it makes."


def test_hugo_citation_and_compact_views() -> None:
    """pub-list-item citations and media stream items: four papers, none merged."""
    papers = by_title(parse("hugo_publications.html"))
    assert len(papers) == 4
    guarded = papers["Guarded Commands for Shortest Paths"]
    assert guarded.authors == ["Edsger Dijkstra", "Tony Hoare"]
    assert guarded.venue == "Communications of the ACM" and guarded.year == 2022
    assert guarded.doi == "10.1145/360933.360975"
    assert [link.label for link in guarded.links] == ["Paper", "PDF", "Code", "DOI"]
    structured = papers["Structured Programming for Vision Pipelines"]
    assert structured.venue_short == "ICSE 2020" and structured.arxiv_id == "2005.01234"
    semaphores = papers["Semaphores Considered Helpful for Video Decoding"]
    assert semaphores.authors == ["Edsger Dijkstra", "Per Brinch Hansen"]
    assert semaphores.venue_short == "SOSP 2019"
    assert semaphores.abstract.startswith("We revisit semaphores")


def test_paper_page_with_citation_meta_tags() -> None:
    """A paper's own page: one paper from citation_* tags ("Last, First" names flipped)."""
    (paper,) = parse("paper_page_citation_meta.html").papers
    assert paper.title == "Guarded Commands for Shortest Paths"
    assert paper.authors == ["Edsger W. Dijkstra", "Tony Hoare"]
    assert paper.year == 2022 and paper.doi == "10.1145/360933.360975"
    assert paper.links[0].url == "https://example.org/guarded-commands.pdf"
    assert paper.abstract.startswith("Guarded commands give")
    assert paper.keywords == ["graphs", "nondeterminism"]


def test_plain_numbered_list_by_structure() -> None:
    """No theme at all: "Authors. <b>Title</b>. <i>Venue</i>, year. [pdf]" list items."""
    papers = by_title(parse("plain_list.html"))
    assert len(papers) == 3
    adt = papers["Programming with Abstract Data Types in Vision"]
    assert adt.authors == ["B. Liskov", "S. Zilles", "A. Myers"]
    assert adt.venue_short == "ECCV 2021"
    assert papers["Practical Byzantine Fault Tolerance for Camera Networks"].venue == "OSDI 2019"


def test_embedded_bibtex_page() -> None:
    """A page that only lists BibTeX in <pre>: read by the BibTeX importer."""
    papers = by_title(parse("embedded_bibtex.html"))
    art = papers["The Art of Computer Vision Programming"]
    assert art.authors == ["Donald E. Knuth", "Barbara Liskov"] and art.doi == "10.1000/jva.2020.7"
    assert len(papers) == 2


def test_page_without_publications_gives_zero_and_says_so() -> None:
    """News with dates, a people list: 0 papers, one warning, no empty tab."""
    result = parse("no_publications.html")
    assert result.papers == [] and result.sections == []
    assert [w.message for w in result.warnings] == ["no publications found (0 papers)"]


@pytest.mark.parametrize("text", [
    "", "<html></html>", "<p>Hello <b>world</b></p>", "<<<>>>", "<html><body>" * 500,
    "<ul>" + "<li><b>Only Bold Words</b></li>" * 5 + "</ul>",
])
def test_odd_pages_give_no_papers(text: str) -> None:
    """Empty, tiny or tag-soup pages are not publication lists."""
    assert IMPORTER.parse(text, source="x.html", today=date(2024, 1, 1)).papers == []


def test_detect_prefers_html_for_rendered_pages() -> None:
    """A rendered page with <pub> and expandABS markers is HTML, not a Jekyll source page."""
    for name in ("alfolio_publications.html", "hugo_publications.html", "plain_list.html"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert registry.detect(text, name).name == "html"
    assert IMPORTER.detect("---\ntitle: x\n---\n**A** <br>\n_B_", "x.md") < 0.3


def test_hand_written_homepage_table() -> None:
    """A table row per paper: span.papertitle in a link, bold owner among linked co-authors."""
    papers = by_title(parse("homepage_table.html"))
    assert len(papers) == 2
    quick = papers["Quicksort Radiance Fields"]
    assert quick.authors == ["Tony Hoare", "Ada Lovelace", "Alan Turing"]
    assert quick.venue_short == "CVPR 2022" and "Oral" in quick.badges
    assert quick.links[0].url == "https://example.org/quicksort-nerf/"
    assert quick.arxiv_id == "2203.00042" and quick.abstract.startswith("Sorting rays")
    assert "note" not in quick.extra
    csp = papers["Communicating Sequential Video Processes"]
    assert csp.authors == ["Edsger Dijkstra", "Tony Hoare"]
    assert all(link.label != "Edsger Dijkstra" for link in csp.links)


def test_ieee_style_quoted_titles() -> None:
    """No title element: “Title,” in quotes; initials-first authors; the heading is no paper."""
    papers = by_title(parse("ieee_style.html"))
    assert set(papers) == {"Difference engines for image denoising",
                           "Analytical priors for compressive sensing"}
    engines = papers["Difference engines for image denoising"]
    assert engines.authors == ["A. Lovelace", "C. Babbage", "M. Somerville"]
    assert engines.year == 2022 and engines.venue.startswith("IEEE Trans. Image Process.")


def test_schema_org_microdata_list() -> None:
    """itemprop author/name/isPartOf/datePublished, one element per author."""
    papers = by_title(parse("microdata_list.html"))
    lines = papers["Breaking Paragraphs into Lines of Pixels"]
    assert lines.authors == ["Donald E. Knuth", "Michael F. Plass"]
    assert lines.venue == "Software Practice and Experience" and lines.year == 2021
    assert lines.doi == "10.1002/spe.1000"
    assert papers["Literate Programming for Neural Renderers"].venue_short == "CVPR 2019"


def test_details_blocks_hold_abstract_and_bibtex() -> None:
    """Collapsed <details>: "Abstract" becomes the abstract, "BibTeX" the entry's BibTeX."""
    row = ('<li><b>Folding Proteins with Guarded Commands</b><br><i>Ada Lovelace, Alan Turing'
           '</i><br>ICML 2023<details><summary>Abstract</summary>We fold proteins.</details>'
           '<details><summary>BibTeX</summary><pre>@inproceedings{a, title={F}}</pre>'
           '</details></li>')
    page = f"<html><body><ul>{row}{row.replace('Folding', 'Unfolding')}</ul></body></html>"
    result = IMPORTER.parse(page, source="d.html", today=date(2024, 1, 1))
    paper = result.papers[0]
    assert paper.abstract == "We fold proteins."
    assert paper.extra["bibtex"].startswith("@inproceedings{a")
    assert paper.venue_short == "ICML 2023" and paper.authors == ["Ada Lovelace", "Alan Turing"]


def test_author_year_citations_and_bold_names_in_author_lists() -> None:
    """jekyll-scholar's APA lines ("Last, F. (2021). Title. Venue.") and "A, <b>Me</b>, C"."""
    page = """<html><body><h2 class="bibliography">2021</h2><ol class="bibliography">
    <li><span id="a">Lovelace, A., &amp; Turing, A. M. (2021). Engines that learn to see.
    <i>Journal of Machine Vision</i>, 3(1), 1-10.</span></li>
    <li><span id="b">Hopper, G. (2020). Compilers for cameras. In <i>Proceedings of the
    Conference on Optics (CO)</i>.</span></li></ol>
    <ul><li>A. Lovelace, <b>C. Babbage</b>, and D. Knuth. <b>Counting Frames With Gears</b>.
    <i>CVPR</i>, 2019.</li>
    <li>A. Lovelace and <b>C. Babbage</b>. <b>Steam Powered Segmentation</b>. <i>ICCV</i>,
    2017.</li></ul></body></html>"""
    papers = by_title(IMPORTER.parse(page, source="s.html", today=date(2024, 1, 1)))
    assert set(papers) == {"Engines that learn to see", "Compilers for cameras",
                           "Counting Frames With Gears", "Steam Powered Segmentation"}
    assert papers["Engines that learn to see"].authors == ["A. Lovelace", "A. M. Turing"]
    assert papers["Engines that learn to see"].year == 2021
    assert papers["Compilers for cameras"].venue_short == "CO 2020"
    assert papers["Counting Frames With Gears"].authors == ["A. Lovelace", "C. Babbage",
                                                             "D. Knuth"]


def test_project_page_with_bibtex_abstract_and_buttons() -> None:
    """A paper's project page: BibTeX gives the record, the page its abstract and links."""
    (paper,) = parse("project_page.html").papers
    assert paper.title == "GearNeRF: Radiance Fields on a Difference Engine"
    assert paper.authors == ["Ada Lovelace", "Charles Babbage", "Mary Somerville"]
    assert paper.venue_short == "ICCV 2023"
    assert paper.abstract.startswith("We render radiance fields with brass gears")
    assert [link.label for link in paper.links] == ["Paper", "arXiv", "Code"]
    assert paper.arxiv_id == "2305.01234" and paper.has_code


def test_project_page_without_bibtex() -> None:
    """No tags, no BibTeX: title heading, author list and a link to the paper make one paper."""
    text = (FIXTURES / "project_page.html").read_text(encoding="utf-8")
    start = text.index('<section class="section" id="BibTeX">')
    text = text[:start] + text[text.index("</section>", start) + len("</section>"):]
    (paper,) = IMPORTER.parse(text, source="p.html", today=date(2024, 1, 1)).papers
    assert paper.title == "GearNeRF: Radiance Fields on a Difference Engine"
    assert paper.authors == ["Ada Lovelace", "Charles Babbage", "Mary Somerville"]
    assert [link.label for link in paper.links] == ["Paper", "arXiv", "Code"]
    assert paper.abstract.startswith("We render") and paper.arxiv_id == "2305.01234"


def test_blog_post_with_byline_and_article_jsonld_is_not_a_paper() -> None:
    """A blog post (JSON-LD Article, an author byline, a PDF link) is no publication."""
    post = """<html><head><script type="application/ld+json">{"@type": "Article",
    "headline": "What we learned at CVPR", "author": {"name": "Ada Lovelace"}}</script></head>
    <body><main><h1 class="post-title">What we learned at CVPR</h1>
    <p class="post-author">Ada Lovelace</p><p>Slides are <a href="/s.pdf">here</a>.</p>
    <p>We met many people and saw many posters about radiance fields this year.</p>
    </main></body></html>"""
    result = IMPORTER.parse(post, source="post.html", today=date(2024, 1, 1))
    assert result.papers == []


def test_entries_written_as_details_summary() -> None:
    """<details><summary>the entry</summary>its abstract</details> per list item."""
    row = ("<li><details><summary><span>Ada Lovelace, Alan Turing. <b>Counting Gears in the "
           "Dark</b>. <i>CVPR</i>, 2021.</span></summary><p>We count gears without light."
           "</p></details></li>")
    page = f"<html><body><ol>{row}{row.replace('Gears', 'Cogs')}</ol></body></html>"
    papers = by_title(IMPORTER.parse(page, source="d.html", today=date(2024, 1, 1)))
    gears = papers["Counting Gears in the Dark"]
    assert gears.authors == ["Ada Lovelace", "Alan Turing"] and gears.venue_short == "CVPR 2021"
    assert gears.abstract == "We count gears without light."


def test_citation_tags_on_a_blog_post_are_not_enough() -> None:
    """citation_title/author/date without a venue, DOI or PDF (blogs tag posts so): no paper."""
    post = """<html><head><meta name="citation_title" content="Our trip to Seattle">
    <meta name="citation_author" content="Ada Lovelace">
    <meta name="citation_publication_date" content="2024/06/20">
    <meta name="citation_publisher" content="Lab Blog"></head>
    <body><main><h1>Our trip to Seattle</h1><p>It rained.</p></main></body></html>"""
    assert IMPORTER.parse(post, source="b.html", today=date(2024, 1, 1)).papers == []


def test_arxiv_abstract_page_tags() -> None:
    """An arXiv abstract page's tags: "Last, First" authors, the arXiv id, the PDF link."""
    page = """<html><head><meta name="citation_title" content="Chow rings of gears">
    <meta name="citation_author" content="Wendt, Matthias">
    <meta name="citation_author" content="Lovelace, Ada">
    <meta name="citation_date" content="2018/05/16">
    <meta name="citation_pdf_url" content="https://arxiv.org/pdf/1805.06214">
    <meta name="citation_arxiv_id" content="1805.06214">
    <meta name="citation_abstract" content="We compute &amp; describe.">
    </head><body></body></html>"""
    (paper,) = IMPORTER.parse(page, source="abs.html", today=date(2024, 1, 1)).papers
    assert paper.authors == ["Matthias Wendt", "Ada Lovelace"]
    assert paper.arxiv_id == "1805.06214" and paper.year == 2018
    assert paper.abstract == "We compute & describe."


def test_hugo_single_publication_page() -> None:
    """Wowchemy's publication page: h1, the author line under it, buttons, an Abstract."""
    page = """<html><body><div class="pub"><div class="article-container pt-3">
    <h1>Guarded Commands for Shortest Paths</h1>
    <div class="article-metadata"><div><span class="author-highlighted"><a href="/author/e/">
    Edsger Dijkstra</a></span>, <span><a href="/author/t/">Tony Hoare</a></span></div>
    <span class="article-date">March, 2022</span></div>
    <div class="btn-links mb-3">
    <a class="btn btn-outline-primary btn-page-header" href="https://example.org/g.pdf">PDF</a>
    <a class="btn btn-outline-primary btn-page-header"
       href="https://doi.org/10.1145/360933.360975">DOI</a></div></div>
    <div class="article-container"><h3>Abstract</h3>
    <p class="pub-abstract">Guarded commands give a proof.</p></div></div></body></html>"""
    (paper,) = IMPORTER.parse(page, source="p.html", today=date(2024, 1, 1)).papers
    assert paper.authors == ["Edsger Dijkstra", "Tony Hoare"] and paper.year == 2022
    assert paper.doi == "10.1145/360933.360975"
    assert paper.abstract == "Guarded commands give a proof."


def test_publication_table_with_a_header_row() -> None:
    """Title | Authors | Venue | Year columns named by a header row; other cells give links."""
    page = """<html><body><h1>Papers</h1><table>
    <tr><th>Year</th><th>Title</th><th>Authors</th><th>Venue</th><th>Links</th></tr>
    <tr><td>2022</td><td><a href="p/gears.html">Gears All the Way Down</a></td>
    <td>Ada Lovelace, Alan Turing</td><td>CVPR</td>
    <td><a href="pdf/gears.pdf">PDF</a> <a href="https://github.com/x/gears">Code</a></td></tr>
    <tr><td>2020</td><td>Steam and Pixels</td><td>Charles Babbage</td><td>Journal of Engines</td>
    <td></td></tr></table></body></html>"""
    papers = by_title(IMPORTER.parse(page, source="t.html", today=date(2024, 1, 1)))
    gears = papers["Gears All the Way Down"]
    assert gears.authors == ["Ada Lovelace", "Alan Turing"] and gears.venue_short == "CVPR 2022"
    assert [link.label for link in gears.links] == ["Paper", "PDF", "Code"]
    assert papers["Steam and Pixels"].year == 2020


def test_fetched_page_links_become_absolute() -> None:
    """A page read from its URL: relative links are resolved against that URL."""
    from importers.html import parse_pages, read

    text = (FIXTURES / "alfolio_publications.html").read_text(encoding="utf-8")
    page = read(text, source="https://ada.example.org/publications/",
                url="https://ada.example.org/publications/")
    papers = by_title(parse_pages([page]))
    fog = papers["Seeing Through Fog with Event Cameras"]
    assert "https://ada.example.org/assets/pdf/fog.pdf" in [link.url for link in fog.links]
