"""The work a keystroke in the search box costs: one search, one read of the shown paper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.models import Paper
from store.repository import Store
from tests.tui.library import make_store, ready, status
from tests.tui.test_bursts import burst
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable


class CountingStore(Store):
    """A Store that records the queries it fetched rows for and the papers it was asked for."""

    searched: list[str]
    got: list[str]

    def search(self, query: Any = "", **options: Any) -> Any:
        """Record the query of a page of rows (counts are not recorded), then search."""
        if options.get("limit", 50):
            self.searched.append(str(query))
        return super().search(query, **options)

    def get(self, paper_id: str) -> Paper | None:
        """Record the id, then read as usual."""
        self.got.append(paper_id)
        return super().get(paper_id)


def counting(home: Path) -> CountingStore:
    """A counting store over the fixture library in home."""
    make_store(home)
    store = CountingStore(home)
    store.searched, store.got = [], []
    return store


async def test_each_key_searches_once_and_reads_the_shown_paper_once(tmp_path: Path) -> None:
    """Typing a query key by key: one search per key, at most one paper read per key (the
    viewer is painted once, with the new top row, not first with the old one)."""
    store = counting(tmp_path / "home")
    app = PaperDeckApp(store, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        store.searched.clear()
        store.got.clear()
        for key in "video":
            await pilot.press(key)
        await pilot.pause()
        assert store.searched == ["v", "vi", "vid", "vide", "video"]
        assert len(store.got) <= 5
        table = app.query_one(PaperTable)
        assert app.state.current_id == table.current_id is not None
        assert store.got[-1] == table.current_id


async def test_a_burst_of_keys_is_searched_once_for_its_last_key(tmp_path: Path) -> None:
    """Keys that arrive together (a paste-speed burst) cost one search, for the whole query,
    and the count shown is that query's."""
    store = counting(tmp_path / "home")
    app = PaperDeckApp(store, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        store.searched.clear()
        burst(app, "/", *"video interp")
        await pilot.pause()
        await pilot.pause()
        assert store.searched == ["video interp"]
        total = Store(tmp_path / "home").count(query="video interp")
        assert f"{total} of " in status(app)
