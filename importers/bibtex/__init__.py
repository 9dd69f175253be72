"""BibTeX importer: .bib text parsed with bibtexparser v2 into papers of one bibtex collection."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import PurePath

from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    too_many_entries,
)
from importers.bibtex.blocks import MAX_ENTRY_CHARS, bounded, compact, failure_message
from importers.bibtex.paper import arxiv_id_of, entry_fields, entry_to_paper
from importers.bibtex.splitter import split
from importers.bibtex.values import (
    BUILTIN_MACROS,
    MONTHS,
    authors_of,
    evaluate,
    month_of,
    person_name,
    split_names,
)
from importers.gcpause import paused_gc
from store.models import Collection, Paper, Section, SectionRef
from store.text import clean_inline, slugify

# bibtexparser logs every broken block; we report them ourselves as warnings.
_LOG = logging.getLogger("bibtexparser")
_LOG.addHandler(logging.NullHandler())
_LOG.propagate = False

_ENTRY_START = re.compile(
    r"^[ \t]*@(article|inproceedings|conference|misc|book|inbook|incollection|phdthesis|"
    r"mastersthesis|techreport|unpublished|online|proceedings|manual|string|preamble)\s*[{(]",
    re.I | re.M,
)

__all__ = ["IMPORTER", "MAX_ENTRY_CHARS", "MONTHS", "BibtexImporter", "arxiv_id_of",
           "authors_of", "entry_fields", "entry_to_paper", "evaluate", "month_of",
           "person_name", "split_names"]


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

    @paused_gc
    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse a whole .bib text; broken entries become warnings with their line."""
        text = text.lstrip("\ufeff")
        text, lines = compact(text)
        text, notes = bounded(text, MAX_ENTRIES)
        library = split(text)
        nothing = not (library.entries or library.strings or library.failed_blocks)
        if nothing and text.strip():
            raise ImporterError("no BibTeX entries found", source=source)
        macros = dict(BUILTIN_MACROS)
        for string in library.strings:
            macros[string.key.lower()] = evaluate(str(string.value), macros)
        name = PurePath(source).name if source not in ("", "-") else "stdin"
        stem = PurePath(name).stem or name
        cid = f"bibtex:{slugify(stem)}"
        section = Section(id=f"{cid}/all", collection=cid, label=stem, heading=name, order=0)
        collection = Collection(id=cid, kind="bibtex", title=stem, source=source)
        ref = SectionRef(cid, section.id, section.label)
        result = ImportResult(sections=[section], collections=[collection])
        for compacted, note in notes:
            line = lines.line(compacted - 1)
            warning = ImportWarning(source, line, note) if note else None
            result.warnings.append(warning or too_many_entries(source, line, MAX_ENTRIES))
        entries = list(library.entries)
        for block in library.failed_blocks:
            line = lines.line(block.start_line)
            duplicate = getattr(block, "ignore_error_block", None)
            if isinstance(block, DuplicateBlockKeyBlock) and isinstance(duplicate, Entry):
                # two entries sharing a cite key are two papers: both are imported
                entries.append(duplicate)
                message = f"cite key {clean_inline(block.key)!r} is used twice; both entries kept"
                result.warnings.append(ImportWarning(source, line, message))
                continue
            result.warnings.append(ImportWarning(source, line, failure_message(block)))
        entries.sort(key=lambda e: e.start_line or 0)
        for entry in entries:
            line = lines.line(entry.start_line)
            try:
                fields = entry_fields(entry, macros)
                paper = entry_to_paper(entry, macros, source, ref, fields, line)
                self.enrich(paper, fields)
            except (ValueError, TypeError, RecursionError) as exc:
                message = f"entry @{clean_inline(entry.key)} skipped: {clean_inline(str(exc))}"
                result.warnings.append(ImportWarning(source, line, message))
                continue
            if paper.title or paper.arxiv_id or paper.doi:
                result.papers.append(paper)
            else:
                message = f"entry @{clean_inline(entry.key)} skipped: no title, eprint or doi"
                result.warnings.append(ImportWarning(source, line, message))
        return result

    def enrich(self, paper: Paper, fields: dict[str, str]) -> None:
        """Hook for dialects with extra fields (al-folio); plain BibTeX adds nothing."""


IMPORTER = BibtexImporter()
