"""Palette actions that import a path (in a worker) and export the shown results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from tui.exporting import export_format, export_text, summary_line
from tui.screens.note_dialog import LineDialog

if TYPE_CHECKING:
    from tui.app import PaperDeckApp

    _Base = PaperDeckApp
else:
    _Base = object


class ImportExportMixin(_Base):
    """Import and export, started from the command palette."""

    def action_import_prompt(self) -> None:
        """Ask for a path, then import it in the background."""

        def done(value: str | None) -> None:
            if value and value.strip():
                self.notify(f"Importing {value.strip()}…", markup=False)
                self.set_status_note(f"importing {value.strip()}…")
                self.run_import(Path(value.strip()))

        self.push_screen(LineDialog("Import a path (file or site directory)", "",
                                    "", "~/lab-site/_pages or listing.txt"), done)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: Path) -> None:
        """Import path (worker thread: touches no widget, reports via call_from_thread)."""
        from datetime import date

        from tui.importing import apply_sources, collect_inputs, parse_inputs

        try:
            docs = collect_inputs([str(path.expanduser())])
            done = 0

            def advance(n: int) -> None:
                nonlocal done
                done += n
                self.call_from_thread(self.set_status_note, f"importing: {done}/{len(docs)} files")

            parsed = parse_inputs(docs, fmt=None, today=date.today(), advance=advance)
            self.call_from_thread(self.set_status_note, "importing: saving…")
            report = apply_sources(self.store, parsed)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a notice
            self.call_from_thread(self.import_failed, path, exc)
            return
        self.call_from_thread(self.import_done, path, report)

    def import_failed(self, path: Path, exc: Exception) -> None:
        """Show why an import failed; nothing was changed."""
        self.set_status_note("")
        self.notify(f"Import of {path} failed: {exc}", severity="error", timeout=10,
                    markup=False)

    async def import_done(self, path: Path, report: Any) -> None:
        """Reload rows, tabs and index after an import."""
        self.set_status_note("")
        warned = f" ({len(report.warnings)} warnings)" if report.warnings else ""
        self.notify(f"Imported {path}: {summary_line(report)}{warned}", markup=False)
        await self.reload_library()

    def action_import_arxiv_prompt(self) -> None:
        """Ask for arXiv ids, then fetch and import them in the background."""

        def done(value: str | None) -> None:
            ids = (value or "").replace(",", " ").split()
            if ids:
                self.set_status_note(f"fetching {len(ids)} arXiv ids…")
                self.run_arxiv_import(ids)

        self.push_screen(LineDialog("Import arXiv ids (space-separated)", "", "",
                                    "2002.12259 1904.00830"), done)

    @work(thread=True, exclusive=True, group="import")
    def run_arxiv_import(self, ids: list[str]) -> None:
        """Fetch ids from the arXiv API and import them (worker thread: no widget access)."""
        from tui.arxiv import fetch_ids, make_client, parse_id_args
        from tui.importing import ParsedSource, apply_sources

        label = Path("arXiv " + " ".join(ids))
        cancel = get_current_worker().cancelled_event  # set by Textual when the app quits
        try:
            clean_ids = parse_id_args(ids)
            result = fetch_ids(clean_ids, make_client(cancel=cancel))
            source = ParsedSource("arxiv:" + ",".join(clean_ids), "atom", "", result)
            report = apply_sources(self.store, [source])
        except Exception as exc:  # noqa: BLE001 - every failure becomes a notice
            if not cancel.is_set():
                self.call_from_thread(self.import_failed, label, exc)
            return
        self.call_from_thread(self.import_done, label, report)

    def action_export_prompt(self, default: str = "paperdeck-export.json") -> None:
        """Ask for a file name and write the shown papers to it."""

        def done(value: str | None) -> None:
            if value and value.strip():
                self.export_to(Path(value.strip()).expanduser())

        self.push_screen(LineDialog("Export the shown papers (.json, .md or .bib)", "",
                                    default), done)

    def export_to(self, path: Path) -> None:
        """Write the table's papers to path in the format its suffix asks for."""
        from tui.widgets.paper_table import PaperTable

        table = self.query_one(PaperTable)
        ids = [self.rows[i].id for i in table.order]
        papers = [p for p in (self.papers.get(i) if self.papers else self.store.get(i)
                              for i in ids) if p is not None]
        try:
            path.write_text(export_text(export_format(path), papers, self.annotations),
                            encoding="utf-8")
        except (OSError, ImportError, ValueError) as exc:
            self.notify(f"Export failed: {exc}", severity="error", markup=False)
            return
        self.notify(f"Exported {len(papers)} papers to {path}", markup=False)
