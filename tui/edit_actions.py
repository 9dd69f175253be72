"""What the editing keys do: the record and the note in $EDITOR, remove (asked), undo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from textual.app import App, SuspendNotSupported

from store.errors import StoreError
from tui import editor
from tui.actions import need_paper
from tui.results import ALL
from tui.safe import clean
from tui.screens.note_dialog import ConfirmDialog

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

T = TypeVar("T")


@contextmanager
def suspended(app: App[object]) -> Iterator[None]:
    """Give the terminal to another program (where the driver can; else run it as is)."""
    try:
        with app.suspend():
            yield
    except SuspendNotSupported:
        yield


def in_editor(screen: BrowserScreen, what: str, run: Callable[[], T]) -> T | None:
    """Run an $EDITOR flow with the app suspended; a failure is one notice, nothing saved."""
    try:
        with suspended(screen.app):
            return run()
    except StoreError as exc:
        screen.notify(str(exc), title=what, severity="error", markup=False)
        return None


async def edit_record(screen: BrowserScreen) -> None:
    """Edit the paper as YAML in $EDITOR; the user's fields win over later re-imports."""
    paper = need_paper(screen)
    if paper is None:
        return
    store = screen.state.store
    fields = in_editor(screen, "Edit", lambda: editor.edit_paper(store, paper.id))
    if fields is None:
        return
    await screen.reload_library()
    screen.notify(f"You set: {', '.join(fields)}." if fields else "No field of yours is set.",
                  markup=False)


def edit_note(screen: BrowserScreen) -> None:
    """Edit the paper's note as Markdown in $EDITOR."""
    paper = need_paper(screen)
    if paper is None:
        return
    store = screen.state.store
    before = store.annotation(paper.id).note
    note = in_editor(screen, "Note", lambda: editor.edit_note(store, paper.id))
    if note is None:
        return
    screen.state.reread_annotations()
    screen.after_mark()
    screen.notify("Note saved." if note != before else "Note unchanged.")


def remove_paper(screen: BrowserScreen) -> None:
    """Ask, then remove the paper from the library (u undoes it)."""
    paper = need_paper(screen)
    if paper is None:
        return
    pid, title = paper.id, clean(paper.display_title)[:60]

    async def answer(yes: bool | None) -> None:
        if not yes:
            return
        try:
            removed = screen.state.store.remove([pid])
        except StoreError as exc:
            screen.notify(str(exc), title="Remove", severity="error", markup=False)
            return
        await screen.reload_library()
        word = "Removed" if removed else "Nothing removed:"
        screen.notify(f"{word} {title!r} (u undoes).", markup=False)

    screen.app.push_screen(ConfirmDialog(f"Remove {title!r} from the library?", "Remove"),
                           answer)


def tab_source(screen: BrowserScreen) -> str | None:
    """The source (a .bib, a site…) that brought the current tab's collection, if known."""
    state = screen.state
    group = next((g for g in state.groups if any(v.key == state.view_key for v in g.views)), None)
    store = state.store
    found = next((c.source for c in store.collections() if group and c.id == group.key), "")
    sources = [s.id for s in store.sources()]
    if not found and group is not None and group.key != ALL and len(sources) == 1:
        found = sources[0]  # one source brought everything
    return found if found in sources else None


def remove_source(screen: BrowserScreen) -> None:
    """Ask, then remove what the current tab's source brought (papers listed elsewhere stay)."""
    source = tab_source(screen)
    if source is None:
        screen.notify("This tab's source is not known here; `paperdeck remove --source` "
                      "lists the sources.", severity="warning", markup=False)
        return

    async def answer(yes: bool | None) -> None:
        if not yes:
            return
        try:
            out = screen.state.store.remove_source(source)
        except StoreError as exc:
            screen.notify(str(exc), title="Remove", severity="error", markup=False)
            return
        await screen.reload_library()
        screen.notify(f"Removed source {source}: {len(out.removed)} papers removed, "
                      f"{len(out.trimmed)} kept (listed elsewhere too); u undoes.", markup=False)

    screen.app.push_screen(ConfirmDialog(
        f"Remove source {source} and the papers only it lists?", "Remove"), answer)


async def undo(screen: BrowserScreen) -> None:
    """Revert the last change to the library or the marks, then reload."""
    try:
        done = screen.state.store.journal.undo()
    except StoreError as exc:
        screen.notify(str(exc), title="Undo", severity="error", markup=False)
        return
    if done is None:
        screen.notify("Nothing to undo.", severity="warning")
        return
    await screen.reload_library()
    screen.notify(f"Undid: {done.label}.", markup=False)
