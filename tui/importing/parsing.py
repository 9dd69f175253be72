"""Parsing read inputs: pick each document's importer; site and HTML pages parse together."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from importers import registry
from importers.base import ImporterError, ImportResult, ImportWarning
from importers.jekyll.site import parse_site
from store.text import strip_controls
from tui.importing.reading import InputDoc
from tui.inputs import InputError, cap_result
from tui.site_read import parse_site_root

SITE_FORMAT = "jekyll"
HTML_FORMAT = "html"


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


def digest(text: str) -> str:
    """Short content hash of a source text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _source_id(doc: InputDoc) -> str:
    """A stable source name: the path relative to its site root, else as given (terminal
    controls in file names removed: the name is stored and printed)."""
    if doc.root:
        try:
            return strip_controls(str(Path(doc.name).relative_to(Path(doc.root).parent)))
        except ValueError:
            return strip_controls(doc.name)
    return doc.name if doc.name == "<stdin>" else strip_controls(os.path.normpath(doc.name))


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
    loose: list[tuple[str, str]] = []  # files of a folder no importer takes
    bad: list[ImportWarning] = []  # files of a folder that could not be read
    for doc in docs:
        if doc.site is not None:
            parsed.extend(parse_site_root(doc.site, today=today))
            advance(len(doc.site.files))
            continue
        lenient = bool(doc.root) and not fmt  # one file of a folder never stops the rest
        if not doc.text.strip():
            if lenient:
                loose.append((_source_id(doc), "empty file"))
                continue
            raise InputError(f"{doc.name}: file is empty")
        try:
            importer = registry.get(fmt) if fmt else registry.detect(doc.text, doc.name)
        except ImporterError:
            if not lenient:
                raise
            loose.append((_source_id(doc), "not a format paperdeck reads"))
            continue
        if importer.name == SITE_FORMAT:
            site_pages.append(doc)
            continue
        if importer.name == HTML_FORMAT:
            html_pages.append(doc)
            continue
        try:
            result = cap_result(importer.parse(doc.text, source=_source_id(doc), today=today))
        except ImporterError as exc:
            if not lenient:
                raise
            bad.append(ImportWarning(exc.source or _source_id(doc), exc.line,
                                     f"file skipped: {exc.message}"))
            continue
        why = registry.explain(importer, doc.text, doc.name)
        parsed.append(ParsedSource(_source_id(doc), importer.name, digest(doc.text), result,
                                   why.confidence, why.reason if not fmt else "--format"))
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
    if (loose or bad) and not parsed:
        first = str(bad[0]) if bad else f"{loose[0][0]}: {loose[0][1]}"
        raise InputError(f"nothing importable: {len(loose) + len(bad)} files skipped ({first})")
    if parsed:
        parsed[0].skipped_files += loose
        parsed[0].result.warnings[:0] = bad
    return parsed


def parse_html_docs(docs: list[InputDoc]) -> ParsedSource:
    """Saved or built HTML pages read together, so their nav bars become one set of tabs."""
    from importers.html import parse_pages, read

    pages = []
    for doc in docs:
        path = os.path.relpath(doc.name, doc.root) if doc.root else Path(doc.name).name
        pages.append(read(doc.text, source=_source_id(doc), path=path.replace(os.sep, "/")))
    result = cap_result(parse_pages(pages, site=len(pages) > 1))
    name = _source_id(docs[0]) if len(docs) == 1 else _site_name(docs)
    return ParsedSource(name, HTML_FORMAT, digest("\0".join(d.text for d in docs)), result)


def _site_name(pages: list[InputDoc]) -> str:
    """A source name for a whole site import: the common folder of its pages."""
    common = os.path.commonpath([doc.name for doc in pages])
    return _source_id(InputDoc(name=common, text="", root=pages[0].root)) or common
