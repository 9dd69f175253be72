"""Quitting the TUI during an arXiv fetch ends the fetch at once (#12 item 10)."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

import tui.arxiv
from store.repository import Store
from tests.data.local_http import Route, local_server
from tui.app import PaperDeckApp


async def test_quit_during_a_stalled_fetch_ends_the_fetch_promptly(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server never answers; after q the fetch call itself returns within 2 s."""
    returned = threading.Event()
    real_fetch = tui.arxiv.fetch_ids

    def fetch_ids(*args: Any, **kwargs: Any) -> Any:
        try:
            return real_fetch(*args, **kwargs)
        finally:
            returned.set()

    monkeypatch.setattr(tui.arxiv, "fetch_ids", fetch_ids)
    with local_server({"/api/query": Route(stall=True)}) as server:
        monkeypatch.setenv("PAPERDECK_ARXIV_URL", server.url("/api/query"))
        app = PaperDeckApp(store, load_in_background=False)
        async with app.run_test() as pilot:
            app.run_arxiv_import(["2002.12259"])
            for _ in range(100):
                if server.hits:
                    break
                await asyncio.sleep(0.02)
            assert server.hits, "the fetch never reached the server"
            await pilot.press("q")
        quit_at = time.monotonic()
        finished = await asyncio.to_thread(returned.wait, 10)
        assert finished and time.monotonic() - quit_at < 2.0
