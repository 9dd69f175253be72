"""Hand-written variant pages (tests/data/variants/) that real sites contain but samples don't."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from importers.base import ImportResult
from importers.registry import detect
from store.models import Link, Paper

VARIANTS = Path(__file__).resolve().parents[1] / "data" / "variants"
TODAY = date(2025, 6, 1)


def load(name: str, expect: str) -> ImportResult:
    """Detect and parse one variant document, checking which importer took it."""
    text = (VARIANTS / name).read_text(encoding="utf-8")
    importer = detect(text, name)
    assert importer.name == expect
    return importer.parse(text, source=name, today=TODAY)


def row(paper: Paper) -> tuple[str, list[str], str, int | None]:
    """(title, authors, venue_short, year) of a paper."""
    return paper.title, paper.authors, paper.venue_short, paper.year


def links(paper: Paper) -> list[tuple[str, str]]:
    """(label, url) of each link."""
    return [(link.label, link.url) for link in paper.links]


def test_academicpages_year_headings_list_items_and_bracket_links() -> None:
    """`## 2023` groups, `- **Title** <br> …` items, `[[PDF]](…)`, bold award line, `&`."""
    result = load("jekyll_academicpages.md", "jekyll")
    assert [(s.id, s.label) for s in result.sections] == [
        ("site:publications/publications", "Publications")]
    a, b, c, d = result.papers
    assert row(a) == ("Neural Flow Fields for Video Deblurring",
                      ["Alice Zhang", "Bob Müller", "Carla Díaz"], "CVPR 2023", 2023)
    assert (a.venue, a.badges, a.arxiv_id) == ("CVPR 2023 (Oral)", ["Oral"], "2303.01234")
    assert links(a) == [("Paper", "https://arxiv.org/abs/2303.01234")]
    assert row(b) == ("Spectral Priors for Low-Light Raw Denoising",
                      ["Alice Zhang", "王小明", "José Álvarez"], "TIP 2023", 2023)
    assert b.authors_truncated and b.badges == ["Best Paper Award"] and b.has_code
    assert links(b) == [("PDF", "https://example.org/spectral.pdf"),
                        ("Code", "https://github.com/lab/spectral")]
    assert row(c) == ("Event-Guided Depth Completion", ["Li Wei", "Alice Zhang"], "ECCV 2022",
                      2022)
    assert links(c) == [("Paper", "https://example.org/edc.pdf"),
                        ("Supp", "/files/edc_supp.pdf")]
    # No year in the venue line: the "## 2022" heading above gives it.
    assert row(d) == ("Rethinking Rain Streaks in the Wild", ["Zoë Brontë"], "WACV 2022", 2022)
    assert d.venue == "Winter Conference on Applications of Computer Vision (WACV)"
    assert not result.warnings


def test_html_links_details_and_p_abstracts() -> None:
    """`<a href>` nav with ►/▼, `<b>`/`<strong>` titles, `<i>` authors, `<details>` blocks."""
    result = load("jekyll_html_details.md", "jekyll")
    assert [(s.label, s.permalink, s.imported) for s in result.sections] == [
        ("Overview", "/imaging/overview", False), ("Spectral", "/imaging/spectral", True),
        ("Light Field", "/imaging/light-field", False)]
    assert result.sections[1].heading == "Spectral Imaging"
    a, b, c = result.papers
    assert row(a) == ("Hyperspectral Reconstruction from a Single Snapshot",
                      ["Chen Yu", "Marie Skłodowska", "Hans Günther"], "TCI 2021", 2021)
    assert a.author_marks == {"Chen Yu": "*", "Marie Skłodowska": "*"}
    assert links(a) == [("Paper", "https://doi.org/10.1109/TCI.2021.3101234"),
                        ("Code", "https://github.com/lab/hsr")]
    assert a.doi == "10.1109/TCI.2021.3101234"
    assert a.abstract == ("Snapshot hyperspectral imaging captures a full spectral cube in one "
                          "exposure. We propose a learned reconstruction & calibration pipeline."
                          "\n\nResults on three datasets show gains of 2 dB.")
    assert row(b) == ("Coded Aperture Design with Learned Priors", ["Hans Günther", "Chen Yu"],
                      "NeurIPS 2020", 2020)
    assert b.badges == ["Spotlight"] and links(b) == [("arXiv", "https://arxiv.org/abs/2010.01234")]
    assert b.abstract.startswith("Coded apertures trade") and b.abstract.endswith("decoder.")
    assert row(c) == ("Spectral Unmixing in the Wild", ["Chen Yu"], "ICCV 2019", 2019)
    assert c.abstract == "Unmixing real scenes is hard. We make it easier."
    assert not result.warnings


def test_crlf_tabs_liquid_nav_multiline_title_and_rules() -> None:
    """CRLF, tab indents, `{{ site.baseurl }}` nav with `>`/▸/▾, a title over two lines."""
    result = load("jekyll_crlf_tabs.md", "jekyll")
    assert [(s.id, s.imported) for s in result.sections] == [
        ("site:low-level/sr-image", False), ("site:low-level/sr-video", True),
        ("site:low-level/sr-spectrum", False)]
    a, b, c = result.papers
    assert row(a) == ("Learning Temporal Consistency for Video Super-Resolution in the Dark",
                      ["Łukasz Nowak", "李华", "François Lefèvre"], "CVPR 2022", 2022)
    assert links(a) == [("Paper", "/files/tc-vsr.pdf"), ("Code", "https://github.com/lab/tc-vsr")]
    assert row(b) == ("Space-Time Video Upsampling", ["Ana Souza", "Łukasz Nowak"], "ECCV 2020",
                      2020)
    assert b.abstract == ("We upsample video jointly in space and time. Tabs and CRLF line "
                          "endings must not matter.")
    assert row(c) == ("Burst Super-Resolution with Flow Priors", ["Ana Souza"], "T-IP 2019", 2019)
    assert all("\r" not in p.title + p.abstract + "".join(p.authors) for p in result.papers)
    assert not result.warnings


def test_vidar_style_quirks() -> None:
    """`__[▶…]__ ` nav, page notes, `$^{2}$`, award span, `&amp;` in URL, reused id, no </div>."""
    result = load("jekyll_vidar_quirks.md", "jekyll")
    assert [s.label for s in result.sections] == ["Active 3D", "Event", "Point Cloud"]
    assert result.collections[0].id == "site:3d-event"
    a, b, c = result.papers
    assert row(a) == ("EVA$^{2}$: Event-Assisted Frame Interpolation",
                      ["Mei Lin", "Tao Wu", "Hong Sun"], "T-CI 2022", 2022)
    assert a.author_marks == {"Mei Lin": "*", "Tao Wu": "*", "Hong Sun": "†"}
    assert a.author_notes == ["(*Equal contribution, †Corresponding author)"]
    assert a.badges == ["Best Paper Honorable Mention", "Early Access"]
    assert [label for label, _ in links(a)] == ["Paper", "Code & Dataset", "Demo Video"]
    assert links(a)[2][1].endswith("oe-29-22-35864&seq=v001")
    assert a.abstract == "We interpolate frames with events at 16× speed. Results beat the " \
                         "state of the art."
    assert row(b) == ("Event Stream Super-Resolution", ["Tao Wu", "Hong Sun"], "ECCV 2022", 2022)
    assert b.badges == ["New", "Oral"] and links(b) == [("PDF", "https://arxiv.org/abs/2207.01234")]
    assert b.abstract == "Event streams are sparse. We super-resolve them with a recurrent network."
    assert row(c) == ("Structured Light with an Event Camera", ["Hong Sun"], "OE 2021", 2021)
    assert c.placeholder and not c.abstract and not c.links
    assert [w.line for w in result.warnings] == [44]
    assert "no closing </div>" in result.warnings[0].message


def test_one_line_entries_with_bullets_and_year_first_venues() -> None:
    """`* **T** <br> *A* <br> *2024, … (ICRA)* <br> [[Paper]](…)`, `(Oral)` after a title."""
    result = load("jekyll_one_line.md", "jekyll")
    assert [s.label for s in result.sections] == ["Grasping", "Navigation", "Manipulation"]
    a, b, c = result.papers
    assert row(a) == ("Dexterous Grasp Synthesis via Diffusion",
                      ["Sam Taylor", "Priya Nair", "Kenji Sato"], "ICRA 2024", 2024)
    assert a.venue == "2024, IEEE International Conference on Robotics and Automation (ICRA)"
    assert [label for label, _ in links(a)] == ["Paper", "Code", "Video"]
    assert a.arxiv_id == "2401.05678" and a.has_code
    assert row(b) == ("Tactile Slip Detection", ["Priya Nair"], "RSS 2023", 2023)
    assert b.badges == ["Oral"]
    assert row(c) == ("Learning to Grasp Transparent Objects", ["Kenji Sato", "Sam Taylor"],
                      "CoRL 2021", 2021)
    assert links(c) == [("Paper", "https://proceedings.mlr.press/v164/sato22a.html"),
                        ("Project Page", "https://sato.github.io/transparent/")]


def test_relative_nav_affiliation_numbers_and_award_lines() -> None:
    """Relative nav targets on a `/…/` permalink, `<sup>1</sup>` affiliations, bold awards."""
    result = load("jekyll_relative_nav.md", "jekyll")
    assert [(s.label, s.permalink) for s in result.sections] == [
        ("Segmentation", "/medical/segmentation"), ("Registration", "/medical/registration"),
        ("Restoration", "/medical/restoration")]
    a, b = result.papers
    assert row(a) == ("Boundary-Aware Neuron Segmentation",
                      ["Wei Huang", "Xiaoyu Liu", "Zhiwei Xiong"], "MICCAI 2021", 2021)
    assert a.author_marks == {"Wei Huang": "1", "Xiaoyu Liu": "2", "Zhiwei Xiong": "1"}
    assert a.badges == ["Best Student Paper Award"]
    assert [label for label, _ in links(a)] == ["Paper", "Code"]
    assert a.doi == "10.1007/978-3-030-87193-2_4"
    assert row(b) == ("Semi-Supervised Mitochondria Segmentation", ["Xiaoyu Liu", "Wei Huang"],
                      "T-MI 2023", 2023)
    assert b.badges == ["Spotlight"]
    assert b.abstract == "Mitochondria are small.\n\nWe segment them with few labels."


def test_page_without_permalink_liquid_comment_and_strong_titles() -> None:
    """No permalink (the file path names it), `{% comment %}`, `<br/>`, `(CVPR 2023)`."""
    result = load("jekyll_no_permalink.md", "jekyll")
    assert [c.id for c in result.collections] == ["site:selected-papers"]
    assert [s.label for s in result.sections] == ["Selected Papers"]
    a, b = result.papers
    assert row(a) == ("Masked Autoencoding for Raw Images", ["Ivy Chen", "Omar Haddad"],
                      "CVPR 2023", 2023)
    assert row(b) == ("Scaling Laws for Denoisers", ["Omar Haddad"], "arXiv 2023", 2023)
    assert b.authors_truncated and b.arxiv_id == "2301.04567"
    assert all("Draft" not in p.title for p in result.papers)


def test_profile_with_arxiv_categories_and_suffixed_numbers() -> None:
    """`cs.CV · September 3, 2024 · Code`, ISO dates, "Sept", "12.3k", "Cited by" trailers."""
    result = load("profile_arxiv_cats.txt", "profile")
    (collection,) = result.collections
    assert collection.id == "profile:marie-claire-dubois-fontaine"
    assert collection.meta == {"name": "Marie-Claire Dubois-Fontaine", "category": "cs.CV",
                               "h_index": "41", "papers": "3", "citations": "12300",
                               "novelty": "47%", "ai_score": "61"}
    a, b, c = result.papers
    assert (a.category, a.date, a.has_code, a.authors) == (
        "cs.CV", "2024-09-03", False, ["Marie-Claire Dubois-Fontaine"])  # a flag, no link
    assert a.abstract == ("We learn depth from focal stacks without labels. Our method needs no "
                          "ground truth.")
    assert a.extra == {"citations": "45"}
    assert (b.category, b.date, b.has_code) == ("eess.IV", "2023-03-19", False)
    assert b.authors == ["Jan Novák", "Marie-Claire Dubois-Fontaine", "Sofia Rossi"]
    assert b.abstract.endswith("The second paragraph of the abstract continues here.")
    # "Sept 9" has no year: it stays unknown rather than being guessed from the import date.
    assert (c.category, c.date, c.year, c.authors_truncated, c.abstract) == (
        "cs.LG", "", None, True, "")
    assert not result.warnings


def test_profile_with_short_dates_bom_and_missing_author_lines() -> None:
    """"Mar 19" and "Dec 5" keep an unknown year (never guessed); "5 May 2021", "30th"."""
    result = load("profile_short_dates.txt", "profile")
    assert result.collections[0].meta["citations"] == "1200000"
    assert [(p.date, p.category, p.has_code) for p in result.papers] == [
        ("", "IV", False), ("", "CV", False), ("2021-05-05", "CV", False),
        ("2020-06-30", "RO", False)]
    # A "Code" flag with no link is not code; a date without a year has no year.
    assert [p.year for p in result.papers] == [None, None, 2021, 2020]
    assert result.papers[0].extra["month_day"] == "03-19"
    assert [p.authors for p in result.papers] == [["Wei Zhang", "Ming Li"], ["Wei Zhang"], [],
                                                  ["Ana Ruiz", "Wei Zhang"]]
    assert result.papers[0].authors_truncated
    assert result.papers[2].abstract == "We estimate pixel-wise curves for low-light images."
    assert not result.warnings


def test_profile_minimal_crlf_with_untitled_entry() -> None:
    """CRLF, `q-bio.NC`/`stat.ML` categories, an entry with no title is skipped with a warning."""
    result = load("profile_minimal.txt", "profile")
    assert result.collections[0].meta == {"name": "Jürgen Weiß", "category": "q-bio.NC",
                                          "papers": "2"}
    a, b = result.papers
    assert (a.title, a.category, a.date) == ("Variational Inference: A Review for Practitioners",
                                             "stat.ML", "2021-11-02")
    assert (b.title, b.category, b.authors, b.has_code) == (
        "Spiking Models of Grid Cells", "q-bio.NC", ["Lena Vogel"], False)  # a flag, no link
    assert [(w.line, w.message) for w in result.warnings] == [
        (14, "entry has no title; skipped")]


def test_listing_versions_old_ids_journal_ref_and_categories() -> None:
    """`v2` ids, `[cs.CV]` after an id, `Journal ref:`, old-style ids, no final newline."""
    result = load("listing_versions.txt", "arxiv-listing")
    a, b, c, d = result.papers
    assert [p.arxiv_id for p in result.papers] == ["2203.01234", "2104.05678", "cs/0501001",
                                                   "hep-th/9901001"]
    assert a.abstract.endswith("compare against arXiv:1706.03762 baselines.")
    assert (a.comments, a.venue_short, a.year) == (
        "15 pages, 8 figures. Accepted to ECCV 2022", "ECCV 2022", 2022)
    assert a.extra == {"arxiv_version": "v2"}
    assert a.links[0] == Link("arXiv", "https://arxiv.org/abs/2203.01234v2")
    assert (b.comments, b.venue_short, b.year, b.category) == ("", "CVPR 2021", 2021, "cs.CV")
    assert b.extra == {"journal_ref": "CVPR 2021, pp. 1234-1243"}
    assert b.abstract.endswith("see http://example.org/demo for videos.")
    assert c.abstract.startswith("Old-style identifiers") and c.year == 2005 and not c.comments
    assert (d.comments, d.venue_short, d.year) == ("Submitted to NeurIPS 2023", "", 1999)
    assert not result.warnings


def test_listing_wrapped_abstracts_and_comment_links() -> None:
    """Abstracts wrapped at 75 columns, blank lines between entries, "Project page:" URLs."""
    result = load("listing_wrapped.txt", "arxiv-listing")
    a, b, c = result.papers
    assert a.abstract.startswith("Video frame interpolation synthesizes frames between existing "
                                 "ones. Prior methods")
    assert a.abstract.endswith("Experiments show state-of-the-art results.")
    assert (a.comments, a.venue_short, a.year) == (
        "To appear in T-PAMI; Code: https://github.com/lab/dain-pp", "T-PAMI", 2021)
    assert a.links[1:] == [Link("Code", "https://github.com/lab/dain-pp")] and a.has_code
    assert (b.venue_short, b.badges, b.has_code) == ("ICCV 2023", ["Oral"], False)
    assert b.links[1:] == [Link("Project", "https://lab.github.io/wat/")]
    assert c.abstract == "3D point clouds are irregular. We voxelize them adaptively."
    assert not result.warnings
