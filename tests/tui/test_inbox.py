"""The inbox widget in a small Pilot harness: arrival, highlights, hiding, all seen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from importers.oai_arxiv import parse_page
from store.daily.follows import FollowList
from store.daily.inbox import InboxState
from store.daily.oai import OaiHarvester
from store.daily.update import Updater
from store.net.http import FetchPolicy, HttpClient
from store.repository import Store
from tests.data.oai_server import day_one, fake_oai
from tests.store.daily.test_update import TODAY, FakeClock
from tui.widgets.inbox import InboxView


class Harness(App[None]):
    """Just the inbox, on a store."""

    def __init__(self, store: Store) -> None:
        """Remember the store."""
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        """The widget under test."""
        yield InboxView(InboxState(self.store), id="inbox")


def arrive(home: Path) -> Store:
    """A store following cs.CV/cs.LG and Zhiwei Xiong, after one update from the fake server."""
    store = Store(home)
    home.mkdir(parents=True, exist_ok=True)
    FollowList(home).add(categories=["cs.CV", "cs.LG"], authors=["Zhiwei Xiong"])
    update(store)
    return store


def update(store: Store) -> None:
    """One update of store from the fake server serving day one."""
    home = store.home
    clock = FakeClock()
    with fake_oai(clock) as server:
        server.records = day_one()
        client = HttpClient(FetchPolicy(min_interval=3.0), clock=clock, sleep=clock.sleep)
        Updater(store, FollowList(home).get(), today=TODAY, sets=["cs"],
                harvester=OaiHarvester(client, server.url),
                parse_oai=lambda t, s, spec: parse_page(t, source=s, set_spec=spec)).run()


def rows(app: App[None]) -> list[str]:
    """The plain text of every enabled row."""
    options = app.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
            if not options.get_option_at_index(i).disabled]


async def test_inbox_arrival_highlight_hide_and_all_seen(tmp_path: Path) -> None:
    """Arrivals show, the watched author first and highlighted; x hides cross-lists and
    replacements; M marks all seen, and the tab is empty on the next start."""
    store = arrive(tmp_path / "home")
    app = Harness(store)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = rows(app)
        assert len(shown) == 4
        assert shown[0].startswith("★") and "Video Frame Interpolation" in shown[0]
        assert "author: Zhiwei Xiong" in shown[0]
        prompt = app.query_one(OptionList).get_option_at_index(1).prompt
        assert any("yellow" in str(span.style) for span in prompt.spans)  # type: ignore[union-attr]
        assert any("[cross-list]" in r for r in shown)
        assert any("[replaced]" in r for r in shown)
        await pilot.press("x")
        hidden = rows(app)
        assert len(hidden) == 2 and not any("[cross-list]" in r or "[replaced]" in r
                                            for r in hidden)
        await pilot.press("x")
        assert len(rows(app)) == 4
        await pilot.press("s")  # star the first (watched) paper; it stays
        first = store.resolve("2611.00001")
        assert first is not None and store.annotation(first.id).starred
        assert len(rows(app)) == 4
        await pilot.press("r")  # read it: it leaves the list
        assert store.annotation(first.id).read and len(rows(app)) == 3
        await pilot.press("d")  # skip the next: seen, not read
        assert len(rows(app)) == 2
        await pilot.press("M")
        await pilot.pause()
        assert rows(app) == []
    again = Harness(Store(tmp_path / "home"))
    async with again.run_test(size=(100, 30)):
        assert rows(again) == []
        assert "Nothing new" in str(again.query_one("#inbox-status").render())


async def test_arrival_while_open(tmp_path: Path) -> None:
    """Open on an empty inbox; an update arrives; reload shows it."""
    home = tmp_path / "home"
    home.mkdir()
    FollowList(home).add(categories=["cs.CV"], authors=["Zhiwei Xiong"])
    store = Store(home)
    app = Harness(store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert rows(app) == []
        update(store)
        app.query_one(InboxView).reload()
        await pilot.pause()
        shown = rows(app)
        assert len(shown) == 3 and "Zhiwei Xiong" in shown[0]  # cs.LG-only paper not followed
