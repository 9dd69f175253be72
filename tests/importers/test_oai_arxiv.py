"""The OAI-PMH importer for arXiv-format records: fields, paging, errors, odd input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers import registry
from importers.arxiv_taxonomy import canonical, category_name, oai_set
from importers.base import ImporterError
from importers.oai_arxiv import parse_page
from tests.data.oai_server import ENVELOPE, MALFORMED, OaiRecord, day_one


def envelope(body: str) -> str:
    """An OAI-PMH response around body."""
    return ENVELOPE.format(now="2026-11-29T08:00:00Z", attrs='verb="ListRecords"', body=body)


def listing(records: list[OaiRecord], token: str = "") -> str:
    """A ListRecords response of records, with a resumption token."""
    resume = f'<resumptionToken cursor="0" completeListSize="9">{token}</resumptionToken>'
    return envelope("<ListRecords>" + "".join(r.xml() for r in records) + resume + "</ListRecords>")


def test_fields_of_a_record() -> None:
    """Authors from keyname/forenames, created date, categories, venue from journal-ref."""
    rec = OaiRecord("2611.00042", "2026-11-27", "A  Title\n  over lines",
                    [("Xiong", "Zhiwei"), ("Müller", "Anna")], "cs.CV eess.IV", "2026-11-20",
                    updated="2026-11-26", comments="Code: https://github.com/x/y.",
                    journal_ref="IEEE Transactions on Image Processing 35 (2026) 1-12",
                    doi="10.1109/TIP.2026.1")
    page = parse_page(listing([rec], token="abc|1"), source="arxiv-oai:cs", set_spec="cs")
    paper = page.result.papers[0]
    assert paper.title == "A Title over lines"
    assert paper.authors == ["Zhiwei Xiong", "Anna Müller"]
    assert (paper.date, paper.year, paper.category) == ("2026-11-20", 2026, "cs.CV")
    assert paper.doi == "10.1109/TIP.2026.1" and "Image Processing" in paper.venue
    assert paper.extra["arxiv_categories"] == "cs.CV eess.IV"
    assert paper.extra["arxiv_updated"] == "2026-11-26"
    assert paper.has_code and paper.links[-1].url == "https://github.com/x/y"
    assert [r.section for r in paper.sections] == ["arxiv-cat:cs/cs.cv"]  # eess not in set cs
    assert page.token == "abc|1" and page.complete_size == 9 and page.replaced == ["2611.00042"]
    assert page.last_datestamp == "2026-11-27"


def test_malformed_record_is_skipped_with_a_reason() -> None:
    """A record without a title is one warning naming it; the others are kept."""
    page = parse_page(listing([day_one()[0]]).replace("<resumptionToken", MALFORMED +
                      "<resumptionToken"), source="oai", set_spec="cs")
    assert len(page.result.papers) == 1 and page.records == 2
    assert "oai:arXiv.org:2611.00005: skipped" in str(page.result.warnings[0])


def test_no_records_match_and_errors() -> None:
    """noRecordsMatch is an empty page; other OAI errors and broken XML raise one line."""
    empty = parse_page(envelope('<error code="noRecordsMatch">none</error>'), source="oai")
    assert empty.no_records and not empty.result.papers and not empty.token
    expired = parse_page(envelope('<error code="badResumptionToken">old</error>'), source="oai")
    assert expired.expired_token
    with pytest.raises(ImporterError, match="badArgument"):
        parse_page(envelope('<error code="badArgument">bad from</error>'), source="oai")
    with pytest.raises(ImporterError, match="malformed OAI-PMH"):
        parse_page("<OAI-PMH><ListRecords>", source="oai")
    with pytest.raises(ImporterError, match="DOCTYPE"):
        parse_page('<!DOCTYPE x [<!ENTITY a "b">]><OAI-PMH/>', source="oai")


def test_deleted_records_are_noted_not_imported() -> None:
    """A deleted header carries no metadata."""
    body = ('<ListRecords><record><header status="deleted"><identifier>oai:arXiv.org:'
            "2611.00009</identifier><datestamp>2026-11-27</datestamp></header></record>"
            "</ListRecords>")
    page = parse_page(envelope(body), source="oai", set_spec="cs")
    assert page.deleted == ["2611.00009"] and not page.result.papers


def test_registry_detects_a_saved_page() -> None:
    """A saved OAI-PMH page is recognised and importable with `paperdeck import`."""
    text = listing(day_one()[:2])
    assert registry.detect(text, "page.xml").name == "oai-arxiv"
    result = registry.get("oai-arxiv").parse(text, source="page.xml", today=date(2026, 11, 29))
    assert len(result.papers) == 2 and result.collections[0].title == "Computer Science"


def test_taxonomy() -> None:
    """Canonical spellings, names and OAI sets."""
    assert canonical("CS.cv") == "cs.CV" and canonical("math") == "math"
    assert canonical("cs.XY") is None and canonical("hep-th") == "hep-th"
    assert category_name("cs.LG") == "Machine Learning"
    assert oai_set("cs.CV") == "cs" and oai_set("hep-th") == "physics:hep-th"
    assert oai_set("astro-ph.GA") == "physics:astro-ph"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_page_or_one_clear_error(text: str) -> None:
    """Whatever arrives, the parser answers with a page or an ImporterError, nothing else."""
    try:
        parse_page(text, source="oai")
    except ImporterError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
       st.lists(st.tuples(st.text(max_size=20), st.text(max_size=20)), max_size=4))
def test_any_title_and_authors_round_trip_cleanly(title: str, authors: list[tuple[str, str]]
                                                  ) -> None:
    """Escaped fields come back cleaned: no control characters, no markup surprises."""
    rec = OaiRecord("2611.00077", "2026-11-27", title, authors, "cs.CV", "2026-11-20")
    try:
        page = parse_page(listing([rec]), source="oai", set_spec="cs")
    except ImporterError:
        return  # characters XML 1.0 cannot carry
    for paper in page.result.papers:
        assert not any(ord(c) < 32 for c in paper.title + "".join(paper.authors))
