"""RIS at scale (issue #12 item 11): records, lines per record and stray-line warnings are
bounded, and the one-scan reader reads records exactly as a line-by-line reader does."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers import ris
from importers.ris import IMPORTER, records

TODAY = date(2025, 1, 1)
_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def reference(text: str) -> list[tuple[int, list[tuple[str, str]]]]:
    """The records as the line-by-line reader (before the one-scan reader) found them."""
    out: list[tuple[int, list[tuple[str, str]]]] = []
    current: list[tuple[str, str]] | None = None
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        m = _LINE.match(line)
        if m is None:
            if current and line.strip():
                tag, value = current[-1]
                current[-1] = (tag, f"{value} {line.strip()}")
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if current:
                out.append((start, current))
            current, start = [(tag, value)], number
        elif tag == "ER":
            if current:
                out.append((start, current))
            current = None
        elif current is not None:
            current.append((tag, value))
    if current:
        out.append((start, current))
    return out


_piece = st.sampled_from([
    "TY  - JOUR", "TY  - CONF", "TI  - A Title of a Paper", "TI  -   spaced out  ",
    "AU  - Doe, Jane", "AU  - Lab Consortium", "PY  - 2021/06/02/", "T2  - Journal of Things",
    "  wrapped onto this line", "ER  - ", "ER  -", "", "stray text", "AB  - An abstract.",
    "KW  - kw", "DO  - 10.1000/x", "UR  - https://arxiv.org/abs/2101.00001", "ER  -\u00a0",
    "T2  -\u00a0not a tag", "N1  - note\u2028next",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_piece, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_records_match_the_line_by_line_reader(pieces: list[str], newline: str) -> None:
    """Whatever the mix of tags, wrapped lines, strays and line endings, the records (first
    line and tag values) are the ones the line-by-line reader found."""
    text = newline.join(pieces)
    assert records(text, "x.ris")[0] == reference(text)


def test_records_stop_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """12 records with a limit of 5: 5 papers and one warning at the 6th record's line."""
    monkeypatch.setattr(ris, "MAX_ENTRIES", 5)
    text = "".join(f"TY  - JOUR\nTI  - Paper {i}\nER  - \n" for i in range(12))
    result = IMPORTER.parse(text, source="x.ris", today=TODAY)
    assert [p.title for p in result.papers] == [f"Paper {i}" for i in range(5)]
    assert [str(w) for w in result.warnings] == [
        "x.ris:16: more than 5 entries: stopped here and skipped the rest (21 lines not read; "
        "split the file to import it all)"]


def test_lines_of_one_record_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A record with more lines than MAX_TAGS keeps the first ones and says so once."""
    monkeypatch.setattr(ris, "MAX_TAGS", 10)
    text = "TY  - JOUR\nTI  - T\n" + "AU  - Doe, J.\n" * 50 + "ER  - \n"
    result = IMPORTER.parse(text, source="x.ris", today=TODAY)
    assert len(result.papers[0].authors) == 8  # TY, TI and 8 AU lines
    assert [str(w) for w in result.warnings] == [
        "x.ris:11: record has more than 10 lines; the rest skipped"]


def test_a_run_of_stray_lines_is_one_warning() -> None:
    """100,000 lines outside any record give one warning with their count, not 100,000."""
    text = "junk\n" * 100_000 + "TY  - JOUR\nTI  - T\nER  - \n"
    result = IMPORTER.parse(text, source="x.ris", today=TODAY)
    assert [str(w) for w in result.warnings] == ["x.ris:1: 100,000 lines outside a record skipped"]


def test_a_long_wrapped_value_is_joined_in_order() -> None:
    """A value wrapped over 200,000 lines is read whole, in order (joined once)."""
    words = [f"w{i}" for i in range(200_000)]
    text = "TY  - JOUR\nTI  - T\nAB  - start\n" + "\n".join(words) + "\nER  - \n"
    (paper,) = IMPORTER.parse(text, source="x.ris", today=TODAY).papers
    assert paper.abstract == "start " + " ".join(words)
