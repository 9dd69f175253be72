"""Researcher profile pages: a header of statistics, then dated entries with abstracts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    lines_from,
    too_many_entries,
)
from importers.gcpause import paused_gc
from importers.listing_parts import comment_links
from importers.profile_parts import (
    META_KEYS,
    Meta,
    candidate_lines,
    parse_header,
    parse_meta,
    resolve_date,
    scannable,
    stat_number,
)
from importers.prose import convert, prose_text
from importers.textlines import looks_like_authors, source_stem, split_authors, split_lines
from store.models import (
    Collection,
    Link,
    Paper,
    Provenance,
    Section,
    SectionRef,
    make_paper_id,
)
from store.text import clean_block, clean_inline, slugify

NAME = "profile"
_URL_HINTS = ("://", "www.", ".com/", ".org/", ".co/", ".io/", ".net/")
_DIGIT = re.compile(r"\d")
_STAT_HINT = re.compile(r"h-?index|citations|papers|novelty|ai\s*score", re.I)
# Lines some profile pages print after an abstract: citation counts and link flags.
_TRAILER = re.compile(r"^(?:cited\s+by\s+(?P<a>\d[\d,.]*[kK]?)|(?P<b>\d[\d,.]*[kK]?)\s+citations?"
                      r"|citations?\s*:?\s*(?P<c>\d[\d,.]*[kK]?)|pdf|code|html|bibtex|cite|save"
                      r"|(?:pdf|code|html|bibtex|cite|save)(?:\s*[·|•]\s*(?:pdf|code|html|bibtex|cite"
                      r"|save))+)$", re.I)
_LISTING_ID = re.compile(r"(?m)^\s*arxiv:\s*(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})", re.I)


@dataclass(slots=True)
class _Entry:
    """An entry's meta line and the raw lines that follow it."""

    line: int
    meta: Meta
    body: list[str] = field(default_factory=list)


def _meta_of(raw: str) -> Meta | None:
    """The meta of a raw line, with a cheap pre-check before the regex."""
    if len(raw) > 120 or not _DIGIT.search(raw):
        return None
    return parse_meta(clean_inline(raw))


HEADER_LINES = 2000
def _split(text: str, limit: int | None = None
           ) -> tuple[list[tuple[int, str]], list[_Entry], int | None, int]:
    """Header lines (number, text), the first `limit` entries split at each meta line, the
    line of the first entry left out (None when none was) and the lines left unread from it.

    Only lines naming a month or an ISO date are looked at (found by a search in C), the lines
    between meta lines are split in C, so a flood of blank, prose or digit lines needs no
    Python loop per line; the scan stops at the entry limit."""
    limit = MAX_ENTRIES if limit is None else limit
    text = scannable(text)
    header: list[tuple[int, str]] = []
    entries: list[_Entry] = []
    pos, line, counted = 0, 1, 0  # pos: start of the text not yet given to a part

    def assign(chunk: str, first_line: int) -> None:
        """Give the lines of chunk to the current entry, or to the header before any (its
        first HEADER_LINES lines: a page's name and counts come first)."""
        if entries:
            entries[-1].body.extend(chunk.split("\n"))
        else:
            lines = chunk.split("\n", HEADER_LINES)[:HEADER_LINES]
            header.extend(enumerate(lines, start=first_line))

    for start, end in candidate_lines(text):
        meta = _meta_of(text[start:end])
        if meta is None:
            continue
        line += text.count("\n", counted, start)
        counted = start
        if start > pos:
            assign(text[pos : start - 1], line - text.count("\n", pos, start))
        if len(entries) == limit:
            return header, entries, line, lines_from(text, start)
        entries.append(_Entry(line, meta))
        pos = end + 1
    if entries and pos <= len(text):
        assign(text[pos:], 1)
    return header, entries, None, 0


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Non-blank lines grouped into paragraphs at blank lines."""
    groups: list[list[str]] = [[]]
    for raw in lines:
        text = raw.strip()
        if text:
            groups[-1].append(text)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def name_slug(name: str) -> str:
    """slugify(name), or a stable hash-based slug for names without Latin letters ("王小明")."""
    slug = slugify(name)
    if slug == "x" and any(c.isalnum() for c in name):
        return "u" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return slug


class ProfileImporter:
    """Parses profile pages such as `000_*.txt`."""

    name = NAME
    description = "Researcher profile page: header statistics and dated paper entries"

    def detect(self, text: str, filename: str = "") -> float:
        """High when the text has dated entry lines and profile statistics."""
        head = split_lines(text[:40000])[:600]
        metas = sum(1 for raw in head if _meta_of(raw) is not None)
        if metas == 0:
            return 0.0
        stats = len({m.group(0).lower() for m in _STAT_HINT.finditer("\n".join(head[:40]))})
        score = (0.6 if metas >= 3 else 0.35) + min(stats, 3) * 0.1
        if _LISTING_ID.search(text[:40000]) or text.lstrip().startswith(("---", "@")):
            score *= 0.3
        return min(score, 0.95)

    @paused_gc
    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse a profile page; entries that cannot be read are skipped with a warning."""
        try:
            return self._parse(text, source=source, today=today)
        except ImporterError:
            raise
        except Exception as exc:  # the contract: only ImporterError escapes
            raise ImporterError(f"cannot read profile page: {exc!r}", source=source) from exc

    def _parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """The parse proper."""
        header, entries, cut, more = _split(text, MAX_ENTRIES)
        if not entries:
            raise ImporterError("no dated profile entries found", source=source)
        meta, listed = parse_header(header)
        result = ImportResult()
        if "name" not in meta:
            meta["name"] = source_stem(source)
            result.warnings.append(ImportWarning(source, 1, "profile name not found"))
        name = meta["name"]
        cid = f"profile:{name_slug(name)}"
        sid = f"{cid}/all"
        ordered = {k: meta[k] for k in META_KEYS if k in meta}
        ordered.update({k: v for k, v in meta.items() if k not in ordered})
        result.collections.append(
            Collection(id=cid, kind="profile", title=name, meta=ordered, source=source)
        )
        result.sections.append(Section(id=sid, collection=cid, label=name, heading=name))
        ref = SectionRef(collection=cid, section=sid, label=name)
        if cut is not None:
            result.warnings.append(too_many_entries(source, cut, MAX_ENTRIES, more))
        for entry in entries:
            paper = self._paper(entry, source, today, ref, result.warnings)
            if paper is not None:
                result.papers.append(paper)
        self._check_count(meta.get("papers"), listed, len(result.papers), source, result)
        return result

    def _paper(
        self,
        entry: _Entry,
        source: str,
        today: date,
        ref: SectionRef,
        warnings: list[ImportWarning],
    ) -> Paper | None:
        """One entry as a Paper, or None (with a warning) when it has no title."""
        paras = _paragraphs(entry.body)
        lines = [line for para in paras for line in para]
        if not lines:
            warnings.append(ImportWarning(source, entry.line, "entry has no title; skipped"))
            return None
        title = clean_inline(prose_text(lines[0]))
        if not title:
            warnings.append(ImportWarning(source, entry.line, "entry has no title; skipped"))
            return None
        rest = [paras[0][1:]] + paras[1:] if paras[0][1:] else paras[1:]
        authors: list[str] = []
        truncated = False
        if rest and looks_like_authors(rest[0][0]):
            authors, truncated = split_authors(rest[0][0])
            rest = [rest[0][1:]] + rest[1:] if rest[0][1:] else rest[1:]
        extra: dict[str, str] = {}
        while rest and _TRAILER.match(rest[-1][-1]):
            found = _TRAILER.match(rest[-1][-1])
            assert found is not None
            count = found.group("a") or found.group("b") or found.group("c")
            if count:
                extra["citations"] = stat_number(count)
            rest = rest[:-1] + [rest[-1][:-1]] if rest[-1][:-1] else rest[:-1]
        prose = convert("\n\n".join(" ".join(p) for p in rest))
        abstract = clean_block(prose.text)
        # Only a real link makes a paper "have code": a bare "Code" flag on the page is not one.
        linked = any(h in abstract for h in _URL_HINTS)
        code, other = comment_links(abstract) if linked else ([], [])
        when = resolve_date(entry.meta, today)
        if when is None and entry.meta.year is not None:
            warnings.append(ImportWarning(source, entry.line, "invalid date; left empty"))
        elif entry.meta.year is None:  # "Mar 19": the year is unknown, and stays so
            extra["month_day"] = f"{entry.meta.month:02d}-{entry.meta.day:02d}"
        paper = Paper(
            title=title,
            authors=authors,
            authors_truncated=truncated,
            year=when.year if when else entry.meta.year,
            date=when.isoformat() if when else "",
            category=clean_inline(entry.meta.category),
            abstract=abstract,
            links=[Link("Code", u) for u in code] + [Link("Link", u) for u in other],
            has_code=bool(code),
            sections=[SectionRef(ref.collection, ref.section, ref.label)],
            provenance=[Provenance(source, NAME, f"line {entry.line}", entry.line)],
            extra=extra,
        )
        paper.id = make_paper_id(paper)
        return paper

    @staticmethod
    def _check_count(
        stated: str | None, listed: str | None, found: int, source: str, result: ImportResult
    ) -> None:
        """Warn when the header's paper count differs from the entries found."""
        for claim in dict.fromkeys(c for c in (stated, listed) if c):
            if claim.isdigit() and int(claim) != found:
                result.warnings.append(
                    ImportWarning(
                        source, None, f"header says {int(claim)} papers but {found} were found"
                    )
                )


IMPORTER = ProfileImporter()
