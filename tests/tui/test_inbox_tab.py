"""The New tab in the real app: arrivals first, highlights, hiding, triage, all seen, restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Tabs

from store.daily.follows import FollowList
from store.repository import Store
from tests.tui.library import ready, shown_titles
from tests.tui.test_bursts import burst
from tests.tui.test_inbox import arrive, rows, update
from tui.app import PaperDeckApp
from tui.widgets.inbox import InboxView
from tui.widgets.paper_table import PaperTable
from tui.widgets.paper_viewer import PaperViewer
from tui.widgets.search_bar import SearchBar


def tab_labels(app: PaperDeckApp) -> list[str]:
    """The collection tabs' labels, in order."""
    tabs = app.query_one("#group-tabs", Tabs)
    return [str(tab.label) for tab in tabs.query("Tab")]


def viewer(app: PaperDeckApp) -> str:
    """The viewer's plain text."""
    return str(app.query_one(PaperViewer).query_one("#viewer-body").render())


def inbox_status(app: PaperDeckApp) -> str:
    """The inbox's status line."""
    return str(app.query_one("#inbox-status").render())


async def test_new_tab_arrival_highlight_hide_triage_all_seen_and_restart(
        tmp_path: Path) -> None:
    """The app opens on New: arrivals grouped by day, the watched author first and
    highlighted with the reason; x hides cross-lists and replacements; s/r/d triage;
    M marks all seen; on the next start the New tab is there and empty."""
    home = tmp_path / "home"
    store = arrive(home)
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert tab_labels(app)[0] == "New" and app.state.in_inbox
        assert app.screen.has_class("inbox-mode")
        assert isinstance(app.focused, OptionList)
        assert not app.query_one(PaperTable).display or not app.query_one(PaperTable).region
        shown = rows(app)
        assert len(shown) == 4
        assert shown[0].startswith("★") and "Video Frame Interpolation" in shown[0]
        assert "author: Zhiwei Xiong" in shown[0]
        options = app.query_one(OptionList)
        heading = str(options.get_option_at_index(0).prompt)
        assert heading.startswith("2026-11-") and options.get_option_at_index(0).disabled
        prompt = options.get_option_at_index(1).prompt
        assert any("yellow" in str(span.style) for span in prompt.spans)  # type: ignore[union-attr]
        first = store.resolve("2611.00001")
        assert first is not None
        assert app.state.current_id == first.id and "Video Frame Interpolation" in viewer(app)
        await pilot.press("j")  # the viewer follows the inbox's cursor
        assert app.state.current_id != first.id
        await pilot.press("k")
        assert app.state.current_id == first.id
        await pilot.press("x")
        hidden = rows(app)
        assert len(hidden) == 2
        assert not any("[cross-list]" in r or "[replaced]" in r for r in hidden)
        assert "cross-lists/replacements hidden" in inbox_status(app)
        await pilot.press("x")
        assert len(rows(app)) == 4
        await pilot.press("s")  # star: stays in the list; the browser's marks know it
        assert Store(home).annotation(first.id).starred and app.state.shown(first.id).starred
        assert len(rows(app)) == 4
        await pilot.press("r")  # read: leaves the list
        assert Store(home).annotation(first.id).read and len(rows(app)) == 3
        await pilot.press("d")  # skip: seen, not read
        assert len(rows(app)) == 2
        await pilot.press("M")
        await pilot.pause()
        assert rows(app) == [] and "Nothing new" in inbox_status(app)
        await pilot.press("right_square_bracket")  # the other tabs show the table as before
        assert not app.state.in_inbox and not app.screen.has_class("inbox-mode")
        assert isinstance(app.focused, PaperTable) and len(shown_titles(app)) == 4
    again = PaperDeckApp(Store(home))
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert tab_labels(again)[0] == "New"
        await pilot.press("left_square_bracket")  # the remembered tab was the next one
        assert again.state.in_inbox
        assert rows(again) == [] and "Nothing new" in inbox_status(again)


async def test_arrival_while_open_and_no_tab_without_follows(tmp_path: Path) -> None:
    """No follows, no arrivals: no New tab. Follow and update from another process: the
    browser adopts the new library and the New tab appears, listing the arrivals."""
    home = tmp_path / "home"
    home.mkdir()
    app = PaperDeckApp(Store(home), watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert "New" not in tab_labels(app) and not app.query(InboxView)
        FollowList(home).add(categories=["cs.CV"], authors=["Zhiwei Xiong"])
        update(Store(home))  # another process's `paperdeck update`
        await app.browser.check_disk()
        await ready(pilot)
        assert tab_labels(app)[0] == "New"
        app.show_view("new")
        await ready(pilot)
        shown = rows(app)
        assert len(shown) == 3 and "Zhiwei Xiong" in shown[0]


async def test_search_from_new_covers_all_papers_and_inbox_keys_are_text(
        tmp_path: Path) -> None:
    """/ on New searches all papers; x M s r d typed after / go into the box, nothing is
    marked or hidden."""
    home = tmp_path / "home"
    store = arrive(home)
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.state.in_inbox
        burst(app, "/", *"xMsrd")
        await ready(pilot)
        assert app.query_one(SearchBar).value == "xMsrd"
        assert isinstance(app.focused, SearchBar) and not app.state.in_inbox
        await pilot.press("escape")
        assert isinstance(app.focused, PaperTable)
    assert Store(home).annotations() == {}
    fresh = PaperDeckApp(Store(home))
    async with fresh.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert fresh.state.in_inbox and len(rows(fresh)) == 4  # nothing was marked seen


async def test_edit_from_new_keeps_the_tab_and_shows_the_edit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """e on an inbox paper: the library reloads, New stays current and lists the new title."""
    import sys

    script = tmp_path / "editor.py"
    script.write_text("import sys\np = sys.argv[1]\nt = open(p).read()\n"
                      "open(p, 'w').write(t.replace('Event Cameras', 'Event Sensors'))\n", "utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    app = PaperDeckApp(arrive(tmp_path / "home"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await ready(pilot)
        assert app.state.in_inbox and app.screen.has_class("inbox-mode")
        shown = rows(app)
        assert len(shown) == 4 and "Video Frame Interpolation with Event Sensors" in shown[0]
        assert "Event Sensors" in viewer(app)
        assert isinstance(app.focused, OptionList)
