"""Keys that arrive in bursts (one SSH packet, a paste, a held key) land where they were meant."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.keys import _character_to_key

from importers.base import ImportResult
from store.models import Paper
from store.repository import Store
from tests.tui.library import SITE, make_store, ready, shown_titles
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer
from tui.widgets.search_bar import SearchBar
from tui.widgets.section_tabs import SectionTabs


def key_event(key: str) -> events.Key:
    """A Key event as a terminal driver makes it, for a key name or one character."""
    if len(key) == 1:
        name = key if key.isalnum() else _character_to_key(key)
        return events.Key(name, key)
    chars = {"space": " ", "slash": "/", "right_square_bracket": "]"}
    return events.Key(key, chars.get(key))


def burst(app: App[None], *keys: str) -> None:
    """Post every key at once, without letting the app run in between (one write)."""
    for key in keys:
        app.post_message(key_event(key))


class GatedStore(Store):
    """A Store whose full load (papers()) waits until the test opens the gate."""

    gate: threading.Event

    def papers(self) -> list[Paper]:
        """Wait for the gate, then load as usual."""
        self.gate.wait(10)
        return super().papers()


def gated(home: Path) -> GatedStore:
    """A gated store over home (the gate starts closed)."""
    store = GatedStore(home)
    store.gate = threading.Event()
    return store


def _toasts(app: App[None]) -> list[str]:
    """Messages of the current notifications."""
    return [n.message for n in app._notifications]


async def test_slash_and_text_in_one_write_before_loading(home: Path) -> None:
    """/ and a query in one write, at the first frame, before the library loaded: all typed."""
    store = gated(home)
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "/", *"cat:cv rst nycoaf")  # every letter here is also a command key
        await pilot.pause()
        assert app.query_one(SearchBar).value == "cat:cv rst nycoaf"
        assert isinstance(app.focused, SearchBar)
        store.gate.set()
        await ready(pilot)
        assert app.query_one(SearchBar).value == "cat:cv rst nycoaf"
        assert app.screen.query("SearchBar")  # no dialog or help screen was pushed
        assert not app.screen.has_class("viewer-full")
        said = ("Copied", "Opened", "Marked", "Starred")
        assert not any(m.startswith(said) for m in _toasts(app))
        assert app.is_running
    assert Store(home).annotations() == {}


async def test_query_typed_before_the_first_rows_is_kept(home: Path) -> None:
    """A query and Enter, then j: the query lands, Enter leaves the box, j moves the table."""
    store = gated(home)
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "/", *"video", "enter", "j")
        await pilot.pause()
        table = app.query_one(PaperTable)
        assert table.cursor == 1  # j moved the table, after Enter left the box
        second = table.current_id
        store.gate.set()
        await ready(pilot)
        assert app.query_one(SearchBar).value == "video"
        assert isinstance(app.focused, PaperTable)
        assert 1 < len(shown_titles(app)) < 10  # narrowed by the query
        assert table.current_id == second
    assert Store(home).annotations() == {}


async def test_paste_after_slash(home: Path) -> None:
    """A paste right after / (same write) goes into the search box, in order with typed keys."""
    store = gated(home)
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(key_event("/"))
        app.post_message(events.Paste("frame interp"))
        burst(app, *"olation")
        await pilot.pause()
        assert app.query_one(SearchBar).value == "frame interpolation"
        store.gate.set()
        await ready(pilot)
        assert sorted(shown_titles(app)) == [
            "Blurry Video Frame Interpolation", "Video Frame Interpolation with Depth"]
    assert Store(home).annotations() == {}


async def test_slash_inside_the_query_is_text(store: Store) -> None:
    """A second / typed into the box is part of the query, not a new search."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        burst(app, "/", *"a/b")
        await pilot.pause()
        assert app.query_one(SearchBar).value == "a/b"


async def test_escape_in_a_burst_leaves_search_and_keys_after_it_are_commands(
        home: Path) -> None:
    """/x Esc r in one write: the box is cleared and r marks the highlighted paper."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        first = app.query_one(PaperTable).current_id
        burst(app, "/", "x", "escape", "r")
        await pilot.pause()
        assert app.query_one(SearchBar).value == ""
        assert isinstance(app.focused, PaperTable)
    assert first is not None and Store(home).annotation(first).read


async def test_four_right_brackets_in_one_write_move_four_tabs(store: Store) -> None:
    """]]]] in one write ends on the fourth page (Denoising), as four presses would."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        burst(app, *"]]]]")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(SectionTabs).current == f"{SITE}/denoising"
        burst(app, *"]]]")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(SectionTabs).current == "all"


async def test_five_separate_right_brackets_move_five_tabs(store: Store) -> None:
    """Five presses, each settled, go five pages on."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for _ in range(5):
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert app.query_one(SectionTabs).current == "profile:zhiyong-gao/all"


async def test_ten_j_in_one_write_move_the_table_ten_rows(tmp_path: Path) -> None:
    """jjjjjjjjjj in one write: ten rows down."""
    res = ImportResult()
    for i in range(40):
        paper = Paper(title=f"Paper {i:02d}", authors=["A B"], year=2020)
        paper.id = f"p{i:09x}"
        res.papers.append(paper)
    app = PaperDeckApp(make_store(tmp_path / "h", res))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        burst(app, *"j" * 10)
        await pilot.pause()
        assert app.query_one(PaperTable).cursor == 10


async def test_ten_j_in_one_write_scroll_the_viewer_ten_lines(tmp_path: Path) -> None:
    """In the viewer, ten j in one write scroll ten lines; k goes back one each."""
    res = ImportResult()
    paper = Paper(title="A long paper", authors=["A B"], year=2020,
                  abstract="\n".join(f"Line {i} of a long abstract." for i in range(80)))
    paper.id = "p000000001"
    res.papers.append(paper)
    app = PaperDeckApp(make_store(tmp_path / "h", res))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("a", "v")
        await pilot.pause()
        viewer = app.query_one(PaperViewer)
        assert viewer.has_focus
        burst(app, *"j" * 10)
        await pilot.pause()
        await pilot.pause()
        assert viewer.scroll_y == 10
        burst(app, *"kkk")
        await pilot.pause()
        await pilot.pause()
        assert viewer.scroll_y == 7


class EarlyKeys(PaperDeckApp):
    """An app that receives a burst of keys before its first frame (typed while it starts)."""

    keys: tuple[str, ...] = ()

    def on_load(self) -> None:
        """Queue the keys before anything is composed or mounted."""
        burst(self, *self.keys)


async def test_keys_typed_while_the_app_starts_are_kept(home: Path) -> None:
    """/ and a query that arrive before the screen is even mounted land in the search box."""
    app = EarlyKeys(Store(home))
    app.keys = ("/", *"cat:CV rst")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.query_one(SearchBar).value == "cat:CV rst"
        assert isinstance(app.focused, SearchBar)
        assert not app.screen.has_class("viewer-full")
    assert Store(home).annotations() == {}


async def test_enter_typed_before_the_tty_was_raw_ends_the_search(home: Path) -> None:
    """An Enter typed while the app starts arrives as a newline (ctrl+j): it ends the search."""
    app = EarlyKeys(Store(home))
    app.keys = ("/", *"raw", "ctrl+j", "w")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.query_one(SearchBar).value == "raw"
        assert isinstance(app.focused, PaperTable)
        assert app.state.scope_all


async def test_cite_and_edit_keys_after_slash_are_text(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """/ then c C L P e N X u M x in one write: all typed; nothing copied, edited or removed."""
    ran = tmp_path / "editor-ran"
    monkeypatch.setenv("EDITOR", f"touch {ran}")
    monkeypatch.delenv("VISUAL", raising=False)
    copies: list[str] = []
    monkeypatch.setattr(PaperDeckApp, "copy_to_clipboard", lambda self, text: copies.append(text))
    store = Store(home)
    before = len(store.rows())
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        burst(app, "/", *"cCLPeNXuMx")
        await ready(pilot)
        assert app.query_one(SearchBar).value == "cCLPeNXuMx"
        assert isinstance(app.focused, SearchBar)
        assert app.screen.query("SearchBar")  # no confirm dialog was pushed
        assert copies == [] and not ran.exists()
    assert len(Store(home).rows()) == before
    assert Store(home).setting("citation_style") is None
    assert Store(home).annotations() == {}


async def test_moves_and_a_mark_in_one_write_mark_the_row_reached(home: Path) -> None:
    """`jjr` and `jja` in one write act on the third row, never on the row the moves left."""
    store = Store(home)
    app = PaperDeckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.query_one(PaperTable)
        first, third = (table.row_at(i).id for i in (0, 2))
        burst(app, *"jjr")
        await ready(pilot)
        assert table.current_id == third
        burst(app, *"jja")
        await ready(pilot)
        fifth = table.current_id
        assert app.state.abstract_open(fifth) and not app.state.abstract_open(third)
    marks = Store(home).annotations()
    assert marks.get(third) is not None and marks[third].read
    assert first not in marks or not marks[first].read
