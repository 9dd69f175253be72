"""The browsing state without Textual: tabs, query, sort, abstracts, marks, other processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from store.models import Row
from store.repository import Store
from tests.tui.library import LISTING, SITE
from tui.state import BrowserState


def titles(state: BrowserState) -> list[str]:
    """Titles of the current results, in order."""
    return [r.title for r in rows(state)]


def rows(state: BrowserState) -> list[Row]:
    """The current results' rows, in order (every page)."""
    found = state.results()
    return [r for r in (found.row(i) for i in range(len(found))) if r is not None]


def test_state_module_does_not_need_textual() -> None:
    """Importing tui.state loads no Textual module: tests drive it as a plain object."""
    code = "import sys, tui.state; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"


def test_tabs_query_and_sort(store: Store) -> None:
    """Walk tabs, narrow with a query, sort and reverse, all on the plain object."""
    state = BrowserState(store)
    assert state.view_key == "all" and len(state.results()) == 10
    state.set_view(state.step_view(1))
    assert state.view_key == f"{SITE}/2024-new" and len(titles(state)) == 2
    state.set_view(state.step_view(-2))
    assert state.view_key == f"{LISTING}/all"
    state.set_view("all")
    state.query = "denoising"
    assert sorted(titles(state)) == ["Raw Image Denoising in the Dark",
                                     "Self-Supervised Video Denoising"]
    state.query = ""
    state.sort_by("year")
    years = [r.year for r in rows(state)]
    assert years == sorted(years, reverse=True) and state.sort_label() == "year ↓"
    state.sort_by("year")
    assert state.sort_label() == "year ↑"
    assert BrowserState(store).sort_label() == "year ↑"  # remembered


def test_abstracts_and_marks(home: Path) -> None:
    """One abstract, all abstracts; a mark is stored and shown; another process is noticed."""
    state = BrowserState(Store(home))
    first, second = rows(state)[:2]
    pid = first.id
    state.toggle_abstract(pid)
    assert state.abstract_open(pid)
    state.toggle_all_abstracts()
    assert state.abstract_open(pid) and state.abstract_open(second.id)
    state.mark(pid, read=True)
    assert state.shown(pid).read and Store(home).annotation(pid).read
    assert state.changed_on_disk() == (False, False)  # its own write is not news
    Store(home).mark(second.id, starred=True)
    assert state.changed_on_disk() == (False, True)
    state.reread_annotations()
    assert state.shown(second.id).starred
