"""arXiv Atom importer: fields, ids, error entries, malformed and hostile XML."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers import registry
from importers.atom import IMPORTER, normalize_arxiv_id, parse_feed
from importers.base import ImporterError
from tests.conftest import SITE_PAGES, seed

DATA = Path(__file__).resolve().parents[1] / "data" / "arxiv"
TODAY = date(2024, 6, 1)


def load(name: str) -> str:
    """A saved response."""
    return (DATA / name).read_text(encoding="utf-8")


def test_id_lookup_fields() -> None:
    """Title, authors, abstract, id without version, date, comment venue, links, category."""
    result = IMPORTER.parse(load("id_2002.12259.xml"), source="arxiv:ids", today=TODAY)
    [paper] = result.papers
    assert paper.title == "Blurry Video Frame Interpolation"
    assert paper.authors == ["Wang Shen", "Wenbo Bao", "Guangtao Zhai", "Li Chen",
                             "Xiongkuo Min", "Zhiyong Gao"]
    assert paper.arxiv_id == "2002.12259"
    assert paper.date == "2020-02-27" and paper.year == 2020
    assert paper.abstract.startswith("Existing works reduce motion blur and up-convert")
    assert "\n" not in paper.abstract
    assert paper.comments == "This work is accepted in CVPR 2020"
    assert paper.venue_short == "CVPR 2020"
    assert paper.category == "cs.CV"
    assert [(link.label, link.url) for link in paper.links] == [
        ("arXiv", "https://arxiv.org/abs/2002.12259"), ("PDF", "https://arxiv.org/pdf/2002.12259"),
    ]
    assert paper.provenance[0].importer == "atom"
    assert result.collections[0].id == "arxiv:ids" and result.collections[0].kind == "arxiv"
    assert paper.sections[0].section == "arxiv:ids/all"


def test_title_whitespace_code_link_journal_ref_and_doi() -> None:
    """Wrapped titles are joined; code URLs in comments; journal_ref venue; doi."""
    papers = {p.arxiv_id: p for p in parse_feed(load("author_page0.xml"), source="a").result.papers}
    dain = papers["1904.00830"]
    assert dain.title == "Depth-Aware Video Frame Interpolation"
    assert dain.has_code and ("Code", "https://github.com/baowenbo/DAIN") in [
        (link.label, link.url) for link in dain.links
    ]
    page1 = {p.arxiv_id: p for p in parse_feed(load("author_page1.xml"), source="a").result.papers}
    memc = page1["1810.08768"]
    assert memc.venue.startswith("IEEE Transactions on Pattern Analysis")
    assert memc.venue_short == "TPAMI 2019" and memc.year == 2019
    assert memc.doi == "10.1109/TPAMI.2019.2941941"
    assert page1["1812.00101"].category == "eess.IV"


def test_paging_figures() -> None:
    """totalResults, startIndex and itemsPerPage are read."""
    feed = parse_feed(load("author_page1.xml"), source="arxiv:author:Zhiyong Gao")
    assert (feed.total, feed.start, feed.per_page, feed.entries) == (5, 2, 2, 2)
    assert feed.result.collections[0].id == "arxiv:author-zhiyong-gao"


def test_empty_feed_gives_no_papers() -> None:
    """No entries, no error."""
    feed = parse_feed(load("empty.xml"), source="x")
    assert feed.result.papers == [] and feed.total == 0


def test_error_entry_raises_with_message() -> None:
    """arXiv's error entry becomes an ImporterError carrying its message."""
    with pytest.raises(ImporterError, match="incorrect id format for 1234.1234x"):
        IMPORTER.parse(load("error_400.xml"), source="q", today=TODAY)


def test_malformed_xml_raises_with_line() -> None:
    """A truncated response is an ImporterError with the line."""
    with pytest.raises(ImporterError) as info:
        IMPORTER.parse(load("malformed.xml"), source="bad.xml", today=TODAY)
    assert info.value.line is not None and "malformed" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol2;</title></feed>',
        '<!DOCTYPE feed SYSTEM "http://example.com/x.dtd"><feed/>',
        '<feed xmlns="http://www.w3.org/2005/Atom"><!ENTITY x "y"></feed>',
    ],
)
def test_dtds_and_entities_are_refused(text: str) -> None:
    """No DOCTYPE or ENTITY is ever parsed (XML bombs, external entities)."""
    with pytest.raises(ImporterError, match="DOCTYPE"):
        IMPORTER.parse(text, source="bomb.xml", today=TODAY)


def test_not_a_feed() -> None:
    """Other XML is rejected."""
    with pytest.raises(ImporterError, match="not an Atom feed"):
        IMPORTER.parse("<html><body/></html>", source="x.xml", today=TODAY)


def test_escape_sequences_are_stripped() -> None:
    """8-bit CSI/OSC sequences (legal in XML 1.0) in titles never survive."""
    text = load("id_2002.12259.xml").replace(
        "Blurry Video Frame Interpolation", "Blurry &#x9b;2JVideo &#x9d;0;x&#x9c;Frame"
    )
    [paper] = IMPORTER.parse(text, source="x", today=TODAY).papers
    assert paper.title == "Blurry Video Frame"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://arxiv.org/abs/2002.12259v1", "2002.12259"),
        ("https://arxiv.org/abs/2002.12259", "2002.12259"),
        ("http://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"),
        ("arXiv:1904.00830v3", "1904.00830"),
        ("2002.12259", "2002.12259"),
        ("not an id", ""),
    ],
)
def test_normalize_arxiv_id(raw: str, expected: str) -> None:
    """Version and URL prefix stripped; old-style ids kept."""
    assert normalize_arxiv_id(raw) == expected


def test_detect() -> None:
    """High for arXiv Atom; low for the seeds, site pages and BibTeX."""
    assert IMPORTER.detect(load("id_2002.12259.xml"), "r.xml") >= 0.9
    assert registry.detect(load("author_page0.xml"), "r.xml").name == "atom"
    for prefix in ("000", "001", "002"):
        assert IMPORTER.detect(seed(prefix).read_text(encoding="utf-8"), seed(prefix).name) < 0.3
    for page in sorted(SITE_PAGES.rglob("*.md")):
        assert IMPORTER.detect(page.read_text(encoding="utf-8"), page.name) < 0.3
    assert IMPORTER.detect("@article{a, title={x}}", "a.bib") < 0.3


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_importer_error(text: str) -> None:
    """Any input parses or raises ImporterError."""
    with contextlib.suppress(ImporterError):
        IMPORTER.parse(text, source="h.xml", today=TODAY)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 3000), st.text(max_size=20))
def test_mutated_feeds_raise_only_importer_error(cut: int, junk: str) -> None:
    """Real feeds cut and spliced with junk parse or raise ImporterError."""
    text = load("author_page0.xml")
    with contextlib.suppress(ImporterError):
        IMPORTER.parse(text[:cut] + junk + text[cut:], source="m.xml", today=TODAY)
