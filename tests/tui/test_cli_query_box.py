"""The TUI's search box uses the same parser: OR, groups and arXiv ids work there too."""

from __future__ import annotations

import pytest

from store.repository import Store
from tests.tui.library import ready, shown_titles, status
from tui.app import PaperDeckApp

KEYS = {" ": "space", '"': "quotation_mark", "(": "left_parenthesis",
        ")": "right_parenthesis", ":": "colon", ".": "full_stop", "-": "minus"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("title:raw OR title:blurry", ["Raw Image Denoising in the Dark",
                                       "Blurry Video Frame Interpolation"]),
        ("(raw OR blurry) -title:raw", ["Blurry Video Frame Interpolation"]),
        ("2002.12259", ["Blurry Video Frame Interpolation"]),
    ],
)
async def test_search_box_or_groups_and_ids(store: Store, query: str,
                                            expected: list[str]) -> None:
    """Typed into the box, the query gives exactly these papers and their count."""
    app = PaperDeckApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *[KEYS.get(c, c) for c in query])
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(shown_titles(app)) == sorted(expected)
        assert f"{len(expected)} of 10 match" in status(app)
