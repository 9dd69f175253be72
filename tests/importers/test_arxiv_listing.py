"""arXiv-listing importer: the seed's exact values, structure-based comments, robustness."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.arxiv_listing import IMPORTER
from importers.base import ImporterError
from store.models import Link
from tests.conftest import SITE_PAGES, seed

TODAY = date(2025, 9, 1)
SOURCE = "/data/001_9714507ff912e908.txt"


def parse(text: str):  # type: ignore[no-untyped-def]
    """Parse with a fixed source name and date."""
    return IMPORTER.parse(text, source=SOURCE, today=TODAY)


def test_seed_counts_collection_and_ids(listing_text: str) -> None:
    """7 untitled entries with their ids in order, one listing collection and section."""
    result = parse(listing_text)
    assert [p.arxiv_id for p in result.papers] == [
        "2007.11460", "2003.11282", "2002.12259", "2002.04829",
        "1904.00830", "1812.00101", "1810.08768",
    ]  # fmt: skip
    assert result.warnings == []
    (coll,) = result.collections
    assert (coll.id, coll.kind, coll.title) == (
        "listing:001-9714507ff912e908", "listing", "arXiv listing, Oct 2018 – Jul 2020"
    )  # a real name: what it is and the months its ids were issued in
    assert result.sections[0].id == "listing:001-9714507ff912e908/all"
    for paper in result.papers:
        assert paper.title == ""
        assert paper.display_title == f"(untitled) arXiv:{paper.arxiv_id}"
        assert paper.links[0] == Link("arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}")
        assert paper.provenance[0].importer == "arxiv-listing"


def test_seed_entries(listing_text: str) -> None:
    """Abstract, comments, venue, code link and year of several entries."""
    papers = parse(listing_text).papers
    first = papers[0]
    assert first.abstract.startswith("Previous video modeling methods leverage the cubic 3D")
    assert first.abstract.endswith("without bells and whistles.")
    assert "plug-and-play block" in first.abstract and "\\textit" not in first.abstract
    assert (first.comments, first.venue_short, first.year, first.has_code) == ("", "", 2020, False)
    second = papers[1]
    assert second.abstract.startswith("Recently, learning based video compression methods")
    assert second.abstract.endswith("decreasing the decoding speed.")
    assert second.comments == "First two authors contributed equally"
    assert second.venue_short == ""
    blurry = papers[2]
    assert blurry.comments == "This work is accepted in CVPR 2020"
    assert (blurry.venue_short, blurry.year) == ("CVPR 2020", 2020)
    assert blurry.abstract.startswith("Existing works reduce motion blur")
    geodesic = papers[3]
    assert geodesic.comments == "submitted to ICML 2020"
    assert geodesic.venue_short == "" and geodesic.venue == ""
    dain = papers[4]
    assert (dain.venue_short, dain.year, dain.has_code) == ("CVPR 2019", 2019, True)
    assert dain.links == [
        Link("arXiv", "https://arxiv.org/abs/1904.00830"),
        Link("Code", "https://github.com/baowenbo/DAIN"),
    ]
    assert dain.abstract.endswith("on a wide variety of datasets.")
    last = papers[-1]
    assert (last.comments, last.year) == ("", 2018)
    assert last.abstract.startswith("Motion estimation (ME) and motion compensation (MC)")
    assert last.abstract.endswith("on a wide range of datasets.")


ABSTRACT = (
    "We study a problem of some importance. Our method is simple, and it works well on many "
    "benchmarks without any extra data. Experiments show clear gains over strong baselines."
)


def test_comment_lines_are_told_apart_by_structure() -> None:
    """Wrapped abstracts stay whole; trailing short lines before the id are comments."""
    wrapped = "\n".join(
        [
            "We study a problem of some importance. Our method is simple, and it works",
            "well on many benchmarks without any extra data. Experiments show clear",
            "gains over strong baselines.",
            "12 pages, 4 figures",
            "Project page at https://example.org/p and code at gitlab.com/me/proj.",
        ]
    )
    text = (
        f"{ABSTRACT}\nFinal version for the Journal of Things\narXiv:hep-th/9901001v2"
        f"{wrapped}\narXiv:1501.00001\n\n{ABSTRACT}\n\nA second paragraph that is plain."
        "\narXiv:0704.0001"
    )
    a, b, c = parse(text).papers
    assert (a.arxiv_id, a.comments, a.year) == (
        "hep-th/9901001", "Final version for the Journal of Things", 1999
    )
    assert a.extra["arxiv_version"] == "v2"
    assert a.links[0] == Link("arXiv", "https://arxiv.org/abs/hep-th/9901001v2")
    assert b.abstract == ABSTRACT
    assert b.comments == (
        "12 pages, 4 figures; Project page at https://example.org/p and code at gitlab.com/me/proj."
    )
    assert b.links[1:] == [
        Link("Code", "https://gitlab.com/me/proj"),
        Link("Project", "https://example.org/p"),
    ]
    assert c.arxiv_id == "0704.0001"
    assert c.abstract.startswith(ABSTRACT)


def test_glued_digits_follow_the_id_length_rule() -> None:
    """A 5-digit id (from 2015) leaves following digits to the abstract."""
    (paper,) = parse(f"{ABSTRACT}\narXiv:2101.12345\n").papers
    assert paper.arxiv_id == "2101.12345"
    glued = f"{ABSTRACT}\narXiv:2101.1234512 images are all we need. {ABSTRACT}\narXiv:2102.00001"
    _, b = parse(glued).papers
    assert b.abstract.startswith("12 images are all we need.")


def test_text_after_last_id_is_warned() -> None:
    """Trailing text without an id is skipped with a warning at its line."""
    result = parse(f"{ABSTRACT}\narXiv:2101.12345Dangling text\n")
    assert len(result.papers) == 1
    assert result.warnings and result.warnings[0].line == 2


def test_detect_scores() -> None:
    """High for the listing seed, low for the other seeds and the site pages."""
    assert IMPORTER.detect(seed("001").read_text(encoding="utf-8")) >= 0.8
    for other in ("000", "002"):
        assert IMPORTER.detect(seed(other).read_text(encoding="utf-8")) < 0.2
    for page in SITE_PAGES.rglob("*.md"):
        assert IMPORTER.detect(page.read_text(encoding="utf-8")) < 0.2
    assert IMPORTER.detect("@article{x, eprint={2101.12345}}\n") < 0.2


def test_no_ids_is_an_importer_error() -> None:
    """Text without any arXiv id cannot be a listing."""
    with pytest.raises(ImporterError):
        parse(ABSTRACT)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_importer_error(text: str) -> None:
    """Whatever the input, the only exception is ImporterError."""
    with contextlib.suppress(ImporterError):
        parse(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_listing_raises_only_importer_error(data: st.DataObject) -> None:
    """Corrupting the real listing at random places never crashes."""
    text = seed("001").read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(0, 8))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        text = text[:i] + data.draw(st.text(max_size=20)) + text[j:]
    with contextlib.suppress(ImporterError):
        parse(text)


@settings(max_examples=40, deadline=None)
@given(
    crlf=st.booleans(),
    bom=st.booleans(),
    trailing=st.sampled_from(["", " ", "\t", " \u00a0"]),
)
def test_whitespace_variation_loses_no_entry(crlf: bool, bom: bool, trailing: str) -> None:
    """CRLF, a BOM and trailing spaces change nothing that matters."""
    base = seed("001").read_text(encoding="utf-8")
    expected = [(p.arxiv_id, p.abstract, p.comments) for p in parse(base).papers]
    text = "\n".join(line + trailing for line in base.split("\n"))
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    got = [(p.arxiv_id, p.abstract, p.comments) for p in parse(text).papers]
    assert got == expected


def test_twenty_megabytes_parse_whole() -> None:
    """A 20 MB listing parses whole (its speed is timed in benchmarks/bench_hostile_parsers.py)."""
    base = seed("001").read_text(encoding="utf-8").rstrip("\n") + "\n"
    copies = 20_000_000 // len(base) + 1
    result = parse(base * copies)
    assert len(result.papers) == 7 * copies
