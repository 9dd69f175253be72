"""The publications TSV read as a stream: blank lines skipped, rows stopped at the cap, and
repeated author names parsed once."""

from __future__ import annotations

import csv
import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.base import ImporterError
from importers.sites import tsv
from importers.sites.fields import person
from importers.sites.tsv import IMPORTER, MAX_ROWS, _Lines

HEAD = "pub_date\ttitle\tvenue\tcitation\tauthors\n"
TODAY = date(2025, 1, 1)


def _row(i: int, authors: str = "Reyes, Jordan and Mbeki, Tomas") -> str:
    """One publication row."""
    return f"2020-01-01\tPaper {i}\tCVPR\t\t{authors}\n"


def test_rows_after_the_cap_are_never_read() -> None:
    """A broken row after the cap does not refuse the table (the old code read every row)."""
    text = HEAD + "".join(_row(i) for i in range(MAX_ROWS + 3))
    text += "x\t" + "y" * (2**24 + 10) + "\n"  # a field over csv's size limit
    result = IMPORTER.parse(text, source="p.tsv", today=TODAY)
    assert len(result.papers) == MAX_ROWS
    assert any(f"more than {MAX_ROWS:,} rows" in w.message for w in result.warnings)


def test_whitespace_lines_are_not_rows() -> None:
    """Blank and space-only lines are skipped silently; a blank line in a quoted field stays."""
    text = (HEAD + " \n\n  \t \n" + _row(1) + " \n" * 1000
            + '2021-01-01\t"Two\n\nparas"\tNeurIPS\t\tA. B\n' + "   ")
    result = IMPORTER.parse(text, source="p.tsv", today=TODAY)
    assert sorted(p.title for p in result.papers) == ["Paper 1", "Two paras"]
    assert result.warnings == []


def test_space_lines_alone_are_refused() -> None:
    """A header followed by nothing but space lines is a table without rows."""
    try:
        IMPORTER.parse(HEAD + " \n" * 100_000, source="p.tsv", today=TODAY)
    except ImporterError as exc:
        assert "no publication rows" in exc.message
    else:
        raise AssertionError("expected a refusal")


def test_repeated_names_hit_the_cache() -> None:
    """A lab list repeats names: nameparser runs once per distinct name."""
    person.cache_clear()
    text = HEAD + "".join(_row(i) for i in range(500))
    IMPORTER.parse(text, source="p.tsv", today=TODAY)
    info = person.cache_info()
    assert info.misses <= 4
    assert info.hits >= 990


_FIELD = st.text(st.sampled_from("ab \t,."), max_size=6).map(lambda s: s.replace("\t", ""))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.lists(_FIELD, min_size=1, max_size=4).map("\t".join),
                          st.sampled_from(["", " ", "  ", "\t", " \t "])), max_size=30),
       st.booleans())
def test_lines_keep_every_row_with_content(lines: list[str], trailing: bool) -> None:
    """_Lines gives csv the same rows with content as the full text does, blank ones gone."""
    text = "\n".join(lines) + ("\n" if trailing else "")
    every = [r for r in csv.reader(io.StringIO(text), delimiter="\t")
             if any(f.strip() for f in r)]
    streamed = list(csv.reader(_Lines(text), delimiter="\t"))
    assert streamed == every


def test_rows_module_constant_is_the_cap() -> None:
    """The stream stops one row past the cap (counted by the rows the reader yielded)."""
    text = HEAD + "".join(_row(i) for i in range(MAX_ROWS + 50))
    warnings: list = []
    assert sum(1 for _ in tsv._rows(text, "p.tsv", warnings)) == MAX_ROWS
    assert len(warnings) == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.lists(_FIELD, min_size=1, max_size=4).map("\t".join),
                          st.sampled_from(["", " ", "  ", "\t", " \t "])), max_size=30),
       st.booleans())
def test_kept_lines_map_back_to_their_line_numbers(lines: list[str], trailing: bool) -> None:
    """Every line handed to csv maps back to its own line number in the text."""
    text = "\n".join(lines) + ("\n" if trailing else "")
    stream = _Lines(text)
    kept = list(stream)
    numbers = [stream.line_of(i) for i in range(1, len(kept) + 1)]
    assert [text.split("\n")[n - 1] for n in numbers] == [k.rstrip("\n") for k in kept]


def test_warnings_and_provenance_name_the_real_line() -> None:
    """Blank lines and a two-line quoted title do not shift the line numbers reported."""
    text = (HEAD + _row(1) + "\n\n   \n" + "2021-01-01\t\tCVPR\t\tA. B\n"
            + '2022-01-01\t"Two\nlines"\tCVPR\t\tA. B\n' + "\n" + "2023-01-01\t\tV\t\tA. B\n")
    result = IMPORTER.parse(text, source="p.tsv", today=TODAY)
    assert [w.line for w in result.warnings] == [6, 10]
    assert {p.title: p.provenance[0].line for p in result.papers} == {"Paper 1": 2,
                                                                      "Two lines": 7}
    assert {p.title: p.provenance[0].locator for p in result.papers} == {"Paper 1": "row 1",
                                                                         "Two lines": "row 3"}
