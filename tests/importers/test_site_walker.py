"""The site-root walker: plan which files to read, pick importers, group under the site."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from importers.sites.sitemap import plan
from importers.sites.walk import import_site
from tests.conftest import SITE_PAGES
from tests.importers.sites.helpers import SITES

TODAY = date(2025, 6, 1)


def read(root: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Every planned file of a fixture root, read, and all its relative paths."""
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    layout = plan(paths)
    files = [(rel, (root / rel).read_text(encoding="utf-8"))
             for rel in layout.configs + layout.read]
    return files, paths


def test_plan_skips_build_output_themes_and_project_files() -> None:
    """_site/, public/, themes/, static/ and a built docs/ are never read; READMEs are noted."""
    paths = ["_config.yml", "_bibliography/papers.bib", "_site/papers.bib", "public/index.xml",
             "themes/academic/exampleSite/content/publication/x/index.md", "README.md",
             "docs/index.html", "docs/publications.md", "_publications/a.md",
             "assets/json/resume.json", ".github/workflows/ci.yml", "node_modules/x/y.md"]
    layout = plan(paths)
    assert layout.read == ["_bibliography/papers.bib", "_publications/a.md"]
    assert layout.configs == ["_config.yml"]
    assert set(layout.build_output) == {"_site/papers.bib", "public/index.xml",
                                        "themes/academic/exampleSite/content/publication/x/"
                                        "index.md", "docs/index.html", "docs/publications.md",
                                        "assets/json/resume.json", "node_modules/x/y.md"}
    assert layout.ignored == [("README.md", "project file, not a publication source")]
    assert layout.generators == ["al-folio", "academicpages"]
    # a docs/ folder that is the site's own source is read
    own = plan(["docs/_config.yml", "docs/index.html", "docs/publications.md"])
    assert own.read == ["docs/index.html", "docs/publications.md"]  # the walker judges HTML


def test_each_generator_is_read_from_its_source() -> None:
    """Every fixture site: which importer read which file, the site's title as collection."""
    expected = {
        "alfolio-lab": ("Mira K. Okafor", {"alfolio-lab/_bibliography/papers.bib": "al-folio"}),
        "academicpages-site": ("Jordan Reyes — Computational Hydrology", {
            "academicpages-site/_publications/2019-03-01-river-routing.md": "academicpages",
            "academicpages-site/_publications/2021-07-15-snowmelt.md": "academicpages",
            "academicpages-site/_publications/2023-groundwater.md": "academicpages",
            "academicpages-site/markdown_generator/publications.tsv": "academicpages-tsv"}),
        "hugo-lab": ("Glacier Dynamics Group", {
            f"hugo-lab/content/publication/{slug}/index.md": "hugo-academic"
            for slug in ("cite-only", "conference-paper", "journal-article", "preprint")}),
        "datafile-lab": ("Soil Microbiome Lab", {
            "datafile-lab/_data/grouped.json": "data-file",
            "datafile-lab/_data/publications.yml": "data-file"}),
        "acadhomepage-site": ("Wei Zhang's Homepage", {
            "acadhomepage-site/_pages/about.md": "publication-list"}),
        "handwritten-lab": ("Robotics & Perception Lab", {
            "handwritten-lab/publications.md": "publication-list"}),
        "plainhtml-lab": ("Computational Biophysics Group", {
            "plainhtml-lab/publications.html": "publication-list"}),
    }
    for name, (title, sources) in expected.items():
        files, paths = read(SITES / name)
        site = import_site(files, root=name, today=TODAY, all_paths=paths, prefix=f"{name}/")
        assert {s.source: s.importer for s in site.sources} == sources, name
        assert site.info.title == title
        for src in site.sources:
            assert [c.title for c in src.result.collections] == [title]
            assert src.confidence >= 0.6 and src.reason


def test_bad_files_are_reported_with_their_line_and_the_rest_imported() -> None:
    """Broken YAML in one page or data file: file:line warning, every other paper imported."""
    files, paths = read(SITES / "academicpages-site")
    site = import_site(files, root="ap", today=TODAY, all_paths=paths)
    assert [str(w) for w in site.warnings] == [
        "_publications/2020-broken.md:5: file skipped: malformed front matter: found "
        "unexpected end of stream"]
    assert sum(len(s.result.papers) for s in site.sources) == 5
    skipped = dict(site.skipped)
    assert skipped["_talks/2020-talk-1.md"] == "holds no publications"
    assert skipped["_posts/2020-01-01-blog-post-1.md"] == "holds no publications"


def test_sections_follow_types_and_a_typed_paper_keeps_its_type() -> None:
    """Types give the tabs; the TSV's copy of a typed page lands in the page's tab."""
    files, paths = read(SITES / "academicpages-site")
    site = import_site(files, root="ap", today=TODAY, all_paths=paths)
    tsv = next(s for s in site.sources if s.importer == "academicpages-tsv")
    assert [(p.title[:20], p.sections[0].label) for p in tsv.result.papers] == [
        ("Differentiable River", "Journal articles"), ("Sediment Transport i", "Other")]
    labels = {s.label for src in site.sources for s in src.result.sections}
    assert labels == {"Journal articles", "Conference papers", "Preprints", "Other"}


def test_links_are_resolved_against_the_site_url_and_hugo_users_named() -> None:
    """/assets/pdf/… under url+baseurl; a bundle's slides.pdf under its page; admin named."""
    files, paths = read(SITES / "alfolio-lab")
    site = import_site(files, root="a", today=TODAY, all_paths=paths)
    (src,) = site.sources
    pdfs = [x.url for p in src.result.papers for x in p.links if x.label == "PDF"]
    assert "https://mira-okafor.example.org/lab/assets/pdf/tidal_attention.pdf" in pdfs
    files, paths = read(SITES / "hugo-lab")
    site = import_site(files, root="h", today=TODAY, all_paths=paths)
    calving = next(p for s in site.sources for p in s.result.papers if p.title.startswith("Calv"))
    assert calving.authors[-1] == "Ada Okonkwo"
    assert {x.label: x.url for x in calving.links}["Slides"] == (
        "https://glacier.example.edu/publication/conference-paper/slides.pdf")


def test_topic_pages_read_as_before() -> None:
    """A site root of lab topic pages gives the same result as its `_pages/` folder alone."""
    root = SITE_PAGES.parent
    pages = [(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8"))
             for p in sorted(SITE_PAGES.rglob("*.md"))]
    from importers.jekyll.site import parse_site

    before = parse_site(pages, today=TODAY)
    extra = [("_config.yml", "title: Vidar Lab\n"), ("README.md", "# readme\n"),
             ("_pages/about.md", "---\npermalink: /\n---\nHello.\n")]
    site = import_site(pages + extra, root="vidar", today=TODAY,
                       all_paths=[p for p, _ in pages + extra])
    (src,) = site.sources
    assert (src.source, src.importer) == ("_pages", "jekyll")  # about.md is there too
    assert src.result.papers == before.papers
    assert src.result.sections == before.sections


def test_root_permalink_page_without_title_does_not_crash() -> None:
    """A topic page with `permalink: /` and no title imports (it used to raise IndexError)."""
    from importers.jekyll.site import parse_site

    page = ("---\npermalink: /\n---\n\n**A Paper Title Here** <br>\nA. Author, B. Author <br>\n"
            "*CVPR 2020*\n")
    result = parse_site([("_pages/home.md", page)], today=TODAY)
    assert [p.title for p in result.papers] == ["A Paper Title Here"]
    assert result.sections[0].label == "index"


def test_no_paper_is_named_after_a_heading() -> None:
    """Blog posts and pages with a lone bold "Footnotes" line give no paper."""
    for name in ("handwritten-lab", "academicpages-site"):
        files, paths = read(SITES / name)
        site = import_site(files, root=name, today=TODAY, all_paths=paths)
        titles = [p.title for s in site.sources for p in s.result.papers]
        assert "Footnotes" not in titles and len(titles) == len(set(titles)) + (
            1 if name == "academicpages-site" else 0)


def test_hand_written_html_list() -> None:
    """publications.html: <li> entries under its headings; talks are not papers."""
    files, paths = read(SITES / "plainhtml-lab")
    site = import_site(files, root="p", today=TODAY, all_paths=paths)
    (src,) = site.sources
    rows = [(p.title, p.authors, p.venue, p.year, p.sections[0].label)
            for p in src.result.papers]
    assert rows == [
        ("Learning to Fold Proteins Quickly", ["A. Smith", "B. Jones"], "Nature Methods",
         2022, "Journal Papers"),
        ("Graph Kernels for Molecules", ["C. Lee", "A. Smith"],
         "Journal of Machine Learning Research", 2021, "Journal Papers"),
        ("Fast Sampling of Conformations", ["A. Smith"],
         "International Conference on Machine Learning (ICML)", 2020, "Conference Papers"),
    ]
    kernels = src.result.papers[1]
    assert kernels.arxiv_id == "2101.01234"
    assert [x.label for x in kernels.links] == ["Code", "arXiv"]
    assert dict(site.skipped) == {"index.html": "HTML page (import it on its own)"}


def test_bold_title_list_outside_pages_joins_the_site() -> None:
    """A root `publications.md` of `**Title** <br>` entries is read (grouped under the site,
    by year); a blog post's lone bold line is not."""
    page = ("---\ntitle: Publications\npermalink: /publications/\n---\n\n## 2023\n\n"
            "**Neural Flow Fields for Video Deblurring** <br>\nAlice Zhang, Bob Muller <br>\n"
            "*CVPR 2023*\n\n**Spectral Priors for Raw Denoising** <br>\nAlice Zhang <br>\n"
            "*ICCV 2022*\n")
    post = "---\ntitle: A post\n---\n\n**Footnotes**\n\nText.\n"
    files = [("_config.yml", "title: BR Lab\n"), ("publications.md", page),
             ("_posts/2020-01-01-x.md", post)]
    site = import_site(files, root="br", today=TODAY)
    (src,) = site.sources
    assert src.importer == "jekyll" and not src.topic
    assert [c.title for c in src.result.collections] == ["BR Lab"]
    assert [s.label for s in src.result.sections] == ["2023", "2022"]
    assert dict(site.skipped) == {"_posts/2020-01-01-x.md": "holds no publications"}


def test_bold_title_list_named_by_its_front_matter_joins_the_site() -> None:
    """A list page under any file name is read when its front matter calls it a publication
    list (title or permalink); a post of bold lines under the same kind of name is not."""
    page = ("---\ntitle: Selected Papers\npermalink: /work/\n---\n\n"
            "**Neural Flow Fields for Video Deblurring** <br>\nAlice Zhang, Bob Muller <br>\n"
            "*CVPR 2023*\n\n**Spectral Priors for Raw Denoising** <br>\nAlice Zhang <br>\n"
            "*ICCV 2022*\n")
    by_link = page.replace("title: Selected Papers\npermalink: /work/",
                           "title: Our work\npermalink: /publications/2024/")
    post = page.replace("title: Selected Papers\npermalink: /work/",
                        "title: What we read this week\npermalink: /blog/reading/")
    files = [("_config.yml", "title: BR Lab\n"), ("work-2023.md", page),
             ("ours.md", by_link), ("reading.md", post)]
    site = import_site(files, root="br", today=TODAY)
    read = {src.source for src in site.sources}
    assert read == {"work-2023.md", "ours.md"}, site.skipped
    assert dict(site.skipped) == {"reading.md": "holds no publications"}


def test_html_list_page_named_by_its_title_joins_the_site() -> None:
    """An HTML page under any file name is read when its <title> or <h1> calls it a list of
    publications; a people page beside it is left for importing on its own."""
    pubs = ("<html><head><title>Papers | Fold Lab</title></head><body><h1>Our papers</h1>"
            "<h2>2022</h2><ul><li>A. Smith, B. Jones. <b>Learning to Fold Proteins Quickly"
            "</b>. <i>Nature Methods</i>, 2022.</li><li>C. Lee, A. Smith. <b>Graph Kernels "
            "for Molecules</b>. <i>JMLR</i>, 2021.</li></ul></body></html>")
    people = pubs.replace("Papers | Fold Lab", "People").replace("Our papers", "People")
    files = [("_config.yml", "title: Fold Lab\n"), ("output-2022.html", pubs),
             ("team.html", people)]
    site = import_site(files, root="p", today=TODAY)
    (src,) = site.sources
    assert src.source == "output-2022.html"
    assert {p.title for p in src.result.papers} == {"Learning to Fold Proteins Quickly",
                                                    "Graph Kernels for Molecules"}
    assert dict(site.skipped) == {"team.html": "HTML page (import it on its own)"}
