"""CSL-JSON at the limits (issue #12 item 11): absurd nesting is one clear error, and items
past the entry limit are skipped and said so."""

from __future__ import annotations

import json
from datetime import date

import pytest

from importers import csljson
from importers.base import ImporterError
from importers.csljson import IMPORTER

TODAY = date(2025, 1, 1)


def test_deep_nesting_is_an_importer_error() -> None:
    """A 20 MB-style array nested 200,000 deep is refused with one line, not RecursionError."""
    text = "[" * 200_000 + "]" * 200_000
    with pytest.raises(ImporterError, match="nested too deeply"):
        IMPORTER.parse(text, source="x.json", today=TODAY)


def test_items_past_the_limit_are_skipped_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a limit of 5, 9 items give 5 papers and one warning."""
    monkeypatch.setattr(csljson, "MAX_ENTRIES", 5)
    text = json.dumps([{"type": "article", "title": f"Paper {i}"} for i in range(9)])
    result = IMPORTER.parse(text, source="x.json", today=TODAY)
    assert [p.title for p in result.papers] == [f"Paper {i}" for i in range(5)]
    assert [w.message for w in result.warnings] == [
        "more than 5 entries: stopped here and skipped the rest (split the file to import it "
        "all)"]
