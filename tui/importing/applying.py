"""Applying parsed sources to a store, one source at a time, and the run's report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from importers.base import ImportResult, ImportWarning
from store.models import ImportSummary
from tui.importing.parsing import ParsedSource

if TYPE_CHECKING:
    from store.repository import Store


@dataclass(slots=True)
class ImportReport:
    """Everything an import run did, for the summary."""

    sources: list[ParsedSource] = field(default_factory=list)
    summaries: list[ImportSummary] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    def total(self, attr: str) -> int:
        """Sum of one ImportSummary list's length over every source."""
        return sum(len(getattr(s, attr)) for s in self.summaries)


def apply_sources(
    store: Store, sources: list[ParsedSource], *, dry_run: bool = False
) -> ImportReport:
    """Apply parsed sources to a store, one source at a time, collecting the summaries.

    A dry run stores nothing between sources, so it applies them all at once: a paper two
    sources give (a page and its TSV row) is counted once, as the real import would.
    """
    report = ImportReport(sources=sources)
    if dry_run and len(sources) > 1:
        combined = ImportResult()
        for parsed in sources:
            report.warnings.extend(parsed.result.warnings)
            combined.papers.extend(parsed.result.papers)
            combined.sections.extend(parsed.result.sections)
            combined.collections.extend(parsed.result.collections)
        report.summaries.append(store.apply_import(combined, source="dry-run",
                                                   importer="dry-run", dry_run=True))
        return report
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
