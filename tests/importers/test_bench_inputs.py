"""The benchmark's realistic .bib inputs are realistic: distinct cite keys, no broken copies."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.hostile_inputs import REALISTIC, SITES
from importers.base import MAX_ENTRIES
from importers.registry import get

TODAY = date(2025, 1, 1)


@pytest.mark.parametrize(("case", "importer"), [("al-folio", "al-folio"),
                                                ("bibtex-sample", "bibtex")])
def test_repeated_bib_fixtures_import_without_warnings(case: str, importer: str) -> None:
    """A few hundred copies of a fixture's entries: every entry a paper, not one warning (the
    19,995 warnings of the 20 MB al-folio run came from the input: the fixture repeated as
    it is, so every cite key a duplicate and every copy an unclosed entry)."""
    source, make = REALISTIC[case]
    text = make(200_000)
    result = get(importer).parse(text, source=source, today=TODAY)
    entries = text.count("\n@") - text.lower().count("\n@string")
    assert result.warnings == []
    assert len(result.papers) == entries > 300


def test_the_fixture_itself_still_warns_of_its_duplicate_and_broken_entry() -> None:
    """The importer is unchanged: the fixture's own reused cite key and unclosed entry are
    still reported, once each."""
    source, _ = REALISTIC["al-folio"]
    text = (SITES / "alfolio-lab/_bibliography/papers.bib").read_text("utf-8")
    result = get("al-folio").parse(text, source=source, today=TODAY)
    messages = [w.message for w in result.warnings]
    assert len(messages) == 2
    assert "used twice" in messages[0] and "broken" in messages[1]


@pytest.mark.slow
def test_the_entry_cap_is_the_one_warning_at_the_size_limit() -> None:
    """At 20 MB the al-folio input is cut at the entry cap (its @string block counts as one),
    which is its only warning."""
    source, make = REALISTIC["al-folio"]
    result = get("al-folio").parse(make(20 * 2**20), source=source, today=TODAY)
    assert [str(MAX_ENTRIES) in w.message for w in result.warnings] == [True]
    assert len(result.papers) == MAX_ENTRIES - 1
