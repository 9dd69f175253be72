"""Size limits of the lab-page scanner: huge pages are read up to a bound, and say so."""

from __future__ import annotations

from datetime import date

from importers.jekyll import IMPORTER
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
