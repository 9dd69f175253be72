"""RIS (the tagged format of EndNote, Zotero and Mendeley) into papers."""

from __future__ import annotations

import re
from datetime import date

from importers.base import ImporterError, ImportResult, ImportWarning
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


def person(name: str) -> tuple[str, bool]:
    """A RIS author ("Family, Given[, Suffix]") as a display name; no comma = institution."""
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


def records(text: str, source: str) -> tuple[list[tuple[int, list[tuple[str, str]]]],
                                              list[ImportWarning]]:
    """The records of a RIS text as (first line, tags), with warnings for stray lines."""
    out: list[tuple[int, list[tuple[str, str]]]] = []
    warnings: list[ImportWarning] = []
    current: list[tuple[str, str]] | None = None
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        m = _LINE.match(line)
        if m is None:
            if current is not None and current and line.strip():
                tag, value = current[-1]  # a wrapped value continues the previous tag
                current[-1] = (tag, f"{value} {line.strip()}")
            elif line.strip():
                warnings.append(ImportWarning(source, number, "line outside a record skipped"))
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if current:
                warnings.append(ImportWarning(source, start, "record without ER closed"))
                out.append((start, current))
            current, start = [(tag, value)], number
        elif tag == "ER":
            if current:
                out.append((start, current))
            current = None
        elif current is None:
            warnings.append(ImportWarning(source, number, f"{tag} line outside a record skipped"))
        else:
            current.append((tag, value))
    if current:
        warnings.append(ImportWarning(source, start, "last record has no ER line"))
        out.append((start, current))
    return out, warnings


class RisImporter:
    """Imports RIS files: TY … ER records with AU, TI, T2, PY, DO, UR, AB, KW tags."""

    name = "ris"
    description = "RIS (.ris) from EndNote, Zotero or Mendeley"

    def detect(self, text: str, filename: str = "") -> float:
        """High for .ris files and for text that starts records with `TY  - `."""
        if filename.lower().endswith(".ris"):
            return 0.95
        return 0.9 if re.search(r"^TY  - \w+", text[:5000], re.M) else 0.0

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
