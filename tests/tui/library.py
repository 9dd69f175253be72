"""A small, fixed library for the TUI tests, built with store models and apply_import."""

from __future__ import annotations

from pathlib import Path

from importers.base import ImportResult
from store.models import (
    Collection,
    Link,
    Paper,
    Provenance,
    Row,
    Section,
    SectionRef,
    make_paper_id,
)
from store.repository import Store

SITE = "site:manipulation"
NAV = [  # (slug, label, imported)
    ("2024-new", "2024 New", True),
    ("editing-generation", "Generation", True),
    ("hdr-enhancement", "Enhancement", False),
    ("denoising", "Denoising", True),
]
PROFILE = "profile:zhiyong-gao"
LISTING = "listing:arxiv-listing"

# title, authors, venue, venue_short, year, section slugs, links, abstract
_PAPERS: list[tuple[str, list[str], str, str, int, list[str], list[tuple[str, str]], str]] = [
    ("Learning Complementary Maps for Light Field Salient Object Detection",
     ["Zeyu Xiao", "Jiateng Shou", "Zhiwei Xiong"], "Asian Conference on Computer Vision 2024",
     "ACCV", 2024, ["2024-new"], [("Paper", "https://example.org/accv.pdf")],
     "Light field imaging presents a promising avenue for salient object detection."),
    ("MLP Embedded Inverse Tone Mapping", ["Panjun Liu", "Jiacheng Li", "Zhiwei Xiong"],
     "ACM International Conference on Multimedia 2024", "MM", 2024, ["2024-new"],
     [("Paper", "https://dl.acm.org/doi/10.1145/3664647"), ("Code", "https://github.com/x/itm")],
     "Inverse tone mapping converts standard dynamic range video into high dynamic range."),
    ("Video Frame Interpolation with Depth", ["Wenbo Bao", "Wei-Sheng Lai"],
     "IEEE Conference on Computer Vision and Pattern Recognition 2019", "CVPR", 2019,
     ["editing-generation"], [("Paper", "https://arxiv.org/abs/1904.00830"),
                              ("Code", "https://github.com/baowenbo/DAIN")],
     "Video frame interpolation aims to synthesize nonexistent frames in-between."),
    ("Diffusion Models for Image Editing", ["Anna Müller", "Jun Yu"],
     "Advances in Neural Information Processing Systems 2022", "NeurIPS", 2022,
     ["editing-generation"], [("Paper", "https://example.org/edit.pdf")],
     "We edit images with a diffusion prior guided by text."),
    ("Self-Supervised Video Denoising", ["Hao Chen", "Lei Zhang"],
     "IEEE Transactions on Image Processing 2021", "TIP", 2021, ["denoising"],
     [("Paper", "https://example.org/denoise.pdf")],
     "Noise in low light video is removed without clean targets."),
    ("Raw Image Denoising in the Dark", ["Elena Rossi", "Omar Ali", "Sara Kim"],
     "European Conference on Computer Vision 2020", "ECCV", 2020, ["denoising"],
     [("Paper", "https://example.org/raw.pdf"), ("Code", "https://github.com/x/raw")],
     "A raw sensor noise model for denoising in extreme low light."),
    ("Unsafe Link Paper", ["Mallory Evil"], "arXiv preprint 2023", "arXiv", 2023,
     ["denoising"], [("Paper", "javascript:alert(1)")], "This paper's only link is a script."),
]
_PROFILE_PAPERS = [
    ("Enhanced Deep Animation Video Interpolation", ["Wang Shen", "Cheng Ming", "Wenbo Bao"],
     2022, "CV", "2007.11460"),
    ("Content Adaptive and Error Propagation Aware Video Compression",
     ["Guo Lu", "Zhiyong Gao"], 2020, "CV", "2003.11282"),
]
_LISTING_PAPERS = [
    ("Blurry Video Frame Interpolation", ["Wang Shen", "Wenbo Bao"], 2020, "2002.12259"),
]


def fixture_result() -> ImportResult:
    """The whole fixture library as one ImportResult."""
    res = ImportResult()
    res.collections += [
        Collection(id=SITE, kind="site", title="Research Topic: Manipulation", order=0),
        Collection(id=PROFILE, kind="profile", title="Zhiyong Gao",
                   meta={"name": "Zhiyong Gao"}, order=1),
        Collection(id=LISTING, kind="listing", title="arXiv listing", order=2),
    ]
    for order, (slug, label, imported) in enumerate(NAV):
        res.sections.append(Section(
            id=f"{SITE}/{slug}", collection=SITE, label=label, order=order,
            permalink=f"/manipulation/{slug}", page=f"{slug}.md" if imported else "",
            imported=imported))
    res.sections.append(Section(id=f"{PROFILE}/all", collection=PROFILE, label="Zhiyong Gao"))
    res.sections.append(Section(id=f"{LISTING}/all", collection=LISTING, label="arXiv listing"))
    labels = {slug: label for slug, label, _ in NAV}
    for title, authors, venue, short, year, slugs, links, abstract in _PAPERS:
        paper = Paper(
            title=title, authors=authors, venue=venue, venue_short=short, year=year,
            links=[Link(lab, url) for lab, url in links], abstract=abstract,
            has_code=any(lab == "Code" for lab, _ in links),
            sections=[SectionRef(SITE, f"{SITE}/{s}", labels[s]) for s in slugs],
            provenance=[Provenance(source="site", importer="jekyll")])
        paper.id = make_paper_id(paper)
        res.papers.append(paper)
    for title, authors, year, cat, arxiv in _PROFILE_PAPERS:
        paper = Paper(title=title, authors=authors, authors_truncated=True, year=year,
                      category=cat, arxiv_id=arxiv, abstract=f"Abstract of {title}.",
                      sections=[SectionRef(PROFILE, f"{PROFILE}/all", "Zhiyong Gao")],
                      provenance=[Provenance(source="profile", importer="profile")])
        paper.id = make_paper_id(paper)
        res.papers.append(paper)
    for title, authors, year, arxiv in _LISTING_PAPERS:
        paper = Paper(title=title, authors=authors, year=year, arxiv_id=arxiv,
                      abstract=f"Abstract of {title}.",
                      sections=[SectionRef(LISTING, f"{LISTING}/all", "arXiv listing")],
                      provenance=[Provenance(source="listing", importer="arxiv-listing")])
        paper.id = make_paper_id(paper)
        res.papers.append(paper)
    return res


def make_store(home: Path, result: ImportResult | None = None) -> Store:
    """A Store in home holding the fixture library (or result)."""
    home.mkdir(parents=True, exist_ok=True)
    store = Store(home)
    store.apply_import(result or fixture_result(), source="fixture", importer="test")
    return store


async def ready(pilot: object) -> None:
    """Wait until the app's index worker (if any) finished and the screen settled."""
    app = pilot.app  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def status(app: object) -> str:
    """The status line's plain text."""
    from textual.widgets import Static

    return str(app.query_one("#status", Static).render())  # type: ignore[attr-defined]


def shown_rows(app: object) -> list[Row]:
    """Rows in the table, in display order."""
    from tui.widgets.paper_table import PaperTable

    table = app.query_one(PaperTable)  # type: ignore[attr-defined]
    return [table.row_at(i) for i in range(table.row_count)]


def shown_titles(app: object) -> list[str]:
    """Titles in the table, in display order."""
    from tui.widgets.paper_table import PaperTable

    table = app.query_one(PaperTable)  # type: ignore[attr-defined]
    return [table.row_at(i).title for i in range(table.row_count)]


def foreground() -> None:
    """In a child process: Ctrl-C's default, as a command typed at a terminal has it (a
    suite run as a background job starts every child with SIGINT ignored)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
