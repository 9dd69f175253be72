"""Palette actions: import a path or arXiv ids (in a worker), export the shown papers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.worker import get_current_worker

from tui.exporting import summary_line
from tui.safe import clean
from tui.screens.note_dialog import ConfirmDialog, LineDialog

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

EXPORT_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".bib": "bibtex"}


def import_prompt(screen: BrowserScreen) -> None:
    """Ask for a path, then import it in the background."""

    def done(value: str | None) -> None:
        if value and value.strip():
            path = Path(value.strip()).expanduser()
            screen.notify(f"Importing {clean(path)}…", markup=False)
            screen.set_status_note(f"importing {path}…")
            screen.run_worker(lambda: run_import(screen, path), thread=True, exclusive=True,
                              group="import")

    screen.app.push_screen(LineDialog("Import a path (file or site directory)", "", "",
                                      "~/lab-site/_pages or listing.txt", ok_label="Import"),
                           done)


def run_import(screen: BrowserScreen, path: Path) -> None:
    """Import path (worker thread: touches no widget, reports via call_from_thread)."""
    from datetime import date

    from tui.importing import apply_sources, collect_inputs, parse_inputs

    call = screen.app.call_from_thread
    try:
        docs = collect_inputs([str(path)])
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            call(screen.set_status_note, f"importing: {done}/{len(docs)} files")

        parsed = parse_inputs(docs, fmt=None, today=date.today(), advance=advance)
        call(screen.set_status_note, "importing: saving…")
        report = apply_sources(screen.state.store, parsed)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a notice
        call(import_failed, screen, path, exc)
        return
    call(import_done, screen, path, report)


def import_failed(screen: BrowserScreen, path: Path, exc: Exception) -> None:
    """Show why an import failed; nothing was changed."""
    screen.set_status_note("")
    screen.notify(f"Import of {clean(path)} failed: {clean(exc)}", severity="error", timeout=10,
                  markup=False)


async def import_done(screen: BrowserScreen, path: Path, report: Any) -> None:
    """Reload rows, tabs and index after an import."""
    screen.set_status_note("")
    warned = f" ({len(report.warnings)} warnings)" if report.warnings else ""
    screen.notify(f"Imported {clean(path)}: {summary_line(report)}{warned}", markup=False)
    await screen.reload_library()


def import_arxiv_prompt(screen: BrowserScreen) -> None:
    """Ask for arXiv ids, then fetch and import them in the background."""

    def done(value: str | None) -> None:
        ids = (value or "").replace(",", " ").split()
        if ids:
            start_arxiv_import(screen, ids)

    screen.app.push_screen(LineDialog("Import arXiv ids (space-separated)", "", "",
                                      "2002.12259 1904.00830", ok_label="Import"), done)


def start_arxiv_import(screen: BrowserScreen, ids: list[str]) -> None:
    """Fetch and import arXiv ids in a worker (cancelled when the app quits)."""
    screen.set_status_note(f"fetching {len(ids)} arXiv ids…")
    screen.run_worker(lambda: run_arxiv_import(screen, ids), thread=True, exclusive=True,
                      group="import")


def run_arxiv_import(screen: BrowserScreen, ids: list[str]) -> None:
    """Fetch ids from the arXiv API and import them (worker thread: no widget access)."""
    from tui.arxiv import fetch_ids, make_client, parse_id_args
    from tui.importing import ParsedSource, apply_sources

    call = screen.app.call_from_thread
    label = Path("arXiv " + " ".join(ids))
    cancel = get_current_worker().cancelled_event  # set by Textual when the app quits
    try:
        clean_ids = parse_id_args(ids)
        result = fetch_ids(clean_ids, make_client(cancel=cancel))
        source = ParsedSource("arxiv:" + ",".join(clean_ids), "atom", "", result)
        report = apply_sources(screen.state.store, [source])
    except Exception as exc:  # noqa: BLE001 - every failure becomes a notice
        if not cancel.is_set():
            call(import_failed, screen, label, exc)
        return
    call(import_done, screen, label, report)


def export_prompt(screen: BrowserScreen, default: str = "paperdeck-export.json") -> None:
    """Ask for a file name (prefilled with an absolute path) and write the shown papers."""

    def done(value: str | None) -> None:
        if value and value.strip():
            check_and_export(screen, Path(value.strip()).expanduser().absolute())

    start = str(Path.cwd() / default)
    screen.app.push_screen(LineDialog("Export the shown papers (.json, .md or .bib)", "",
                                      start, ok_label="Export"), done)


def check_and_export(screen: BrowserScreen, path: Path) -> None:
    """Refuse an unknown suffix; ask before overwriting a file; then export."""
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        screen.notify(f"Not exported: {clean(path)} has no known suffix "
                      "(use .json, .md or .bib).", severity="error", timeout=10, markup=False)
        return
    if path.exists():
        def answered(yes: bool | None) -> None:
            if yes:
                export_to(screen, path, fmt)
        screen.app.push_screen(ConfirmDialog(f"{path} exists. Overwrite it?", "Overwrite"),
                               answered)
        return
    export_to(screen, path, fmt)


def export_to(screen: BrowserScreen, path: Path, fmt: str) -> None:
    """Write the table's papers to path in format fmt, in a worker (the table's order)."""
    state = screen.state
    total = len(state.source) if state.ready else 0
    if not total:
        screen.notify(f"Nothing to export: the table is empty; {clean(path)} was not written.",
                      severity="warning", markup=False)
        return
    ask, store, annotations = state.ask(), state.store, dict(state.annotations)
    screen.set_status_note(f"exporting {total} papers…")

    def work() -> None:
        """Write the file (worker thread: touches no widget, reports via call_from_thread)."""
        from store.errors import StoreError
        from tui.export_shown import shown_chunks, write_export

        call = screen.app.call_from_thread
        said = [0]

        def progress(done: int) -> None:
            if done - said[0] >= max(total // 20, 2000) and done < total:
                said[0] = done
                call(screen.set_status_note, f"exporting: {done}/{total} papers…")

        try:
            written = write_export(path, fmt, shown_chunks(store, ask), annotations, total,
                                   progress)
        except (OSError, ImportError, ValueError, StoreError) as exc:
            call(export_failed, screen, exc)
            return
        call(export_done, screen, path, written)

    screen.run_worker(work, thread=True, exclusive=True, group="export")


def export_failed(screen: BrowserScreen, exc: Exception) -> None:
    """Say why the export failed (the target file was left as it was)."""
    screen.set_status_note("")
    screen.notify(f"Export failed: {clean(exc)}", severity="error", markup=False)


def export_done(screen: BrowserScreen, path: Path, written: int) -> None:
    """Say how many papers were exported where."""
    screen.set_status_note("")
    screen.notify(f"Exported {written} papers to {clean(path)}", markup=False)
