"""arXiv's metadata snapshot (JSON Lines, one paper per line), line by line.

Each line is an object with id, submitter, authors, title, comments, journal-ref, doi,
report-no, categories, license, abstract, versions, update_date and authors_parsed. Titles and
abstracts carry LaTeX and hard line breaks. Tabs mirror arXiv's taxonomy: one collection per
archive (Computer Science, Mathematics, ...), one section per category (cs.CV), and a paper
cross-listed in several categories is in each of their sections; the ids are those of the
daily harvest (`arxiv-cat:cs`, `arxiv-cat:cs/cs.cv`).

`parse_lines` turns any run of lines into an ImportResult, so a caller can stream a
multi-gigabyte snapshot in batches (store.imports.snapshot does) without holding it whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import compress, islice
from typing import Any

import orjson

from importers.arxiv_taxonomy import archive_of
from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    too_many_entries,
)
from importers.latex import latex_to_text
from importers.oai_arxiv import category_tabs, collection_id, section_id
from store.models import Collection, Link, Paper, Provenance, Section, SectionRef, make_paper_id
from store.text import SUSPECT_CHARS, clean_block, clean_inline

NAME = "arxiv-snapshot"
_MONTHS = {m: i for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}  # noqa: SIM905
_KEYS = ('"abstract"', '"categories"', '"id"')
# A line whose JSON holds no escape that could decode to a control (\u..., \b, \f, \r) and
# no raw control or format character decodes to strings that store.text's cleaning would only
# re-space: such lines skip the per-field scans (the "clean" fast path; LaTeX-decoded text is
# still cleaned in full, as the decoder may produce anything).
_ESCAPE = re.compile(rb"\\[ubfr]")
_SUSPECT = re.compile(f"[{SUSPECT_CHARS}]")
_ASCII_BUT_DEL = bytes(range(0x7F))


def clean_line(line: bytes) -> bool:
    """True when no string of this JSON line can hold a control or format character."""
    if _ESCAPE.search(line) is not None:
        return False
    rest = line.translate(None, _ASCII_BUT_DEL)  # the non-ASCII characters, whole, and DEL
    return not rest or _SUSPECT.search(rest.decode("utf-8", "replace")) is None


def taxonomy(categories: Iterable[str]) -> tuple[list[Collection], list[Section]]:
    """Collections (archives) and sections (categories) for the categories seen: the same
    tabs as the daily arXiv harvest (importers.oai_arxiv), so both fill one set of tabs."""
    return category_tabs(sorted(set(categories)))


def _text(value: Any, block: bool = False, clean: bool = False) -> str:
    """A cleaned string field: LaTeX to text, line breaks folded (kept as paragraphs in
    abstracts only where a blank line separates them). clean: the value is known to hold no
    control or format character (clean_line), so only LaTeX output needs the full scan."""
    if not isinstance(value, str) or not value.strip():
        return ""
    latex = "\\" in value or "$" in value or "{" in value
    plain = latex_to_text(value) if latex else value
    if block:
        paras = [" ".join(p.split()) for p in plain.split("\n\n")]
        text = "\n\n".join(p for p in paras if p)
        return text if clean and not latex else clean_block(text)
    text = " ".join(plain.split())
    return text if clean and not latex else clean_inline(text)


def _authors(rec: dict[str, Any], clean: bool = False) -> list[str]:
    """Author names, from authors_parsed ([last, first, suffix]) else the authors string."""
    parsed = rec.get("authors_parsed")
    names: list[str] = []
    tidy = _spaced if clean else clean_inline
    if isinstance(parsed, list):
        for item in parsed:
            if isinstance(item, list) and item:
                last, first = str(item[0]), str(item[1]) if len(item) > 1 else ""
                suffix = str(item[2]) if len(item) > 2 else ""
                names.append(tidy(" ".join(x for x in (first, last, suffix) if x)))
    if not names and isinstance(rec.get("authors"), str):
        text = _text(rec["authors"], clean=clean).replace(" and ", ", ")
        names = [n.strip() for n in text.split(",") if n.strip()]
    return [latex_to_text(n) if "\\" in n else n for n in names if n]


def _spaced(text: str) -> str:
    """clean_inline of a text known to hold no control or format character."""
    return " ".join(text.split())


def _date(rec: dict[str, Any]) -> str:
    """The first version's date (YYYY-MM-DD), else update_date."""
    versions = rec.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        parts = str(versions[0].get("created", "")).replace(",", " ").split()
        if len(parts) >= 4 and parts[2] in _MONTHS and parts[3].isdigit():
            day = parts[1].zfill(2) if parts[1].isdigit() else "01"
            return f"{parts[3]}-{_MONTHS[parts[2]]:02d}-{day}"
    upd = rec.get("update_date")
    return str(upd) if isinstance(upd, str) and len(upd) >= 4 else ""


def paper_of(rec: dict[str, Any], *, source: str, line: int, clean: bool = False) -> Paper:
    """The Paper of one snapshot record; ValueError when it has no id or title. clean: the
    record's line passed clean_line (the same Paper, found with fewer scans)."""
    arxiv = str(rec.get("id") or "").strip()
    title = _text(rec.get("title"), clean=clean)
    if not arxiv or not title:
        raise ValueError("no id" if not arxiv else "no title")
    cats = [c for c in str(rec.get("categories") or "").split() if c]
    when = _date(rec)
    year = int(when[:4]) if when[:4].isdigit() else None
    journal = _text(rec.get("journal-ref"), clean=clean)
    paper = Paper(
        title=title, authors=_authors(rec, clean), year=year, date=when,
        venue=journal or "arXiv", venue_short=f"arXiv {year}" if year else "arXiv",
        category=cats[0] if cats else "",
        abstract=_text(rec.get("abstract"), block=True, clean=clean),
        links=[Link("arXiv", f"https://arxiv.org/abs/{arxiv}"),
               Link("PDF", f"https://arxiv.org/pdf/{arxiv}")],
        arxiv_id=arxiv, doi=str(rec.get("doi") or "").split()[0] if rec.get("doi") else "",
        comments=_text(rec.get("comments"), clean=clean), keywords=cats,
        sections=[SectionRef(collection_id(archive_of(c)), section_id(c), c) for c in cats],
        provenance=[Provenance(source, NAME, locator=arxiv, line=line)],
    )
    paper.id = make_paper_id(paper)
    return paper


def parse_lines(lines: Iterable[tuple[int, bytes | str]], *, source: str,
                fast: bool = True) -> ImportResult:
    """Papers of numbered snapshot lines; a bad line is skipped with a warning naming it.
    fast=False scans every field for controls even on clean lines (the reference path)."""
    result = ImportResult()
    cats: set[str] = set()
    for number, line in lines:
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("not a JSON object")
            clean = fast and clean_line(line if isinstance(line, bytes) else line.encode(
                "utf-8", "surrogatepass"))
            paper = paper_of(rec, source=source, line=number, clean=clean)
        except (orjson.JSONDecodeError, ValueError, TypeError) as exc:
            result.warnings.append(ImportWarning(source, number, f"skipped: {exc}"))
            continue
        cats.update(paper.keywords)
        result.papers.append(paper)
    result.collections, result.sections = taxonomy(cats)
    return result


class ArxivSnapshotImporter:
    """The arXiv metadata snapshot (Kaggle `arxiv-metadata-oai-snapshot.json`)."""

    name = NAME
    description = "arXiv metadata snapshot (JSON Lines)"

    def detect(self, text: str, filename: str = "") -> float:
        """Sure when the first line is a JSON object with id, categories and abstract."""
        first = text.lstrip()[:4096].split("\n", 1)[0]
        if first.startswith("{") and all(k in first for k in _KEYS):
            return 0.95
        return 0.0

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Every line of a (small) snapshot; big ones are streamed by the store instead."""
        lines = text.splitlines()
        filled = compress(enumerate(lines, 1), lines)  # empty lines dropped in C
        nonblank = ((n, line) for n, line in filled if not line.isspace())
        numbered = list(islice(nonblank, MAX_ENTRIES + 1))  # stops at the limit
        result = parse_lines(numbered[:MAX_ENTRIES], source=source)
        if len(numbered) > MAX_ENTRIES:
            cut = numbered[MAX_ENTRIES][0]
            result.warnings.append(too_many_entries(source, cut, MAX_ENTRIES,
                                                    len(lines) - cut + 1))
        if not result.papers and result.warnings:
            raise ImporterError("no arXiv snapshot records", source=source, line=1)
        return result


IMPORTER = ArxivSnapshotImporter()
