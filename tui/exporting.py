"""Exporting the shown papers from the app (JSON, Markdown or BibTeX by file suffix)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.models import Annotation, Paper


def summary_line(report: Any) -> str:
    """One line saying what an import run did (a tui.importing.ImportReport)."""
    return (f"{report.total('new')} new, {report.total('updated')} updated, "
            f"{report.total('merged')} merged, {report.total('unchanged')} unchanged")


def export_format(path: Path) -> str:
    """The export format a file name asks for."""
    suffix = path.suffix.lower()
    return {".bib": "bibtex", ".md": "markdown", ".markdown": "markdown"}.get(suffix, "json")


def export_text(fmt: str, papers: list[Paper], annotations: dict[str, Annotation]) -> str:
    """The papers exported as json, markdown or bibtex."""
    if fmt == "bibtex":
        from store.bibtex_export import to_bibtex

        return to_bibtex(papers)
    from store import export

    if fmt == "json":
        return export.to_json(papers, annotations)
    return export.to_markdown(papers, annotations)
