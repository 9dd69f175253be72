"""Size limits of the lab-page scanner: huge pages are read up to a bound, and say so."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.jekyll import IMPORTER, authors, scan
from importers.jekyll.scan import MAX_LINE, MAX_LINES

TODAY = date(2025, 6, 1)
FRONT = "---\ntitle: T\npermalink: /t/p\n---\n"
ENTRY = "**A Paper Title Number {n}** <br>\nA. B, C. D <br>\n*CVPR 2020*\n\n"


def test_lines_after_the_limit_are_skipped_with_a_warning() -> None:
    """Entries past MAX_LINES are not read; one warning names the line where reading stopped."""
    text = FRONT + ENTRY.format(n=1) + "\n" * MAX_LINES + ENTRY.format(n=2)
    result = IMPORTER.parse(text, source="big.md", today=TODAY)
    assert [p.title for p in result.papers] == ["A Paper Title Number 1"]
    (warning,) = [w for w in result.warnings if "lines; only the first" in w.message]
    assert warning.line == 5 + MAX_LINES


def test_an_overlong_line_is_cut_and_reported() -> None:
    """A line longer than MAX_LINE is read up to the limit; the page still imports."""
    text = FRONT + ENTRY.format(n=1) + "[x](/t/q)" * (MAX_LINE // 5) + "\n" + ENTRY.format(n=2)
    result = IMPORTER.parse(text, source="long.md", today=TODAY)
    assert [p.title for p in result.papers] == ["A Paper Title Number 1",
                                                "A Paper Title Number 2"]
    assert any("over 20,000 characters" in w.message for w in result.warnings)


def test_entries_past_the_limit_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a limit of 5 entries, a page of 12 gives 5 papers; the warning names the line of the
    6th entry and how many lines were left unread (before, every entry of the first 200,000
    lines was built: 20 MB of title lines gave 200,000 warnings)."""
    monkeypatch.setattr(scan, "MAX_ENTRIES", 5)
    text = FRONT + "".join(ENTRY.format(n=n) for n in range(12))
    result = IMPORTER.parse(text, source="many.md", today=TODAY)
    assert [p.title for p in result.papers] == [f"A Paper Title Number {n}" for n in range(5)]
    (cut,) = [w for w in result.warnings if "more than 5 entries" in w.message]
    assert cut.line == 5 + 5 * 4
    assert "(29 lines not read;" in cut.message


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["equal", "Equal", "contri", "bution", "first", "author", "*",
                                 "_", "**", " ", "(", ")", "†", "co-", "A.", "<b>", "&amp;",
                                 "\\*", "{: .x}", "\t", "joint", "x"]), max_size=10))
def test_note_fast_path_agrees_with_the_full_reading(parts: list[str]) -> None:
    """The cheap check that skips most lines gives is_note's full answer on any mix of words,
    emphasis, tags, entities and escapes."""
    text = "".join(parts)
    body = authors.plain_note(text)
    full = bool(body) and len(body) <= 200 and bool(authors._NOTE_WORDS.search(body)) and (
        body[0] in authors.MARKS or (body.startswith("(") and body.endswith(")")))
    assert authors.is_note(text) == full
