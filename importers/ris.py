"""RIS (the tagged format of EndNote, Zotero and Mendeley) into papers."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    lines_from,
    too_many_entries,
)
from importers.gcpause import paused_gc
from importers.reference_common import (
    ARXIV_TEXT,
    DOI_PREFIX,
    KEY_OK,
    LITERAL_AUTHORS,
    add_url,
    file_collection,
    finish_links,
    set_venue,
)
from store.models import Paper, Provenance, SectionRef, make_paper_id
from store.text import clean_block, clean_inline

_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_DATE = re.compile(r"^(\d{4})(?:[/-](\d{1,2})?)?(?:[/-](\d{1,2})?)?")
ENTRY_TYPES = {"JOUR": "article", "JFULL": "article", "MGZN": "article", "CONF": "inproceedings",
               "CPAPER": "inproceedings", "BOOK": "book", "CHAP": "incollection",
               "THES": "phdthesis", "RPRT": "techreport"}
AUTHOR_TAGS = ("AU", "A1")
TITLE_TAGS = ("TI", "T1")
VENUE_TAGS = ("T2", "JF", "JO", "BT", "T3")
SHORT_TAGS = ("J2", "JA")


@lru_cache(maxsize=16_384)
def person(name: str) -> tuple[str, bool]:
    """A RIS author ("Family, Given[, Suffix]") as a display name; no comma = institution
    (cached: a file names the same people again and again)."""
    name = clean_inline(name)
    if "," not in name:
        return name, len(name.split()) > 1
    family, rest = (p.strip() for p in name.split(",", 1))
    given, _, suffix = rest.partition(",")
    return " ".join(p for p in (given.strip(), family, suffix.strip()) if p), False


def _date(value: str) -> tuple[int | None, str]:
    """(year, ISO date) of a PY/DA value such as 2023, 2023/06/18/ or 2023-06."""
    m = _DATE.match(value.strip())
    if not m:
        return None, ""
    parts = [int(m.group(1))] + [int(g) for g in m.groups()[1:] if g]
    return parts[0], "-".join([f"{parts[0]:04d}", *(f"{n:02d}" for n in parts[1:])])


def record_to_paper(tags: list[tuple[str, str]], source: str, ref: SectionRef,
                    line: int) -> Paper:
    """One RIS record (its tag/value pairs in order) as a paper."""
    first: dict[str, str] = {}
    for tag, value in tags:
        first.setdefault(tag, value)
    paper = Paper(title=clean_inline(next((first[t] for t in TITLE_TAGS if t in first), "")))
    literal = []
    for tag, value in tags:
        if tag in AUTHOR_TAGS:
            name, is_literal = person(value)
            if name:
                paper.authors.append(name)
                if is_literal:
                    literal.append(name)
    paper.year, iso = _date(first.get("PY", "") or first.get("Y1", ""))
    year2, iso2 = _date(first.get("DA", ""))
    paper.year = paper.year or year2
    paper.date = iso2 if len(iso2) > len(iso) and year2 == paper.year else iso
    if len(paper.date) == 4:
        paper.date = ""
    venue = next((first[t] for t in VENUE_TAGS if first.get(t)), "")
    set_venue(paper, venue, next((first[t] for t in SHORT_TAGS if first.get(t)), ""))
    paper.doi = DOI_PREFIX.sub("", clean_inline(first.get("DO", "")))
    for tag, value in tags:
        if tag in ("UR", "L1", "L2"):
            add_url(paper, value)
        elif tag in ("AN", "M3", "N1") and not paper.arxiv_id and (m := ARXIV_TEXT.search(value)):
            paper.arxiv_id = m.group(1)
    finish_links(paper)
    paper.abstract = clean_block(first.get("AB", "") or first.get("N2", ""))
    paper.comments = clean_inline(first.get("N1", ""))
    keywords = [clean_inline(v) for t, v in tags if t == "KW"]
    paper.keywords = list(dict.fromkeys(k for k in keywords if k))
    kind = first.get("TY", "GEN").strip().upper()
    paper.extra = {"ris_type": kind, "entrytype": ENTRY_TYPES.get(kind, "misc")}
    key = clean_inline(first.get("ID", ""))
    if KEY_OK.match(key):
        paper.extra["citekey"] = key
    if literal:
        paper.extra[LITERAL_AUTHORS] = "\n".join(literal)
    paper.provenance = [Provenance(source, "ris", f"record at line {line}", line)]
    paper.sections = [ref]
    paper.id = make_paper_id(paper)
    return paper


# A tag line, found by one scan of the whole text (the lines between two are continuations).
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: ([^\n]*)|[^\S\n]*)$", re.M)
# What str.splitlines() ends a line at, besides "\n" (RIS files were read that way before).
_BREAK_CHARS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAKS = re.compile(f"[{_BREAK_CHARS}]")
_RECORD_EDGE = re.compile(r"^(?:TY|ER)  -", re.M)
MAX_TAGS = 5_000  # lines of one record; no real record (even 3,000 authors) comes near


class _Reader:
    """Records as they are read: tag values are lists of pieces (joined once, at the end)."""

    def __init__(self, source: str, limit: int) -> None:
        """Nothing read yet."""
        self.source = source
        self.limit = limit
        self.out: list[tuple[int, list[tuple[str, str]]]] = []
        self.warnings: list[ImportWarning] = []
        self.current: list[tuple[str, list[str]]] | None = None
        self.start = 0
        self.cut: int | None = None

    def warn(self, line: int, message: str) -> None:
        """One warning."""
        self.warnings.append(ImportWarning(self.source, line, message))

    def close(self) -> None:
        """Keep the open record (if it has tags)."""
        if self.current:
            tags = [(tag, " ".join(parts)) for tag, parts in self.current]
            self.out.append((self.start, tags))
        self.current = None

    def between(self, chunk: str, first_line: int) -> None:
        """Lines between tag lines: continuations of the open record's last value, or strays."""
        if not chunk or chunk.isspace():
            return
        if self.current:  # wrapped lines continue the previous tag's value
            self.current[-1][1].extend(filter(None, map(str.strip, chunk.split("\n"))))
            return
        lines = chunk.split("\n")
        stray = [n for n, raw in enumerate(lines) if raw and not raw.isspace()]
        if len(stray) == 1:
            self.warn(first_line + stray[0], "line outside a record skipped")
        elif stray:  # one warning for a run of them, not one each
            self.warn(first_line + stray[0], f"{len(stray):,} lines outside a record skipped")

    def tag(self, number: int, tag: str, value: str) -> bool:
        """One tag line; False once the record limit is reached (the rest is not read)."""
        if tag == "TY":
            if self.current:
                self.warn(self.start, "record without ER closed")
                self.close()
            if len(self.out) >= self.limit:
                self.cut = number
                return False
            self.current, self.start = [(tag, [value])], number
        elif tag == "ER":
            self.close()
        elif self.current is None:
            self.warn(number, f"{tag} line outside a record skipped")
        elif len(self.current) < MAX_TAGS:
            self.current.append((tag, [value]))
        elif len(self.current) == MAX_TAGS:
            self.current.append(("", [""]))
            self.warn(number, f"record has more than {MAX_TAGS:,} lines; the rest skipped")
        return True


def records(text: str, source: str, limit: int | None = None
            ) -> tuple[list[tuple[int, list[tuple[str, str]]]], list[ImportWarning]]:
    """The records of a RIS text as (first line, tags), with warnings for stray lines; at most
    limit records (the rest is skipped with a warning).

    Tag lines are found by one regex scan and counted in C, so the Python work is one step per
    tag line, and wrapped values are joined once (never re-copied a line at a time)."""
    limit = MAX_ENTRIES if limit is None else limit
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(brk in text for brk in _BREAK_CHARS):  # substring scans: faster than a search
        text = _BREAKS.sub("\n", text)
    reader = _Reader(source, limit)
    pos, line = 0, 1  # pos: start of the first line not yet read; line: its number
    while (match := _TAG_LINE.search(text, pos)) is not None:
        if match.start() > pos:
            reader.between(text[pos : match.start() - 1], line)
            line += text.count("\n", pos, match.start())
        if not reader.tag(line, match.group(1), (match.group(2) or "").strip()):
            break
        pos = match.end() + 1
        line += 1
        if reader.current is not None and len(reader.current) > MAX_TAGS:
            edge = _RECORD_EDGE.search(text, pos)  # the rest of this record is not read
            skip_to = len(text) if edge is None else edge.start()
            line += text.count("\n", pos, skip_to)
            pos = skip_to
    else:
        if pos < len(text):
            reader.between(text[pos:], line)
        if reader.current:
            reader.warn(reader.start, "last record has no ER line")
            reader.close()
    if reader.cut is not None:
        unread = lines_from(text, pos)
        reader.warnings.append(too_many_entries(source, reader.cut, limit, unread))
    return reader.out, reader.warnings


class RisImporter:
    """Imports RIS files: TY … ER records with AU, TI, T2, PY, DO, UR, AB, KW tags."""

    name = "ris"
    description = "RIS (.ris) from EndNote, Zotero or Mendeley"

    def detect(self, text: str, filename: str = "") -> float:
        """High for .ris files and for text that starts records with `TY  - `."""
        if filename.lower().endswith(".ris"):
            return 0.95
        return 0.9 if re.search(r"^TY  - \w+", text[:5000], re.M) else 0.0

    @paused_gc
    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse every record; records without a title, DOI or arXiv id are skipped."""
        found, warnings = records(text.lstrip("\ufeff"), source)
        if not found:
            raise ImporterError("no RIS records (TY  - … ER  -) found", source=source)
        collection, section, ref = file_collection(source, "ris")
        result = ImportResult(sections=[section], collections=[collection], warnings=warnings)
        for line, tags in found:
            paper = record_to_paper(tags, source, ref, line)
            if paper.title or paper.doi or paper.arxiv_id:
                result.papers.append(paper)
            else:
                result.warnings.append(
                    ImportWarning(source, line, "record skipped: no title, DOI or arXiv id"))
        return result


IMPORTER = RisImporter()
