"""`paperdeck import doi:10.…`: fetch CSL-JSON by DOI and parse it into one DOI collection."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date

from importers.base import ImportResult, ImportWarning
from importers.csljson import IMPORTER as CSL
from store.models import Collection, Section, SectionRef
from store.repository import Store
from tui.importing import ParsedSource

COLLECTION = Collection(id="bibtex:doi", kind="bibtex", title="Imported by DOI", source="doi")
SECTION = Section(id="bibtex:doi/all", collection="bibtex:doi", label="DOI", order=0)


def mailto(store: Store) -> str:
    """The user's contact address for polite API use: the `mailto` setting or $PAPERDECK_MAILTO."""
    from store.doi import MAILTO_ENV, MAILTO_SETTING

    value = store.setting(MAILTO_SETTING) or os.environ.get(MAILTO_ENV, "")
    return value.strip() if isinstance(value, str) else ""


def fetch_dois(store: Store, dois: Sequence[str], *, client: object | None = None,
               warn: Callable[[str], None] = lambda text: None) -> list[ParsedSource]:
    """One parsed source per DOI that could be fetched; failures are warned, one line each."""
    from importers.base import ImporterError
    from store.doi import fetch_csl, policy
    from store.errors import StoreError
    from store.net.http import HttpClient

    http = client if client is not None else HttpClient(policy(mailto(store)))
    ref = SectionRef(COLLECTION.id, SECTION.id, SECTION.label)
    parsed: list[ParsedSource] = []
    try:
        for doi in dois:
            source = doi if doi.lower().startswith("doi:") else f"doi:{doi}"
            try:
                record = fetch_csl(doi, http)  # type: ignore[arg-type]
                result = CSL.parse(record.text, source=source, today=date.today())
            except (StoreError, ImporterError) as exc:  # one line per DOI that failed
                warn(f"{source}: {exc}")
                continue
            for paper in result.papers:
                paper.sections = [ref]
                if not paper.doi:
                    paper.doi = record.doi
            parsed.append(ParsedSource(source, "csl-json", "", ImportResult(
                papers=result.papers, sections=[SECTION], collections=[COLLECTION],
                warnings=[ImportWarning(w.source, w.line, w.message) for w in result.warnings],
            )))
    finally:
        if client is None:
            http.close()  # type: ignore[attr-defined]
    return parsed
