"""Inputs at the limits (issue #12 item 11): entries per input are capped and the cut is said;
a BibTeX block too large to be real is skipped with its line; absurd LaTeX nesting is text."""

from __future__ import annotations

from datetime import date

import pytest

from importers import arxiv_listing, bibtex, profile, registry
from importers.latex import latex_to_text

TODAY = date(2024, 1, 1)
LIMIT = 40


@pytest.fixture(autouse=True)
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small entry limit, so the cut is tested without 20000-entry inputs."""
    for module in (bibtex, arxiv_listing, profile):
        monkeypatch.setattr(module, "MAX_ENTRIES", LIMIT)


def _cut_warnings(result: object) -> list[str]:
    """The warnings saying the input was cut at the entry limit."""
    return [str(w) for w in result.warnings if f"more than {LIMIT} entries" in w.message]


def test_bibtex_entries_are_capped() -> None:
    """More entries than the limit: the first LIMIT are read, one warning names the line."""
    text = "".join(f"@misc{{k{i},\n  title = {{Paper {i}}},\n}}\n" for i in range(LIMIT + 25))
    result = registry.get("bibtex").parse(text, source="many.bib", today=TODAY)
    assert len(result.papers) == LIMIT
    assert _cut_warnings(result) == [f"many.bib:{LIMIT * 3 + 1}: more than {LIMIT} entries: "
                                     "stopped here and skipped the rest (split the file to "
                                     "import it all)"]


def test_huge_bibtex_block_is_skipped_with_its_line() -> None:
    """A 300 KB entry is skipped and named; the entries after it keep their line numbers."""
    huge = "@article{big,\n  title = {" + "{a}" * 100_000 + "},\n}\n"
    text = "@misc{a, title={First}}\n" + huge + "@misc{b, title={Last}, year={20x}}\n"
    result = registry.get("bibtex").parse(text, source="h.bib", today=TODAY)
    assert [p.title for p in result.papers] == ["First", "Last"]
    notes = [str(w) for w in result.warnings if "over 256 KB" in w.message]
    assert notes and notes[0].startswith("h.bib:2:")
    assert result.papers[1].provenance[0].line == 5


def test_listing_entries_are_capped() -> None:
    """An arXiv listing with more ids than the limit stops at the limit and says where."""
    text = "".join(f"Abstract number {i}.\narXiv:2101.{i:05d}\n" for i in range(LIMIT + 10))
    result = registry.get("arxiv-listing").parse(text, source="l.txt", today=TODAY)
    assert len(result.papers) == LIMIT
    assert len(_cut_warnings(result)) == 1


def test_profile_entries_are_capped() -> None:
    """A profile page with more dated entries than the limit keeps the first LIMIT."""
    entry = "CVJun 25, 2022\nTitle number {i}\n\nAnn Lee, Bo Chen\n\nAn abstract.\n\n"
    text = "Ann Lee\n\nCV\n\n" + "".join(entry.format(i=i) for i in range(LIMIT + 5))
    result = registry.get("profile").parse(text, source="p.txt", today=TODAY)
    assert len(result.papers) == LIMIT
    assert len(_cut_warnings(result)) == 1


def test_absurd_nesting_is_kept_as_text() -> None:
    """LaTeX groups nested far deeper than any real value decode to the text, braces gone."""
    assert latex_to_text("{" * 500 + "deep \\'e" + "}" * 500) == "deep \\'e"
    assert latex_to_text("{\\'e}t{\\'e}") == "été"
