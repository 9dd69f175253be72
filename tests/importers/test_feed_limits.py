"""Atom, OAI-PMH and snapshot inputs at the limits (issue #12 item 11): entries past the
limit are not built (each one cost Python work: 1.4 M empty entries ran past 40 s) and the cut
is said."""

from __future__ import annotations

from datetime import date

import pytest

from importers import arxiv_snapshot, atom, oai_arxiv
from importers.registry import get

TODAY = date(2025, 1, 1)
LIMIT = 5


@pytest.fixture(autouse=True)
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small entry limit, so the cut is tested on small inputs."""
    for module in (atom, oai_arxiv, arxiv_snapshot):
        monkeypatch.setattr(module, "MAX_ENTRIES", LIMIT)


def _cut(result: object) -> list[str]:
    """The warnings saying the input was cut."""
    return [w.message for w in result.warnings if f"more than {LIMIT} entries" in w.message]


def test_atom_entries_past_the_limit_are_not_read() -> None:
    """9 entries, limit 5: 5 papers, one warning, and the feed still counts all 9."""
    entry = "<entry><id>http://arxiv.org/abs/2101.0000{i}v1</id><title>T{i}</title></entry>"
    text = ('<feed xmlns="http://www.w3.org/2005/Atom">'
            + "".join(entry.format(i=i) for i in range(1, 10)) + "</feed>")
    feed = atom.parse_feed(text, source="a.xml")
    assert [p.title for p in feed.result.papers] == [f"T{i}" for i in range(1, 6)]
    assert feed.entries == 9
    assert len(_cut(feed.result)) == 1


def test_oai_records_past_the_limit_are_not_read() -> None:
    """9 empty records, limit 5: 5 skipped-record warnings and the cut; all 9 counted."""
    text = ('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
            + "<record></record>" * 9 + "</ListRecords></OAI-PMH>")
    page = oai_arxiv.parse_page(text, source="o.xml")
    assert page.records == 9
    assert len(_cut(page.result)) == 1
    assert len(page.result.warnings) == LIMIT + 1


def test_snapshot_lines_past_the_limit_are_not_read() -> None:
    """9 records (with blank lines between), limit 5: 5 papers, the cut at the 6th record."""
    line = ('{{"id": "2101.0000{i}", "title": "T{i}", "abstract": "A.", '
            '"categories": "cs.CV", "authors": "A B"}}')
    text = "\n\n".join(line.format(i=i) for i in range(1, 10)) + "\n"
    result = get("arxiv-snapshot").parse(text, source="s.json", today=TODAY)
    assert len(result.papers) == LIMIT
    (cut,) = [w for w in result.warnings if f"more than {LIMIT} entries" in w.message]
    assert cut.line == 11
    assert "(7 lines not read;" in cut.message
