"""Search: narrowing as you type, counts, qualifiers, Esc, history and scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.repository import Store
from tests.tui.library import SITE, ready, shown_titles, status
from tui.app import PaperDeckApp
from tui.widgets.paper_table import PaperTable
from tui.widgets.search_bar import SearchBar


async def _type(pilot: object, text: str) -> None:
    """Press / and type text."""
    keys = [{" ": "space", '"': "quotation_mark"}.get(c, c) for c in text]
    await pilot.press("slash", *keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_results_narrow_with_every_keystroke(store: Store) -> None:
    """Each letter narrows the table; the count is shown."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        counts = []
        await pilot.press("slash")
        for key in ["d", "e", "n", "o"]:
            await pilot.press(key)
            await pilot.pause()
            counts.append(len(shown_titles(app)))
        assert counts[-1] < counts[0]
        assert counts == sorted(counts, reverse=True)
        assert sorted(shown_titles(app)) == [
            "Raw Image Denoising in the Dark", "Self-Supervised Video Denoising"]
        assert "2 of 10 match" in status(app)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("author:müller", ["Diffusion Models for Image Editing"]),
        ("author:muller", ["Diffusion Models for Image Editing"]),
        ("year:2019..2020", ["Video Frame Interpolation with Depth",
                             "Raw Image Denoising in the Dark",
                             "Content Adaptive and Error Propagation Aware Video Compression",
                             "Blurry Video Frame Interpolation"]),
        ("year:2021", ["Self-Supervised Video Denoising"]),
        ("video -denoising year:..2019", ["Video Frame Interpolation with Depth"]),
        ('"frame interpolation" has:code', ["Video Frame Interpolation with Depth"]),
        ("venue:cvpr", ["Video Frame Interpolation with Depth"]),
        ("title:raw", ["Raw Image Denoising in the Dark"]),
        ("cat:CV year:2022", ["Enhanced Deep Animation Video Interpolation"]),
        ("has:arxiv interpolation", ["Enhanced Deep Animation Video Interpolation",
                                     "Blurry Video Frame Interpolation"]),
    ],
)
async def test_qualifiers(store: Store, query: str, expected: list[str]) -> None:
    """Qualified queries typed into the box give exactly the expected papers and count."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _type(pilot, query)
        assert sorted(shown_titles(app)) == sorted(expected)
        assert f"{len(expected)} of 10 match" in status(app)


async def test_is_read_and_tag_follow_marks(store: Store) -> None:
    """is:read / is:unread / tag: reflect marks made in the app."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.query_one(PaperTable).current_id
        await pilot.press("r")
        await _type(pilot, "is:read")
        assert len(shown_titles(app)) == 1
        assert app.query_one(PaperTable).current_id == first
        await pilot.press("escape")
        await _type(pilot, "is:unread")
        assert len(shown_titles(app)) == 9


async def test_escape_clears_and_returns_to_table(store: Store) -> None:
    """Esc empties the box, restores every row and focuses the table."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _type(pilot, "raw")
        assert len(shown_titles(app)) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(SearchBar).value == ""
        assert len(shown_titles(app)) == 10
        assert isinstance(app.focused, PaperTable)


async def test_up_down_recall_history_across_runs(home: Path) -> None:
    """Submitted searches come back with up/down, also in the next run."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _type(pilot, "raw")
        await pilot.press("enter", "escape")
        await _type(pilot, "video")
        await pilot.press("enter")
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        bar = app.query_one(SearchBar)
        await pilot.press("slash", "up")
        assert bar.value == "video"
        await pilot.press("up")
        assert bar.value == "raw"
        await pilot.pause()
        assert shown_titles(app) == ["Raw Image Denoising in the Dark"]
        await pilot.press("down")
        assert bar.value == "video"
        await pilot.press("down")
        assert bar.value == ""


async def test_scope_toggle_between_tab_and_all(store: Store) -> None:
    """w switches the search between the current tab and all papers."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.state.view_key == f"{SITE}/editing-generation"
        await _type(pilot, "video")
        assert shown_titles(app) == ["Video Frame Interpolation with Depth"]
        assert "this tab" in status(app)
        await pilot.press("enter", "w")
        assert len(shown_titles(app)) == 6  # "video" is also in an abstract
        assert "all papers" in status(app)
        await pilot.press("w")
        assert len(shown_titles(app)) == 1


async def test_bad_query_does_not_crash(store: Store) -> None:
    """Unbalanced quotes, odd qualifiers and markup in a query are harmless."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _type(pilot, 'year:abc "unclosed [/] foo:bar -')
        assert app.is_running
        assert "of 10 match" in status(app)


async def test_search_left_with_escape_is_recalled(home: Path) -> None:
    """A search left with Esc (not Enter) comes back with ↑, also in the next run."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _type(pilot, "raw")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", "up")
        assert app.query_one(SearchBar).value == "raw"
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", "up")
        assert app.query_one(SearchBar).value == "raw"
