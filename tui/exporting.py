"""One line for the user about what an import did."""

from __future__ import annotations

from typing import Any


def summary_line(report: Any) -> str:
    """One line saying what an import run did (a tui.importing.ImportReport)."""
    return (f"{report.total('new')} new, {report.total('updated')} updated, "
            f"{report.total('merged')} merged, {report.total('unchanged')} unchanged")
