"""Profile-page importer: the seed's exact values, variations, warnings and robustness."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.base import ImporterError
from importers.profile import IMPORTER
from tests.conftest import SITE_PAGES, seed

TODAY = date(2025, 9, 1)


def parse(text: str, today: date = TODAY):  # type: ignore[no-untyped-def]
    """Parse with a fixed source name and date."""
    return IMPORTER.parse(text, source="000.txt", today=today)


def test_seed_counts_and_header(profile_text: str) -> None:
    """18 entries, one profile collection with every header value, one section."""
    result = parse(profile_text)
    assert len(result.papers) == 18
    assert result.warnings == []
    (coll,) = result.collections
    assert coll.id == "profile:zhiyong-gao"
    assert coll.kind == "profile"
    assert coll.title == "Zhiyong Gao"
    assert coll.meta == {
        "name": "Zhiyong Gao",
        "category": "CV",
        "h_index": "98",
        "papers": "18",
        "citations": "2234",
        "novelty": "53%",
        "ai_score": "49",
    }
    (section,) = result.sections
    assert section.id == "profile:zhiyong-gao/all"
    assert section.label == "Zhiyong Gao"
    assert all(p.sections[0].section == section.id for p in result.papers)
    assert len({p.id for p in result.papers}) == 18


def test_seed_first_entry(profile_text: str) -> None:
    """The first entry, field by field."""
    paper = parse(profile_text).papers[0]
    assert paper.title == "Enhanced Deep Animation Video Interpolation"
    assert paper.authors == ["Wang Shen", "Cheng Ming", "Wenbo Bao"]
    assert paper.authors_truncated
    assert (paper.category, paper.date, paper.year) == ("CV", "2022-06-25", 2022)
    assert not paper.has_code
    assert paper.abstract.startswith("Existing learning-based frame interpolation algorithms")
    assert paper.abstract.endswith("show high perceptual quality.")
    assert paper.provenance[0].importer == "profile"
    assert paper.provenance[0].locator == "line 12"
    assert paper.title and not paper.arxiv_id and paper.links == []


def test_seed_other_entries(profile_text: str) -> None:
    """Entries with a Code flag, a full author list, and the last entry."""
    papers = parse(profile_text).papers
    ntire = papers[1]
    assert ntire.title.startswith("NTIRE 2025 Challenge on Short-form UGC Video Quality")
    assert (ntire.category, ntire.date, ntire.has_code) == ("IV", "2025-04-17", True)
    psn = papers[12]
    assert psn.title == (
        "Perceptron Synthesis Network: Rethinking the Action Scale Variances in Videos"
    )
    assert psn.authors == ["Yuan Tian", "Guangtao Zhai", "Zhiyong Gao"]
    assert not psn.authors_truncated
    assert psn.abstract.startswith("Video action recognition has been partially addressed")
    last = papers[-1]
    assert last.title.startswith("MEMC-Net: Motion Estimation and Motion Compensation Driven")
    assert (last.date, last.year, last.category) == ("2018-10-20", 2018, "CV")
    assert last.authors[:2] == ["Wenbo Bao", "Wei-Sheng Lai"]
    assert last.abstract.endswith("on a wide range of datasets.")
    lg = [p for p in papers if p.category == "LG"]
    assert [p.date for p in lg] == ["2025-06-05", "2021-11-01"]


@pytest.mark.parametrize("today", [date(2025, 9, 1), date(2025, 3, 18), date(2026, 1, 5)])
def test_date_without_year_stays_unknown(profile_text: str, today: date) -> None:
    """"Mar 19" is never given a guessed year (the import date does not matter)."""
    (paper,) = [p for p in parse(profile_text, today).papers if p.category == "DC"]
    assert (paper.date, paper.year) == ("", None)
    assert paper.extra["month_day"] == "03-19"


def test_paper_count_warning(profile_text: str) -> None:
    """A header count that differs from the entries found gives a warning, not an error."""
    text = profile_text.replace("18papers", "20papers").replace("18 Papers", "20 Papers")
    result = parse(text)
    assert len(result.papers) == 18
    assert any("20 papers but 18" in w.message for w in result.warnings)


VARIANT = """\ufeffJane Q. Doe\r
\r
cs.CV\r
Citations: 12,345\r
h-index 41\r
3 papers\r
\r
\r
cs.CV · June 25th, 2022 · Code\r
A Title With Many Words\r
Alice Smith, Bob van der Berg and Carol Li\r
First paragraph of the abstract.   \r
Still the first paragraph.\r
\r
Second paragraph.\r
\r
eess.IV 3 Jan 2021\r
Only A Title\r
\r
\r
LG2020-02-29\r
Untruncated Single Author Paper\r
\r
Zhang Wei\r
"""


def test_structural_variants() -> None:
    """Dotted categories, spelled-out months, CRLF, BOM, missing abstract, ISO dates."""
    result = parse(VARIANT)
    meta = result.collections[0].meta
    assert meta["name"] == "Jane Q. Doe"
    assert meta["category"] == "cs.CV"
    assert (meta["citations"], meta["h_index"], meta["papers"]) == ("12345", "41", "3")
    assert result.warnings == []
    a, b, c = result.papers
    assert (a.category, a.date, a.has_code) == ("cs.CV", "2022-06-25", False)  # flag, no link
    assert a.authors == ["Alice Smith", "Bob van der Berg", "Carol Li"]
    assert a.abstract == (
        "First paragraph of the abstract. Still the first paragraph.\n\nSecond paragraph."
    )
    assert (b.category, b.date, b.title, b.abstract, b.authors) == (
        "eess.IV", "2021-01-03", "Only A Title", "", []
    )
    assert (c.category, c.date, c.authors) == ("LG", "2020-02-29", ["Zhang Wei"])


def test_control_sequences_are_stripped(profile_text: str) -> None:
    """Terminal escapes in imported text never reach the papers."""
    text = profile_text.replace("Enhanced Deep", "Enhanced \x1b[31mDeep\x07", 1)
    paper = parse(text).papers[0]
    assert paper.title == "Enhanced Deep Animation Video Interpolation"


def test_entry_without_title_is_skipped_with_warning(profile_text: str) -> None:
    """A meta line with nothing after it is skipped, citing its line."""
    text = profile_text.replace("CVJun 25, 2022", "CVJan 2, 2020\n\nCVJun 25, 2022", 1)
    result = parse(text)
    assert len(result.papers) == 18
    assert any(w.line == 12 and "no title" in w.message for w in result.warnings)


def test_detect_scores() -> None:
    """High for the profile seed, low for the other seeds and the site pages."""
    assert IMPORTER.detect(seed("000").read_text(encoding="utf-8")) >= 0.8
    for other in ("001", "002"):
        assert IMPORTER.detect(seed(other).read_text(encoding="utf-8")) < 0.2
    for page in SITE_PAGES.rglob("*.md"):
        assert IMPORTER.detect(page.read_text(encoding="utf-8")) < 0.2
    assert IMPORTER.detect("@article{x, title={A}}\n") < 0.2


def test_no_entries_is_an_importer_error() -> None:
    """Text without any dated entry cannot be a profile."""
    with pytest.raises(ImporterError):
        parse("just some words\nand more\n")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_importer_error(text: str) -> None:
    """Whatever the input, the only exception is ImporterError."""
    with contextlib.suppress(ImporterError):
        parse(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_page_raises_only_importer_error(data: st.DataObject) -> None:
    """Deleting, duplicating and corrupting lines of the real page never crashes."""
    lines = seed("000").read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(0, 8))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "junk", "cut"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "junk":
            lines[i] = data.draw(st.text(max_size=30))
        else:
            lines[i] = lines[i][: data.draw(st.integers(0, 20))]
        if not lines:
            lines = [""]
    with contextlib.suppress(ImporterError):
        parse("\n".join(lines))


@settings(max_examples=40, deadline=None)
@given(
    crlf=st.booleans(),
    bom=st.booleans(),
    trailing=st.sampled_from(["", " ", "\t", "  \u00a0"]),
    blank=st.sampled_from(["\n", "\n\n"]),
)
def test_whitespace_variation_loses_no_entry(
    crlf: bool, bom: bool, trailing: str, blank: str
) -> None:
    """CRLF, a BOM, trailing spaces and extra blank lines change nothing that matters."""
    base = seed("000").read_text(encoding="utf-8")
    expected = [(p.title, p.authors, p.date, p.abstract) for p in parse(base).papers]
    text = "\n".join(line + trailing for line in base.split("\n")).replace("\n\n", "\n" + blank)
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    got = [(p.title, p.authors, p.date, p.abstract) for p in parse(text).papers]
    assert got == expected


def test_twenty_megabytes_parse_whole() -> None:
    """A 20 MB page parses whole (its speed is timed in benchmarks/bench_hostile_parsers.py)."""
    base = seed("000").read_text(encoding="utf-8")
    text = base * (20_000_000 // len(base) + 1)
    result = parse(text)
    assert len(result.papers) == 18 * (20_000_000 // len(base) + 1)
