"""Palette → Rename this collection: the CLI's `paperdeck rename`, as a one-line dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.errors import StoreError
from tui.commands.rename import rename
from tui.safe import clean
from tui.screens.note_dialog import LineDialog

if TYPE_CHECKING:
    from tui.app import PaperDeckApp


def collection_of(view_key: str) -> str:
    """The collection id of a tab key (`<collection id>/<page>`); "" for All papers."""
    return view_key.split("/", 1)[0] if "/" in view_key else ""


def rename_current_collection(app: PaperDeckApp) -> None:
    """Ask for a new name for the current tab's collection and apply it."""
    cid = collection_of(str(getattr(app, "view_key", "")))
    current = next((c for c in app.store.collections() if c.id == cid), None)
    if current is None:
        app.notify("Move to a collection's tab first (] / [), then rename it.", markup=False)
        return

    def done(value: str | None) -> None:
        """Rename, then rebuild the tabs."""
        if value is None:
            return
        try:
            found = rename(app.store, cid, value)
        except StoreError as exc:
            app.notify(str(exc), severity="error", markup=False)
            return
        app.notify(f"Renamed to {clean(found.title)}", markup=False)
        app.call_later(app.reload_library)

    dialog = LineDialog("Rename collection (Enter saves; empty restores the imported name)",
                        clean(current.id), clean(current.title), "a name for this tab")
    app.push_screen(dialog, done)
