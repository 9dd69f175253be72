"""The inbox at volume: one batch read for a day's arrivals, built later, other writers seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from store.daily.follows import FollowList, Follows
from store.daily.inbox import Arrivals, InboxState, build_items
from store.daily.matching import Matcher, author_matches
from store.models import Paper
from store.repository import Store
from tests.tui.test_inbox import arrive


class Counting:
    """A store that counts its one-paper reads."""

    def __init__(self, store: Store) -> None:
        """Wrap store."""
        self.store, self.home, self.calls = store, store.home, {"get": 0, "resolve": 0}

    def get(self, paper_id: str) -> Paper | None:
        """Count, then ask the store."""
        self.calls["get"] += 1
        return self.store.get(paper_id)

    def resolve(self, ref: str) -> Paper | None:
        """Count, then ask the store."""
        self.calls["resolve"] += 1
        return self.store.resolve(ref)

    def __getattr__(self, name: str) -> Any:
        """Everything else straight from the store."""
        return getattr(self.store, name)


def test_get_many_is_get_for_each_id(tmp_path: Path) -> None:
    """get_many gives what get gives (edits included), unknown ids left out, with the index
    fresh and with no index at all."""
    store = arrive(tmp_path / "home")
    ids = [p.id for p in store.papers()]
    store.set_edits(ids[0], {"title": "An Edited Title"})
    for _ in range(2):
        got = store.get_many([*ids, "p000000000", ids[1]])
        assert set(got) == set(ids)
        assert all(got[i] == store.get(i) for i in ids)
        assert got[ids[0]].title == "An Edited Title"
        store.drop_index()
    assert store.get_many([]) == {}


def test_a_day_is_built_from_one_batch(tmp_path: Path) -> None:
    """No read per arrival: only an arrival stored under another id is looked up alone."""
    store = arrive(tmp_path / "home")
    entries = Arrivals(store.home).all()
    first = min(entries)
    entries[first] = {**entries[first], "id": "p000000000"}  # merged under another record
    counting = Counting(store)
    state = InboxState(store)
    items = build_items(counting, entries, state.follows)  # type: ignore[arg-type]
    assert counting.calls == {"get": 0, "resolve": 1}
    assert [(i.paper.id, i.reasons) for i in items] == [
        (i.paper.id, i.reasons) for i in state.items()]


NAMES = st.sampled_from(["Zhiwei Xiong", "Z. Xiong", "Xiong, Zhiwei", "Zhíwei Xióng",
                         "Wei Xiong", "Zhiwei Xiongg", "X Zhiwei", "ZHIWEI XIONG", "Anna Müller",
                         "Anna Muller", "A. Müller", "Müller, Anna", "Lei", ""])


@settings(max_examples=300, deadline=None)
@given(watched=st.lists(NAMES, max_size=3), authors=st.lists(NAMES, max_size=6))
def test_matcher_agrees_with_the_rule_per_author(watched: list[str],
                                                 authors: list[str]) -> None:
    """The prepared Matcher finds exactly the authors the one-name rule finds."""
    paper = Paper(title="t", authors=authors)
    follows = Follows(authors=watched)
    expected = [f"author: {w}" for w in watched if any(author_matches(w, a) for a in authors)]
    assert Matcher(follows).reasons(paper) == expected


def test_deferred_state_builds_when_asked(tmp_path: Path) -> None:
    """load=False reads only the arrivals; build() and adopt() fill it; items built before
    a re-read are not adopted."""
    store = arrive(tmp_path / "home")
    state = InboxState(store, load=False)
    assert not state.loaded and state.items() == [] and state.unseen() == 4
    built = state.build()
    state.reload()
    assert not state.adopt(*built) and not state.loaded
    assert state.adopt(*state.build()) and len(state.items()) == 4 and state.unseen() == 4


def test_other_writers_are_noticed_own_writes_are_not(tmp_path: Path) -> None:
    """Another process's seen marks or follows change the stamp; this state's own do not."""
    store = arrive(tmp_path / "home")
    state = InboxState(store)
    assert not state.changed_on_disk()
    state.skip(state.items()[0])
    state.read(state.items()[0])
    assert not state.changed_on_disk() and state.unseen() == 2
    Arrivals(store.home).mark_seen(None)  # e.g. `paperdeck new --mark-seen`
    assert state.changed_on_disk()
    state.reload()
    assert not state.changed_on_disk() and state.items() == []
    FollowList(store.home).add(keywords=["sparse"])
    assert state.changed_on_disk()
