"""BibTeX importer: .bib text parsed with bibtexparser v2 into papers of one bibtex collection."""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import lru_cache
from pathlib import PurePath

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    too_many_entries,
)
from importers.latex import latex_to_text, plain_value
from importers.venue import Venue, find_badges, parse_venue
from store.models import Collection, Link, Paper, Provenance, Section, SectionRef, make_paper_id
from store.text import clean_block, clean_inline, slugify

# bibtexparser logs every broken block; we report them ourselves as warnings.
_LOG = logging.getLogger("bibtexparser")
_LOG.addHandler(logging.NullHandler())
_LOG.propagate = False

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = {m: i for i, m in enumerate(MONTHS, 1)}
_BUILTIN_MACROS = {m: m for m in MONTHS}
_ENTRY_START = re.compile(
    r"^[ \t]*@(article|inproceedings|conference|misc|book|inbook|incollection|phdthesis|"
    r"mastersthesis|techreport|unpublished|online|proceedings|manual|string|preamble)\s*[{(]",
    re.I | re.M,
)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ARXIV_ID = re.compile(
    r"(?:arxiv[:/\s]*|abs/|pdf/)?(\d{4}\.\d{4,5}|[a-z][a-z.\-]+/\d{7})(?:v\d+)?", re.I
)
_ARXIV_IN_TEXT = re.compile(r"arxiv(?:\.org/(?:abs|pdf)/|:\s*)(\d{4}\.\d{4,5}|[a-z\-.]+/\d{7})",
                            re.I)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_KEYWORD_SPLIT = re.compile(r"[,;]")


_MARKS = re.compile(r'\\.|[{}"#,]', re.S)
_BRACES = re.compile(r"\\.|[{}]", re.S)


def _split_top(raw: str, sep: str) -> list[str]:
    """Split raw at sep characters that are outside braces and quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for match in _MARKS.finditer(raw):
        ch = match.group()
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == sep and depth == 0 and not quoted:
            parts.append(raw[start : match.start()])
            start = match.end()
    parts.append(raw[start:])
    return parts


def _fully_braced(text: str) -> bool:
    """True when text is one group: its first brace closes at its last character."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return False
    depth = 0
    for match in _BRACES.finditer(text):
        ch = match.group()
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return match.end() == len(text)
    return False


def evaluate(raw: str, macros: dict[str, str]) -> str:
    """A raw BibTeX value ({..}, "..", number, macro, or a # concatenation) as a string."""
    raw = raw.strip()
    pieces = _split_top(raw, "#") if "#" in raw and not _fully_braced(raw) else [raw]
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if _fully_braced(piece) or (len(piece) >= 2 and piece[0] == piece[-1] == '"'):
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        else:
            out.append(macros.get(piece.lower(), piece))
    return "".join(out)


def person_name(raw: str) -> str:
    """One BibTeX name ("Last, First", "First Last", "{Corporate}") as display text."""
    raw = raw.strip()
    if not _fully_braced(raw):
        parts = [p.strip() for p in _split_top(raw, ",")]
        if len(parts) == 2:
            raw = f"{parts[1]} {parts[0]}"
        elif len(parts) >= 3:
            raw = f"{parts[2]} {parts[0]} {parts[1]}"
    return clean_inline(latex_to_text(raw))


_AND = re.compile(r"\s+and\s+", re.I)


def split_names(value: str) -> list[str]:
    """Names separated by a top-level (unbraced) "and", like BibTeX does it."""
    depth = 0
    depths: list[int] = []
    escaped = False
    for ch in value:
        depths.append(depth)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
    names: list[str] = []
    start = 0
    for match in _AND.finditer(value):
        if depths[match.start()] == 0 and match.start() >= start:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def authors_of(value: str) -> tuple[list[str], bool]:
    """Author names split on top-level "and", and whether the list ended in "others"."""
    names: list[str] = []
    truncated = False
    for raw in split_names(value):
        if raw.strip().lower() == "others":
            truncated = True
            continue
        name = person_name(raw)
        if name:
            names.append(name)
    return names, truncated


def month_of(value: str) -> int | None:
    """Month number of a month field ("jan", "January", "1", "01")."""
    value = latex_to_text(value).strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTH_NAMES.get(value[:3])


def arxiv_id_of(fields: dict[str, str]) -> str:
    """The arXiv id from eprint/archivePrefix, or failing that from the url or journal."""
    eprint = plain_value(fields.get("eprint", ""))
    prefix = plain_value(fields.get("archiveprefix", fields.get("eprinttype", ""))).lower()
    if eprint and prefix in ("", "arxiv"):
        match = _ARXIV_ID.fullmatch(eprint.strip())
        if match:
            return match.group(1)
    for key in ("url", "journal", "note", "howpublished"):
        match = _ARXIV_IN_TEXT.search(fields.get(key, ""))
        if match:
            return match.group(1)
    return ""


def _text(fields: dict[str, str], key: str) -> str:
    """A field decoded from LaTeX and cleaned to one line."""
    value = fields.get(key, "")
    return clean_inline(latex_to_text(value)) if value else ""


def entry_fields(entry: Entry, macros: dict[str, str]) -> dict[str, str]:
    """An entry's fields by lower-cased name, values evaluated (braces, quotes, macros)."""
    return {f.key.lower(): evaluate(str(f.value), macros) for f in entry.fields}


def entry_to_paper(entry: Entry, macros: dict[str, str], source: str, ref: SectionRef) -> Paper:
    """Build one paper from one parsed entry."""
    fields = entry_fields(entry, macros)
    line = (entry.start_line or 0) + 1
    paper = Paper(title=_text(fields, "title"))
    paper.authors, paper.authors_truncated = authors_of(fields.get("author", ""))
    year_match = _YEAR.search(fields.get("year", ""))
    paper.year = int(year_match.group(1)) if year_match else None
    month = month_of(fields["month"]) if "month" in fields else None
    iso = plain_value(fields.get("date", ""))
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", iso):
        paper.date = iso
        paper.year = paper.year or int(iso[:4])
    elif paper.year and month:
        paper.date = f"{paper.year:04d}-{month:02d}"
    howpublished = fields.get("howpublished", "")
    if "http" in howpublished or "\\url" in howpublished:
        howpublished = ""
    venue_text = (fields.get("booktitle") or fields.get("journal")
                  or fields.get("journaltitle") or howpublished)  # journaltitle: biblatex
    paper.venue = clean_inline(latex_to_text(venue_text)) if venue_text else ""
    if paper.venue:
        venue = _venue(paper.venue)
        short = venue.short
        if venue.year is None and paper.year and short:
            short = f"{short} {paper.year}"
        paper.venue_short = short
        paper.badges = list(venue.badges)
        paper.year = paper.year or venue.year
    paper.abstract = clean_block(latex_to_text(fields["abstract"])) if "abstract" in fields else ""
    paper.arxiv_id = arxiv_id_of(fields)
    paper.doi = _DOI_PREFIX.sub("", plain_value(fields.get("doi", "")))
    paper.comments = _text(fields, "note")
    paper.badges += [b for b in find_badges(paper.comments) if b not in paper.badges]
    paper.category = clean_inline(plain_value(fields.get("primaryclass", "")))
    url = clean_inline(plain_value(fields.get("url", "")))
    if url.startswith(("http://", "https://")):
        label = "arXiv" if "arxiv.org/" in url else "Paper"
        paper.links.append(Link(label, url))
    if paper.arxiv_id and not any("arxiv.org/" in link.url for link in paper.links):
        paper.links.append(Link("arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}"))
    raw_keywords = _KEYWORD_SPLIT.split(fields.get("keywords", ""))
    keywords = [clean_inline(latex_to_text(k)) for k in raw_keywords]
    paper.keywords = list(dict.fromkeys(k for k in keywords if k))
    paper.extra = {"citekey": clean_inline(entry.key), "entrytype": entry.entry_type.lower()}
    paper.provenance = [Provenance(source, "bibtex", f"@{clean_inline(entry.key)}", line)]
    paper.sections = [ref]
    paper.id = make_paper_id(paper)
    return paper


@lru_cache(maxsize=4096)
def _venue(printed: str) -> Venue:
    """parse_venue, cached: a .bib file repeats the same few venues (treat as read-only)."""
    return parse_venue(printed)


def _failure_message(block: object) -> str:
    """One line saying why bibtexparser could not read a block."""
    if isinstance(block, DuplicateBlockKeyBlock):
        return f"duplicate cite key {block.key!r}; entry skipped"
    lines = [line for line in str(getattr(block, "error", "") or "").splitlines() if line.strip()]
    reason = clean_inline(lines[-1]) if lines else "syntax error"
    raw = clean_inline(str(getattr(block, "raw", "") or ""))[:40]
    return f"broken BibTeX entry skipped ({raw}…): {reason}"


_ANY_ENTRY = re.compile(r"^[ \t]*@", re.M)
MAX_ENTRY_CHARS = 256 * 1024  # no real entry (or comment between entries) comes near this


def _bounded(text: str, limit: int | None = None) -> tuple[str, list[tuple[int, str]]]:
    """text with at most limit entries and no block over MAX_ENTRY_CHARS (such a block is
    blanked, keeping its line count so later lines keep their numbers); (line, message) notes
    of what was left out."""
    limit = MAX_ENTRIES if limit is None else limit
    starts = [0]
    cut: int | None = None
    for n, match in enumerate(_ANY_ENTRY.finditer(text)):
        if n == limit:
            cut = match.start()
            break
        starts.append(match.start())
    end = len(text) if cut is None else cut
    starts.append(end)
    pieces: list[str] = []
    notes: list[tuple[int, str]] = []
    line = 1
    for begin, stop in zip(starts, starts[1:], strict=False):
        piece = text[begin:stop]
        newlines = piece.count("\n")
        if len(piece) > MAX_ENTRY_CHARS:
            size = f"{len(piece) / 1024:.0f} KB"
            notes.append((line, f"block of {size} skipped: entries over 256 KB are not read"))
            piece = "\n" * newlines
        pieces.append(piece)
        line += newlines
    if cut is not None:
        notes.append((line, ""))
    return "".join(pieces), notes


class BibtexImporter:
    """Imports .bib files: every entry becomes a paper in a bibtex:<source> collection."""

    name = "bibtex"
    description = "BibTeX database (.bib): @article, @inproceedings, @misc… with @STRING macros"

    def detect(self, text: str, filename: str = "") -> float:
        """High for .bib files and for text with @article{ / @inproceedings{ … entries."""
        if filename.lower().endswith((".bib", ".bibtex")):
            return 0.95
        hits = len(_ENTRY_START.findall(text[:20000]))
        return 0.9 if hits and "=" in text[:20000] else 0.0

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse a whole .bib text; broken entries become warnings with their line."""
        text = text.lstrip("\ufeff")
        text, notes = _bounded(text)
        library = bibtexparser.parse_string(text, parse_stack=[])
        nothing = not (library.entries or library.strings or library.failed_blocks)
        if nothing and text.strip():
            raise ImporterError("no BibTeX entries found", source=source)
        macros = dict(_BUILTIN_MACROS)
        for string in library.strings:
            macros[string.key.lower()] = evaluate(str(string.value), macros)
        name = PurePath(source).name if source not in ("", "-") else "stdin"
        stem = PurePath(name).stem or name
        cid = f"bibtex:{slugify(stem)}"
        section = Section(id=f"{cid}/all", collection=cid, label=stem, heading=name, order=0)
        collection = Collection(id=cid, kind="bibtex", title=stem, source=source)
        ref = SectionRef(cid, section.id, section.label)
        result = ImportResult(sections=[section], collections=[collection])
        for line, note in notes:
            warning = ImportWarning(source, line, note) if note else None
            result.warnings.append(warning or too_many_entries(source, line, MAX_ENTRIES))
        entries = list(library.entries)
        for block in library.failed_blocks:
            line = (block.start_line or 0) + 1
            duplicate = getattr(block, "ignore_error_block", None)
            if isinstance(block, DuplicateBlockKeyBlock) and isinstance(duplicate, Entry):
                # two entries sharing a cite key are two papers: both are imported
                entries.append(duplicate)
                message = f"cite key {clean_inline(block.key)!r} is used twice; both entries kept"
                result.warnings.append(ImportWarning(source, line, message))
                continue
            result.warnings.append(ImportWarning(source, line, _failure_message(block)))
        entries.sort(key=lambda e: e.start_line or 0)
        for entry in entries:
            try:
                paper = entry_to_paper(entry, macros, source, ref)
                self.enrich(paper, entry_fields(entry, macros))
            except (ValueError, TypeError, RecursionError) as exc:
                line = (entry.start_line or 0) + 1
                message = f"entry @{clean_inline(entry.key)} skipped: {clean_inline(str(exc))}"
                result.warnings.append(ImportWarning(source, line, message))
                continue
            if paper.title or paper.arxiv_id or paper.doi:
                result.papers.append(paper)
            else:
                line = (entry.start_line or 0) + 1
                message = f"entry @{clean_inline(entry.key)} skipped: no title, eprint or doi"
                result.warnings.append(ImportWarning(source, line, message))
        return result

    def enrich(self, paper: Paper, fields: dict[str, str]) -> None:
        """Hook for dialects with extra fields (al-folio); plain BibTeX adds nothing."""


IMPORTER = BibtexImporter()
