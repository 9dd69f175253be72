"""The Textual-free inbox state, driven directly."""

from __future__ import annotations

from pathlib import Path

from store.daily.inbox import Arrivals, InboxState
from store.repository import Store
from tests.tui.test_inbox import arrive


def test_inbox_state_orders_groups_and_acts(tmp_path: Path) -> None:
    """Watched first within a day; toggle hides extras; star stays, read/skip leave."""
    store = arrive(tmp_path / "home")
    state = InboxState(store)
    items = state.items()
    assert [i.paper.arxiv_id for i in items][0] == "2611.00001"
    assert items[0].reasons == ["author: Zhiwei Xiong"] and not items[0].extra
    assert [(day, len(group)) for day, group in state.groups()] == [("2026-11-26", 4)]
    extras = {i.paper.arxiv_id for i in items if i.extra}
    assert extras == {"2611.00003", "2610.09999"}
    assert state.toggle_extras() is False and state.hidden_count() == 2
    assert {i.paper.arxiv_id for i in state.items()} == {"2611.00001", "2611.00002"}
    state.toggle_extras()
    first = state.items()[0]
    assert state.star(first) is True and store.annotation(first.paper.id).starred
    assert len(state.items()) == 4
    state.read(first)
    state.skip(state.items()[0])
    assert len(state.items()) == 2 and store.annotation(first.paper.id).read
    assert len(InboxState(Store(store.home)).items()) == 2  # persisted
    assert state.mark_all_seen() == 2 and state.items() == []
    assert InboxState(Store(store.home)).items() == []
    assert all(e["seen"] for e in Arrivals(store.home).all().values())


def test_replacement_arrives_again_after_seen(tmp_path: Path) -> None:
    """A seen paper that gets a new version is unseen again (as a replacement)."""
    store = arrive(tmp_path / "home")
    arrivals = Arrivals(store.home)
    arrivals.mark_seen(None)
    arrivals.add({"2611.00002": {"day": "2026-11-28", "kind": "replaced",
                                 "updated": "2026-11-27"}})
    items = InboxState(store).items()
    assert [(i.paper.arxiv_id, i.kind) for i in items] == [("2611.00002", "replaced")]
