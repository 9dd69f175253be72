"""The browser shows what is true: other processes' marks and imports, no blind overwrites."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import Input, Label, TextArea

from store.repository import Store
from tests.tui.library import ready, shown_titles
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable

ROOT = Path(__file__).resolve().parents[2]


def other_process(home: Path, code: str) -> None:
    """Run code with `store = Store(home)` in a separate Python process."""
    script = f"from pathlib import Path\nfrom store.repository import Store\n" \
             f"store = Store(Path({str(home)!r}))\n{code}\n"
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, timeout=60)


async def wait_until(pilot: object, predicate: object, seconds: float = 3.0) -> bool:
    """Let the app run (real time) until predicate() holds; whether it did."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        await pilot.pause(0.1)  # type: ignore[attr-defined]
    return bool(predicate())  # type: ignore[operator]


async def test_marks_from_another_process_appear(home: Path) -> None:
    """Another process marks the highlighted paper read and starred: shown within 2 s."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        pid = table.current_id
        other_process(home, f"store.mark({pid!r}, read=True, starred=True)")
        assert await wait_until(pilot, lambda: table.render_line(1).text.startswith("·✓*"))
        assert "You: read, starred" in str(app.query_one("#viewer-body").render())


async def test_an_import_by_another_process_appears(home: Path) -> None:
    """Another process imports a profile: its rows and tab show up without a restart."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = len(shown_titles(app))
        other_process(home, "from tests.tui.test_watch import import_more\nimport_more(store)")
        assert await wait_until(pilot, lambda: len(shown_titles(app)) == before + 1)
        assert "A Paper Imported Elsewhere" in shown_titles(app)


def import_more(store: Store) -> None:
    """Import one extra paper (run by other_process)."""
    from importers.base import ImportResult
    from store.models import Paper, make_paper_id

    res = ImportResult()
    paper = Paper(title="A Paper Imported Elsewhere", authors=["Ada Lovelace"], year=2024)
    paper.id = make_paper_id(paper)
    res.papers.append(paper)
    store.apply_import(res, source="elsewhere", importer="test")


async def test_r_sets_the_opposite_of_what_is_shown(home: Path) -> None:
    """Shown unread, marked read elsewhere meanwhile: r keeps it read (never "Marked unread")."""
    app = PaperDeckApp(Store(home), watch_interval=0)  # the app has not seen the change
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pid = app.query_one(PaperTable).current_id
        other_process(home, f"store.mark({pid!r}, read=True)")
        await pilot.press("r")
        assert Store(home).annotation(pid).read
        assert any(n.message == "Marked read." for n in app._notifications)
        await pilot.press("s", "s")
        assert not Store(home).annotation(pid).starred


async def test_tags_dialog_saves_a_change_not_a_copy(home: Path) -> None:
    """A tag added elsewhere while the dialog is open survives; the user's change applies."""
    Store(home).mark(Store(home).rows()[0].id, tags=["keep", "drop"])
    app = PaperDeckApp(Store(home), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pid = app.query_one(PaperTable).current_id
        await pilot.press("t")
        await pilot.pause()
        other_process(home, f"store.mark({pid!r}, add_tags=['theirs'])")
        field = app.screen.query_one(Input)
        field.value = "keep, mine"
        await pilot.press("enter")
        await pilot.pause()
    assert sorted(Store(home).annotation(pid).tags) == ["keep", "mine", "theirs"]


async def test_note_changed_underneath_the_dialog_is_not_overwritten_silently(
        home: Path) -> None:
    """ctrl+s on a note changed elsewhere warns and keeps theirs; ctrl+s again replaces it."""
    app = PaperDeckApp(Store(home), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pid = app.query_one(PaperTable).current_id
        await pilot.press("n")
        await pilot.pause()
        other_process(home, f"store.mark({pid!r}, note='their note')")
        app.screen.query_one(TextArea).insert("my note")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Store(home).annotation(pid).note == "their note"
        warning = str(app.screen.query_one("#warning", Label).render())
        assert "their note" in warning and "ctrl+s again" in warning
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert Store(home).annotation(pid).note == "my note"


async def test_two_reloads_at_once_do_not_collide(home: Path) -> None:
    """The watcher and an import's end may reload together: one set of tabs, no crash."""
    import asyncio

    from tui.widgets.section_tabs import SectionTabs

    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await asyncio.gather(app.browser.reload_library(), app.browser.reload_library())
        await ready(pilot)
        assert len(app.screen.query(SectionTabs)) == 1
        assert len(shown_titles(app)) == 10
