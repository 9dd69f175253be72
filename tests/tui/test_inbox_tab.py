"""The New tab in the real app: arrivals first, highlights, hiding, triage, all seen, restart."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Tabs

from store.daily.follows import FollowList
from store.daily.inbox import Arrivals, InboxState
from store.models import Paper
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


async def test_another_process_marks_all_seen_and_new_empties(tmp_path: Path) -> None:
    """A second Store marks everything seen (as `paperdeck new --mark-seen` does): the open
    app's New tab empties within the watcher's second, without a restart."""
    home = tmp_path / "home"
    app = PaperDeckApp(arrive(home), watch_interval=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert len(rows(app)) == 4
        assert InboxState(Store(home)).mark_all_seen() == 4
        for _ in range(40):
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            if not rows(app):
                break
        assert rows(app) == [] and "Nothing new" in inbox_status(app)
        assert app.state.in_inbox


async def test_wrapped_row_keeps_category_and_reason_apart(tmp_path: Path) -> None:
    """At 80 columns the watched row wraps: its category is set off by a separator and the
    reason has its own indented line, never run into the category."""
    app = PaperDeckApp(arrive(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        options = app.query_one(OptionList)
        lines = [options.render_line(y).text.rstrip() for y in range(options.size.height)]
        at = next(i for i, line in enumerate(lines) if "author: Zhiwei Xiong" in line)
        assert lines[at].startswith("    author: Zhiwei Xiong"), lines
        above = " ".join(lines[1:at])
        assert "Video Frame Interpolation" in above and " · cs.CV" in above
        replaced = next(line for line in lines if "[replaced]" in line)
        assert "cs.CV · [replaced]" in replaced


class SlowStore(Store):
    """A store whose batch read waits for the test (a big library's day, held open)."""

    gate = threading.Event()

    def get_many(self, ids: Iterable[str]) -> dict[str, Paper]:
        """Wait for the gate, then read."""
        assert self.gate.wait(20)
        return super().get_many(ids)


async def test_new_tab_paints_before_its_items_and_keys_work_meanwhile(
        tmp_path: Path) -> None:
    """The arrivals are read in a worker: New is painted at once saying what it reads, keys
    move between tabs meanwhile, M marks nothing, and the list fills when the read ends."""
    home = tmp_path / "home"
    arrive(home)
    SlowStore.gate.clear()
    app = PaperDeckApp(SlowStore(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.state.in_inbox and rows(app) == []
        assert "Reading 4 new arrivals" in inbox_status(app)
        await pilot.press("M")
        await pilot.press("right_square_bracket")
        assert not app.state.in_inbox
        await pilot.press("left_square_bracket")
        assert app.state.in_inbox
        SlowStore.gate.set()
        await ready(pilot)
        assert len(rows(app)) == 4 and inbox_status(app) == "New: 4"
    assert all(not e["seen"] for e in Arrivals(home).all().values())


async def test_a_big_day_lists_its_first_rows_first(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The first rows are listed while the rest are still being made; then all, the cursor
    where the user moved it."""
    from tui.widgets import inbox as inbox_widget

    home = tmp_path / "home"
    arrive(home)
    gate, calls = threading.Event(), []
    build = inbox_widget.Prompts.build

    def held(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            assert gate.wait(20)
        return build(*args)

    monkeypatch.setattr(inbox_widget, "FIRST_ROWS", 2)
    monkeypatch.setattr(inbox_widget.Prompts, "build", staticmethod(held))
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if rows(app):
                break
        first = rows(app)
        assert len(first) == 2 and "Zhiwei Xiong" in first[0] and inbox_status(app) == "New: 4"
        await pilot.press("j")
        highlighted = app.query_one(OptionList).highlighted
        gate.set()
        await ready(pilot)
        assert len(rows(app)) == 4 and rows(app)[:2] == first
        assert app.query_one(OptionList).highlighted == highlighted
