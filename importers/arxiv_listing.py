"""arXiv listings: abstracts, each followed by comment lines and its glued `arXiv:` id."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    too_many_entries,
)
from importers.listing_parts import (
    JOURNAL_REF,
    comment_links,
    join_comments,
    split_body,
    strip_latex,
)
from importers.prose import prose_text
from importers.textlines import source_stem
from importers.venue import venue_from_comment, venue_from_journal_ref
from store.models import Collection, Link, Paper, Provenance, Section, SectionRef, make_paper_id
from store.text import clean_block, clean_inline, slugify

NAME = "arxiv-listing"
# New-style ids: 4 digits after the dot until 1412, 5 from 1501; old style "hep-th/9901001".
_ID = (
    r"(?:(?:0[7-9]|1[0-4])\d{2}\.\d{4}|\d{4}\.\d{5}"
    r"|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})"
)
# An id starts a line (after optional spaces); the next abstract may be glued to it. A
# version ("v2") and a primary category ("[cs.CV]") may follow the id.
ID_LINE = re.compile(
    r"^[ \t\ufeff]*arxiv:[ \t]*(?P<id>" + _ID + r")(?P<ver>v\d+)?"
    r"(?:[ \t]*\[(?P<cat>[a-z][a-z\-]*(?:\.[A-Za-z\-]{2,})?)\])?",
    re.I | re.M,
)


@dataclass(slots=True)
class _Chunk:
    """The lines of one entry (abstract and comments) and the id that ends them."""

    start: int
    id_line: int
    arxiv_id: str
    lines: list[str] = field(default_factory=list)
    version: str = ""
    category: str = ""


_MARK = re.compile("[Aa][Rr][Xx][Ii][Vv]:")  # a plain scan: much faster than ID_LINE's ^ test


def _id_lines(text: str) -> Iterator[re.Match[str]]:
    """The ID_LINE matches of text, in order, visiting only lines that hold "arxiv:"."""
    pos = 0
    while (hit := _MARK.search(text, pos)) is not None:
        line_start = text.rfind("\n", 0, hit.start()) + 1
        match = ID_LINE.match(text, line_start)
        if match is not None:
            yield match
        line_end = text.find("\n", hit.end())
        if line_end < 0:
            return
        pos = line_end + 1


def _chunks(text: str) -> tuple[list[_Chunk], list[str], int, int | None]:
    """Entries in order, the text after the last id and its first line number, and the line
    where the input was cut after MAX_ENTRIES entries (None when it was not).

    The id lines are found by one regex scan of the whole text and line numbers by counting
    newlines in C, so a flood of blank lines costs no Python loop."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    chunks: list[_Chunk] = []
    start = 1
    body_from = 0  # where the current entry's text begins
    first = True
    line, counted = 1, 0
    for match in _id_lines(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if len(chunks) == MAX_ENTRIES:
            return chunks, [], start, start
        if first:
            lines = text[: match.start() - 1].split("\n") if match.start() else []
        else:
            lines = text[body_from : match.start() - 1].split("\n")
        chunks.append(_Chunk(start, line, match.group("id"), lines,
                             match.group("ver") or "", match.group("cat") or ""))
        start, body_from, first = line, match.end(), False
    tail = text[body_from:].split("\n") if not first else []  # no id: the caller refuses
    return chunks, tail, start, None


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")


def listing_title(arxiv_ids: Iterable[str]) -> str:
    """"arXiv listing, Jul 2020 – Mar 2024": the months the listed ids were issued in."""
    months = sorted({m for m in (_month_of(i) for i in arxiv_ids) if m is not None})
    if not months:
        return "arXiv listing"
    first, last = (f"{_MONTH_NAMES[m - 1]} {y}" for y, m in (months[0], months[-1]))
    return f"arXiv listing, {first}" + ("" if first == last else f" – {last}")


def _month_of(arxiv_id: str) -> tuple[int, int] | None:
    """(year, month) an arXiv id was issued in, or None."""
    year = _year_of(arxiv_id)
    match = re.match(r"(?:.*/)?\d{2}(\d{2})", arxiv_id)
    return (year, int(match.group(1))) if year and match else None


def _year_of(arxiv_id: str) -> int | None:
    """The year an arXiv id was issued: "2007.11460" -> 2020, "hep-th/9901001" -> 1999."""
    match = re.match(r"(?:.*/)?(\d{2})(\d{2})", arxiv_id)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    yy = int(match.group(1))
    return 1900 + yy if yy >= 91 else 2000 + yy


class ArxivListingImporter:
    """Parses arXiv listings such as `001_*.txt` (abstract, comments, id)."""

    name = NAME
    description = "arXiv listing: abstracts with comment lines, each ended by its arXiv id"

    def detect(self, text: str, filename: str = "") -> float:
        """High when lines start with arXiv ids that follow prose."""
        sample = text[:200000]
        ids = len(ID_LINE.findall(sample))
        if ids == 0:
            return 0.0
        score = 0.9 if ids >= 2 else 0.6
        if sample.lstrip("\ufeff \n").startswith(("---", "@")):
            score *= 0.3
        return score

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse a listing; entries that cannot be read are skipped with a warning."""
        try:
            return self._parse(text, source=source)
        except ImporterError:
            raise
        except Exception as exc:  # the contract: only ImporterError escapes
            raise ImporterError(f"cannot read arXiv listing: {exc!r}", source=source) from exc

    def _parse(self, text: str, *, source: str) -> ImportResult:
        """The parse proper."""
        chunks, tail, tail_start, cut = _chunks(text)
        if not chunks:
            raise ImporterError("no arXiv ids found", source=source)
        result = ImportResult()
        cid = f"listing:{slugify(source_stem(source))}"
        title = listing_title(c.arxiv_id for c in chunks)
        sid = f"{cid}/all"
        result.collections.append(Collection(id=cid, kind="listing", title=title, source=source))
        result.sections.append(Section(id=sid, collection=cid, label=title, heading=title))
        ref = SectionRef(collection=cid, section=sid, label=title)
        if cut is not None:
            result.warnings.append(too_many_entries(source, cut, MAX_ENTRIES))
        if any(line.strip() for line in tail):
            result.warnings.append(
                ImportWarning(source, tail_start, "text after the last arXiv id has no id; skipped")
            )
        seen: set[str] = set()
        for chunk in chunks:
            paper = self._paper(chunk, source, ref, result.warnings)
            if paper is None:
                continue
            if paper.arxiv_id in seen:
                result.warnings.append(
                    ImportWarning(source, chunk.id_line, f"arXiv:{paper.arxiv_id} listed twice")
                )
            seen.add(paper.arxiv_id)
            result.papers.append(paper)
        return result

    def _paper(
        self, chunk: _Chunk, source: str, ref: SectionRef, warnings: list[ImportWarning]
    ) -> Paper | None:
        """One entry as a Paper (untitled); None with a warning if it has no text at all."""
        abstract_lines, comment_lines = split_body(chunk.lines)
        refs = [line for line in comment_lines if JOURNAL_REF.match(line)]
        comment_lines = [line for line in comment_lines if not JOURNAL_REF.match(line)]
        if not abstract_lines and not comment_lines:
            warnings.append(
                ImportWarning(source, chunk.id_line, f"arXiv:{chunk.arxiv_id} has no abstract")
            )
        abstract = clean_block(prose_text(strip_latex("\n".join(abstract_lines))))
        comments = join_comments(comment_lines)
        arxiv_id = chunk.arxiv_id
        links = [Link("arXiv", f"https://arxiv.org/abs/{arxiv_id}{chunk.version}")]
        code, other = comment_links(comments)
        if "://" in abstract:  # "Code is available at \url{…}" in the abstract itself
            more_code, _ = comment_links(abstract)
            code += [url for url in more_code if url not in code and url not in other]
        links.extend(Link("Code", url) for url in code)
        links.extend(Link("Project", url) for url in other)
        paper = Paper(
            abstract=abstract,
            comments=comments,
            arxiv_id=arxiv_id,
            year=_year_of(arxiv_id),
            links=links,
            has_code=bool(code),
            category=chunk.category,
            sections=[SectionRef(ref.collection, ref.section, ref.label)],
            provenance=[Provenance(source, NAME, f"line {chunk.id_line}", chunk.id_line)],
        )
        venue = venue_from_comment(comments) if comments else None
        if refs:
            ref = clean_inline(JOURNAL_REF.sub("", refs[0]))
            paper.extra["journal_ref"] = ref
            venue = venue or venue_from_journal_ref(ref)
        if chunk.version:
            paper.extra["arxiv_version"] = chunk.version
        if venue is not None:
            paper.venue = venue.name
            paper.venue_short = venue.short
            paper.year = venue.year or paper.year
            paper.badges = list(venue.badges)
        paper.id = make_paper_id(paper)
        return paper


IMPORTER = ArxivListingImporter()
