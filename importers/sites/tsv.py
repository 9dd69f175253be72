"""academicpages `markdown_generator/*.tsv`: one publication per row (pub_date, title, venue…)."""

from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Iterator
from datetime import date

from importers.base import ImporterError, ImportResult, ImportWarning
from importers.sites.academicpages import group_of
from importers.sites.citation import authors_from_citation, venue_from_citation
from importers.sites.fields import add_link, block_of, names_of, set_venue, text_of, year_and_date
from importers.sites.groups import Grouped, build, collection_for, finish
from store.models import Paper

_TITLE_KEYS = ("title", "paper_title", "name")
_HINT_KEYS = frozenset({"pub_date", "venue", "citation", "url_slug", "paper_url", "excerpt",
                        "authors", "year", "date"})
MAX_ROWS = 10_000  # publications read from one table
csv.field_size_limit(2**24)
_BLANK_RUN = re.compile(r"^\s*\n|^[^\S\n]+\Z", re.M)  # whitespace-only lines


class _Lines:
    """The lines of text with runs of whitespace-only lines dropped (not inside a quoted
    field, judged by an even count of quotes before the run), found in C, not line by line;
    `line_of` maps a count of lines handed out back to the line number in the text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._marks: list[tuple[int, int]] = [(0, 1)]  # (lines handed out, text line) at a chunk

    def __iter__(self) -> Iterator[str]:
        """Every kept line, in order."""
        text, start, counted, quotes, given, line = self._text, 0, 0, 0, 0, 1
        for run in _BLANK_RUN.finditer(text):
            quotes += text.count('"', counted, run.end())
            counted = run.end()
            if quotes % 2 == 0:
                chunk = io.StringIO(text[start:run.start()])
                for piece in chunk:
                    given += 1
                    yield piece
                line += text.count("\n", start, run.end())
                start = run.end()
                self._marks.append((given, line))
        yield from io.StringIO(text[start:])

    def line_of(self, given: int) -> int:
        """The text's line number of the given-th line handed out (1-based)."""
        index = bisect.bisect_right(self._marks, (given - 1, 1 << 62)) - 1
        handed, line = self._marks[index]
        return line + given - 1 - handed


def _rows(text: str, source: str,
          warnings: list[ImportWarning]) -> Iterator[tuple[int, int, dict[str | None, str | None]]]:
    """(row number, line, row) of the table's rows with content, stopping at MAX_ROWS."""
    lines = _Lines(text.lstrip("\ufeff"))
    reader = csv.DictReader(lines, delimiter="\t")
    for number, row in enumerate(reader, 1):
        line = lines.line_of(reader.line_num - _span(row) + 1)
        if number > MAX_ROWS:
            warnings.append(ImportWarning(source, line, f"more than {MAX_ROWS:,} rows; "
                                          "the rest skipped"))
            return
        yield number, line, row


def _span(row: dict[str | None, str | None]) -> int:
    """How many text lines a row took (quoted fields may hold line breaks)."""
    return 1 + sum(v.count("\n") for v in row.values() if isinstance(v, str))


def _header(text: str) -> list[str]:
    """The lower-cased column names of the first line."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return [h.strip().lower() for h in first.split("\t")]


class TsvImporter:
    """The publication table academicpages' markdown generator reads (`publications.tsv`)."""

    name = "academicpages-tsv"
    description = "academicpages markdown_generator/*.tsv (pub_date, title, venue, citation…)"

    def explain(self, text: str, filename: str = "") -> tuple[float, str]:
        """Confidence and why: a tab-separated header with a title and publication columns."""
        header = set(_header(text[:4000]))
        if len(header) < 2 or not header & set(_TITLE_KEYS):
            return 0.0, "no tab-separated header with a title column"
        hints = header & _HINT_KEYS
        if len(hints) >= 2:
            return 0.9, f"TSV with columns {', '.join(sorted(hints))}"
        return 0.0, "TSV without publication columns"

    def detect(self, text: str, filename: str = "") -> float:
        """Confidence that text is a publications TSV."""
        return self.explain(text, filename)[0]

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """One paper per row; rows without a title are reported and skipped."""
        del today
        grouped = Grouped()
        warnings: list[ImportWarning] = []
        try:
            rows = _rows(text, source, warnings)
            for number, line, row in rows:
                self._row(row, number, line, source, grouped, warnings)
        except (csv.Error, ValueError) as exc:
            raise ImporterError(f"unreadable TSV: {exc}", source=source, line=1) from None
        if not grouped.items and not warnings:
            raise ImporterError("TSV has no publication rows", source=source, line=1)
        cid, title = collection_for(source)
        result = build(grouped, cid=cid, title=title, source=source)
        result.warnings = warnings
        return result

    def _row(self, row: dict[str | None, str | None], number: int, line: int, source: str,
             grouped: Grouped, warnings: list[ImportWarning]) -> None:
        """Read one row into grouped (a row without a title is reported and skipped)."""
        data = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        title = text_of(next((data[k] for k in _TITLE_KEYS if data.get(k)), ""))
        if not title:
            warnings.append(ImportWarning(source, line, "row without a title skipped"))
            return
        paper = Paper(title=title)
        paper.year, paper.date = year_and_date(data.get("pub_date") or data.get("date")
                                               or data.get("year"))
        citation = data.get("citation") or ""
        if data.get("authors"):
            paper.authors, paper.authors_truncated = names_of(data["authors"])
        elif citation:
            paper.authors, paper.authors_truncated = authors_from_citation(citation, title)
        set_venue(paper, text_of(data.get("venue")) or venue_from_citation(citation, title))
        paper.abstract = block_of(data.get("abstract") or data.get("excerpt") or "")
        for key, label in (("paper_url", "Paper"), ("slides_url", "Slides"),
                           ("code_url", "Code"), ("url", "Link")):
            if data.get(key):
                add_link(paper, label, data[key])
        if citation:
            paper.extra["citation"] = text_of(citation)
        finish(paper, source=source, importer=self.name, locator=f"row {number}",
               line=line)
        grouped.add(paper, group_of(data))


IMPORTER = TsvImporter()
