"""Profile pages at scale (issue #12 item 11): only lines that may be meta lines are looked at
in Python, the scan stops at the entry limit, and the entries found are the page's own."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers import profile
from importers.profile import IMPORTER

TODAY = date(2025, 1, 1)
HEADER = "Ann Lee\n\nCV\nh-index12\n3papers\n\n"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _entry(i: int) -> str:
    """One dated entry with a title, authors and an abstract."""
    return f"CVJun {i % 28 + 1}, 2022\nTitle number {i}\n\nAnn Lee, Bo Chen\n\nAn abstract.\n\n"


@pytest.fixture
def meta_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line handed to the (Python) meta-line parser."""
    calls: list[str] = []
    real = profile._meta_of

    def counting(raw: str) -> profile.Meta | None:
        """Record the line, then parse it."""
        calls.append(raw)
        return real(raw)

    monkeypatch.setattr(profile, "_meta_of", counting)
    return calls


def test_digit_and_month_lines_cost_no_python_work(meta_calls: list[str]) -> None:
    """20,000 prose lines with digits and month names: only the 3 meta lines reach Python
    (before, every line holding a digit was parsed in Python: quadratic-looking slowness)."""
    noise = "In May 2021 we ran 3 tests on 12 GPUs, see Table 4.\n1\nJun\n" * 20_000
    text = HEADER + _entry(1) + noise + _entry(2) + _entry(3)
    result = IMPORTER.parse(text, source="p.txt", today=TODAY)
    assert [p.title for p in result.papers] == [f"Title number {i}" for i in (1, 2, 3)]
    assert len(meta_calls) == 3


def test_scan_stops_at_the_entry_limit(meta_calls: list[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """With a limit of 40, a page of 5,000 entries is read up to the 41st meta line only, and
    the warning says how many lines were left unread."""
    monkeypatch.setattr(profile, "MAX_ENTRIES", 40)
    text = HEADER + "".join(_entry(i) for i in range(5000))
    result = IMPORTER.parse(text, source="p.txt", today=TODAY)
    assert len(result.papers) == 40
    assert len(meta_calls) == 41
    (cut,) = [w for w in result.warnings if "more than 40 entries" in w.message]
    assert cut.line == 7 + 40 * 7
    unread = text.count("\n", text.index(_entry(40)))
    assert f"({unread:,} lines not read;" in cut.message


def test_dense_flood_of_near_meta_lines_is_refused_with_one_line() -> None:
    """Lines that look like dates but are not meta lines make no entries."""
    text = "%Jan 1\n" * 50_000 + "Jan\n" * 50_000 + "Jan 1 x\n" * 50_000
    with pytest.raises(profile.ImporterError, match="no dated profile entries"):
        IMPORTER.parse(text, source="p.txt", today=TODAY)


_word = st.sampled_from(["deep", "video", "May", "Jun", "2021", "12", "model", "Dec.", "3D",
                         "-04-", "net", "2020-01-02"])
_meta = st.tuples(st.sampled_from(["CV", "cs.CV", "eess.IV", ""]), st.sampled_from(MONTHS),
                  st.integers(1, 28), st.integers(1995, 2025),
                  st.sampled_from(["{cat}{mon} {day}, {year}", "{cat} · {mon} {day} {year}",
                                   "{cat} {day} {mon} {year}", "{cat} {year}-{m:02d}-{day:02d}",
                                   "{cat}{mon} {day}, {year}Code"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_meta, st.lists(_word, min_size=1, max_size=8),
                          st.lists(_word, max_size=30)), min_size=1, max_size=12),
       st.sampled_from(["\n", "\r\n"]))
def test_generated_pages_give_their_entries_in_order(
        entries: list[tuple[tuple[str, str, int, int, str], list[str], list[str]]],
        newline: str) -> None:
    """Pages built from dated entries (titles and abstracts full of digits, month names and
    dates) give exactly those entries, with their dates, in order."""
    lines = ["Ann Lee", "", "CV", ""]
    expected = []
    for (cat, mon, day, year, shape), title_words, abstract in entries:
        month = MONTHS.index(mon) + 1
        meta = shape.format(cat=cat, mon=mon, day=day, year=year, m=month).strip()
        title = "Paper " + " ".join(title_words) + " study"  # a title never ends in a date
        lines += [meta, title, "", "Ann Lee, Bo Chen", "", " ".join(abstract) + " text.", ""]
        expected.append((title, f"{year:04d}-{month:02d}-{day:02d}"))
    result = IMPORTER.parse(newline.join(lines), source="p.txt", today=TODAY)
    assert [(p.title, p.date) for p in result.papers] == expected
