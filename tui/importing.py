"""Import service shared by the CLI and the app: read inputs, pick importers, apply to a store."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from importers import registry
from importers.base import ImporterError, ImportResult, ImportWarning
from importers.jekyll.site import parse_site
from store.models import ImportSummary
from tui.inputs import (
    DEFAULT_MAX_SIZE,
    InputError,
    cap_result,
    read_limited,
    read_stream,
    shown_name,
    too_large,
)
from tui.site_read import SiteDocs, is_site_root, parse_site_root, read_site

if TYPE_CHECKING:
    from store.repository import Store

TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt", ".bib", ".bibtex", ".xml", ".atom"}
SITE_FORMAT = "jekyll"
HTML_FORMAT = "html"


@dataclass(slots=True)
class InputDoc:
    """One readable input document (or a whole site root: its planned files, read)."""

    name: str
    text: str
    root: str = ""
    site: SiteDocs | None = None


@dataclass(slots=True)
class ParsedSource:
    """One source parsed by one importer, ready to apply."""

    source: str
    importer: str
    digest: str
    result: ImportResult
    confidence: float | None = None
    reason: str = ""
    skipped_files: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    """Everything an import run did, for the summary."""

    sources: list[ParsedSource] = field(default_factory=list)
    summaries: list[ImportSummary] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    def total(self, attr: str) -> int:
        """Sum of one ImportSummary list's length over every source."""
        return sum(len(getattr(s, attr)) for s in self.summaries)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of data, or InputError for binary or non-UTF-8 input."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not a text listing")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 text ({exc.reason})") from None
    return text


def read_file(path: Path, max_size: int) -> InputDoc:
    """Read one file (or FIFO, device) with the size limit: never more than max_size + 1 bytes."""
    name = str(path)
    return InputDoc(name=name, text=decode(read_limited(path, max_size), shown_name(name)))


def expand_site(directory: Path, max_size: int) -> InputDoc:
    """A site root as one document: its planned source files read (see tui/site_read.py)."""
    return InputDoc(name=str(directory), text="", root=str(directory),
                    site=read_site(directory, max_size))


def _site_root(directory: Path) -> Path:
    """The `_pages/` folder of a site root, or the directory itself."""
    pages = directory / "_pages"
    return pages if pages.is_dir() else directory


def expand_directory(directory: Path, max_size: int) -> list[InputDoc]:
    """Every text document below a directory (a site root, its `_pages/`, or any folder)."""
    root = _site_root(directory)
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    if not files:
        raise InputError(f"{directory}: directory has no importable files (.md, .txt, .bib, …)")
    docs = []
    for path in files:
        doc = read_file(path, max_size)
        doc.root = str(root)
        docs.append(doc)
    return docs


def collect_inputs(
    paths: Iterable[str],
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    stdin: Callable[[], bytes] | None = None,
) -> list[InputDoc]:
    """Read every path (files, directories, `-` for stdin) into documents, or raise InputError."""
    docs: list[InputDoc] = []
    for raw in paths:
        if raw == "-":
            data = (stdin or (lambda: read_stream(sys.stdin.buffer, max_size)))()
            if len(data) > max_size:
                raise too_large("<stdin>", max_size)
            docs.append(InputDoc(name="<stdin>", text=decode(data, "<stdin>")))
            continue
        path = Path(raw).expanduser()
        if path.is_dir() and is_site_root(path):
            docs.append(expand_site(path, max_size))
        elif path.is_dir():
            docs.extend(expand_directory(path, max_size))
        else:
            docs.append(read_file(path, max_size))
    return docs


def digest(text: str) -> str:
    """Short content hash of a source text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _source_id(doc: InputDoc) -> str:
    """A stable source name: the path relative to its site root, else as given."""
    if doc.root:
        try:
            return str(Path(doc.name).relative_to(Path(doc.root).parent))
        except ValueError:
            return doc.name
    return doc.name if doc.name == "<stdin>" else os.path.normpath(doc.name)


def parse_inputs(
    docs: list[InputDoc],
    *,
    fmt: str | None,
    today: date,
    advance: Callable[[int], None] | None = None,
) -> list[ParsedSource]:
    """Parse documents with their detected (or forced) importers; site pages parse together."""
    advance = advance or (lambda n: None)
    parsed: list[ParsedSource] = []
    site_pages: list[InputDoc] = []
    html_pages: list[InputDoc] = []
    for doc in docs:
        if doc.site is not None:
            parsed.extend(parse_site_root(doc.site, today=today))
            advance(len(doc.site.files))
            continue
        if not doc.text.strip():
            raise InputError(f"{doc.name}: file is empty")
        importer = registry.get(fmt) if fmt else registry.detect(doc.text, doc.name)
        if importer.name == SITE_FORMAT:
            site_pages.append(doc)
            continue
        if importer.name == HTML_FORMAT:
            html_pages.append(doc)
            continue
        result = cap_result(importer.parse(doc.text, source=_source_id(doc), today=today))
        parsed.append(ParsedSource(_source_id(doc), importer.name, digest(doc.text), result))
        advance(1)
    if site_pages:
        pages = [(_source_id(doc), doc.text) for doc in site_pages]
        if len(pages) == 1:
            result = registry.get(SITE_FORMAT).parse(pages[0][1], source=pages[0][0], today=today)
        else:
            result = parse_site(pages, today=today)
        result = cap_result(result)
        joined = digest("\0".join(doc.text for doc in site_pages))
        name = pages[0][0] if len(pages) == 1 else _site_name(site_pages)
        parsed.insert(0, ParsedSource(name, SITE_FORMAT, joined, result))
        advance(len(site_pages))
    if html_pages:
        parsed.insert(0, parse_html_docs(html_pages))
        advance(len(html_pages))
    return parsed


def parse_html_docs(docs: list[InputDoc]) -> ParsedSource:
    """Saved or built HTML pages read together, so their nav bars become one set of tabs."""
    from importers.html import parse_pages, read

    pages = []
    for doc in docs:
        path = os.path.relpath(doc.name, doc.root) if doc.root else Path(doc.name).name
        pages.append(read(doc.text, source=_source_id(doc), path=path.replace(os.sep, "/")))
    result = parse_pages(pages, site=len(pages) > 1)
    name = _source_id(docs[0]) if len(docs) == 1 else _site_name(docs)
    return ParsedSource(name, HTML_FORMAT, digest("\0".join(d.text for d in docs)), result)


def _site_name(pages: list[InputDoc]) -> str:
    """A source name for a whole site import: the common folder of its pages."""
    common = os.path.commonpath([doc.name for doc in pages])
    return _source_id(InputDoc(name=common, text="", root=pages[0].root)) or common


def read_and_parse(
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    today: date | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    stdin: Callable[[], bytes] | None = None,
) -> list[ParsedSource]:
    """Collect and parse inputs; raises InputError or ImporterError before anything is stored."""
    docs = collect_inputs(paths, max_size=max_size, stdin=stdin)
    return parse_inputs(docs, fmt=fmt, today=today or date.today())


def apply_sources(
    store: Store, sources: list[ParsedSource], *, dry_run: bool = False
) -> ImportReport:
    """Apply parsed sources to a store, one source at a time, collecting the summaries."""
    report = ImportReport(sources=sources)
    for parsed in sources:
        report.warnings.extend(parsed.result.warnings)
        summary = store.apply_import(
            parsed.result,
            source=parsed.source,
            importer=parsed.importer,
            digest=parsed.digest,
            dry_run=dry_run,
        )
        report.summaries.append(summary)
    return report


__all__ = [
    "DEFAULT_MAX_SIZE",
    "ImportReport",
    "ImporterError",
    "InputDoc",
    "InputError",
    "ParsedSource",
    "apply_sources",
    "collect_inputs",
    "parse_inputs",
    "read_and_parse",
]
