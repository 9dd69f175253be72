"""The citing and editing keys in the real app: c/C/L/P copy, e/N edit in $EDITOR, X/u."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Button

from store.repository import Store
from tests.tui.library import ready, shown_titles
from tui.app import PaperDeckApp
from tui.screens.note_dialog import ConfirmDialog
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer

DEPTH = "Video Frame Interpolation with Depth"
EDITOR = '''
import sys
path = sys.argv[2]
text = open(path, encoding="utf-8").read()
with open(sys.argv[1], encoding="utf-8") as script:
    for line in script.read().splitlines():
        old, new = line.split(" => ")
        text = text.replace(old.replace("\\\\n", "\\n"), new.replace("\\\\n", "\\n"))
open(path, "w", encoding="utf-8").write(text)
'''


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts passed to the app's clipboard writer."""
    texts: list[str] = []
    monkeypatch.setattr(PaperDeckApp, "copy_to_clipboard", lambda self, text: texts.append(text))
    return texts


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scripted $EDITOR applying the `old => new` lines of the returned file."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, "utf-8")
    plan = tmp_path / "plan.txt"
    plan.write_text("", "utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script} {plan}")
    return plan


async def _goto(pilot: object, title: str) -> None:
    """Move the cursor to the paper titled title."""
    app = pilot.app  # type: ignore[attr-defined]
    app.query_one(PaperTable).cursor = shown_titles(app).index(title)
    await pilot.pause()  # type: ignore[attr-defined]


def _toasts(app: PaperDeckApp) -> list[str]:
    """Messages of the current notifications."""
    return [n.message for n in app._notifications]


def _viewer(app: PaperDeckApp) -> str:
    """The viewer's plain text."""
    return str(app.query_one(PaperViewer).query_one("#viewer-body").render())


async def test_c_copies_the_reference_in_the_chosen_style(store: Store,
                                                          copied: list[str]) -> None:
    """c copies APA; C switches to IEEE (remembered); c then copies IEEE."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, DEPTH)
        await pilot.press("c")
        await ready(pilot)
        assert copied == ["Bao, W., & Lai, W.-S. (2019). Video Frame Interpolation with Depth. "
                          "IEEE Conference on Computer Vision and Pattern Recognition 2019. "
                          "https://arxiv.org/abs/1904.00830"]
        await pilot.press("C")
        assert any(m.startswith("Citation style: ieee") for m in _toasts(app))
        await pilot.press("c")
        await ready(pilot)
        assert copied[-1].startswith("W. Bao and W.-S. Lai, “Video Frame Interpolation with "
                                     "Depth,” in IEEE Conference")
        assert any(m.startswith("Copied reference (ieee)") for m in _toasts(app))
    assert Store(store.home).setting("citation_style") == "ieee"


async def test_latex_and_pandoc_cite_keys(store: Store, copied: list[str]) -> None:
    """L copies \\cite{key}, P copies [@key], with the paper's stable key."""
    key = store.cite_keys()[next(r.id for r in store.rows() if r.title == DEPTH)]
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, DEPTH)
        await pilot.press("L", "P")
    assert copied == [f"\\cite{{{key}}}", f"[@{key}]"]


async def test_e_edits_the_record_in_editor(store: Store, plan: Path) -> None:
    """e opens the YAML in $EDITOR; the edited title shows in the table and the viewer."""
    plan.write_text(f"title: {DEPTH} => title: Depth-Aware Interpolation\n", "utf-8")
    pid = next(r.id for r in store.rows() if r.title == DEPTH)
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, DEPTH)
        await pilot.press("e")
        await ready(pilot)
        assert "Depth-Aware Interpolation" in shown_titles(app)
        assert DEPTH not in shown_titles(app)
        assert "Depth-Aware Interpolation" in _viewer(app)
        assert any(m.startswith("You set: title") for m in _toasts(app))
    paper = Store(store.home).get(pid)
    assert paper is not None and paper.title == "Depth-Aware Interpolation"


async def test_bad_edit_saves_nothing_and_says_why(store: Store, plan: Path) -> None:
    """Broken YAML from the editor: one notice, nothing saved, the app keeps running."""
    plan.write_text(f"title: {DEPTH} => title: [unclosed\n", "utf-8")
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, DEPTH)
        await pilot.press("e")
        await ready(pilot)
        assert any("not valid YAML" in m for m in _toasts(app))
        assert DEPTH in shown_titles(app) and app.is_running
    assert not (store.home / "edits.json").exists()


async def test_N_edits_the_note_in_editor(store: Store, plan: Path) -> None:
    """N opens the note as Markdown in $EDITOR; the viewer shows the new note."""
    plan.write_text(" => # Depth\\n\\n- read *twice*\n", "utf-8")
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, DEPTH)
        await pilot.press("N")
        await pilot.pause()
        assert "read *twice*" in _viewer(app)
    pid = next(r.id for r in store.rows() if r.title == DEPTH)
    assert Store(store.home).annotation(pid).note.startswith("# Depth")


async def test_remove_asks_then_undo_brings_it_back(store: Store) -> None:
    """X asks (Cancel first, then n keeps it); X then y removes; u undoes the removal."""
    pid = next(r.id for r in store.rows() if r.title == DEPTH)
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        count = len(shown_titles(app))
        await _goto(pilot, DEPTH)
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert isinstance(app.focused, Button) and app.focused.id == "no"
        await pilot.press("n")
        await pilot.pause()
        assert DEPTH in shown_titles(app)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await ready(pilot)
        assert DEPTH not in shown_titles(app) and len(shown_titles(app)) == count - 1
        assert Store(store.home).get(pid) is None
        assert any(m.startswith("Removed 'Video Frame") for m in _toasts(app))
        await pilot.press("u")
        await ready(pilot)
        assert DEPTH in shown_titles(app) and len(shown_titles(app)) == count
        assert any(m.startswith("Undid: remove papers") for m in _toasts(app))
    assert Store(store.home).get(pid) is not None


async def test_u_undoes_a_mark_and_says_when_nothing_is_left(store: Store) -> None:
    """s stars; u takes the star back (the journal covers marks); u again: nothing to undo."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, DEPTH)
        pid = app.state.current_id or ""
        await pilot.press("s")
        assert Store(store.home).annotation(pid).starred
        await pilot.press("u")
        await ready(pilot)
        assert not Store(store.home).annotation(pid).starred
        assert not app.state.shown(pid).starred
        for _ in range(5):  # the fixture's import is in the journal too
            await pilot.press("u")
            await ready(pilot)
        assert any(m == "Nothing to undo." for m in _toasts(app))


async def test_unusable_style_is_one_notice(store: Store, copied: list[str],
                                            tmp_path: Path) -> None:
    """A chosen .csl file that is missing or broken: one error notice, nothing copied."""
    broken = tmp_path / "broken.csl"
    broken.write_text("<style><oops", "utf-8")
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _goto(pilot, DEPTH)
        for style in (str(tmp_path / "missing.csl"), str(broken)):
            store.set_setting("citation_style", style)
            await pilot.press("c")
            await ready(pilot)
        assert copied == [] and app.is_running
        notes = _toasts(app)
        assert any(m.endswith("missing.csl: no such CSL style file") for m in notes)
        assert any("broken.csl: not a usable CSL style" in m for m in notes)


async def test_remove_the_tabs_source_asks_then_undo(tmp_path: Path) -> None:
    """The palette's "Remove this tab's source…" asks, removes what only that .bib brought
    (a paper another source lists stays), and u brings it all back."""
    import shutil

    from tests.tui.test_remove_undo import DATA
    from tui.cli import main

    home, other = tmp_path / "home", tmp_path / "other.bib"
    shutil.copy(DATA / "small.bib", other)
    other.write_text(other.read_text("utf-8").split("@article")[0], "utf-8")  # li2023 only
    assert main(["--home", str(home), "import", str(DATA / "small.bib"), str(other)]) == 0
    store = Store(home)
    small = next(c for c in store.collections() if c.source.endswith("small.bib"))
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.show_view(next(v.key for g in app.state.groups if g.key == small.id
                           for v in g.views))
        await pilot.pause()
        await app.run_action("do('remove_source')", app.browser)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await ready(pilot)
        assert sorted(shown_titles(app)) == ["Learning to Grasp Anything"]
        assert small.id not in [g.key for g in app.state.groups]
        assert any("2 papers removed, 1 kept" in m for m in _toasts(app))
        await pilot.press("u")
        await ready(pilot)
        assert len(shown_titles(app)) == 3
    assert len(Store(home).papers()) == 3
