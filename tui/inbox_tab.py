"""The "New" tab's place among the browser's tabs: whether it is there, and first (no Textual)."""

from __future__ import annotations

from store.daily.follows import FollowList
from store.daily.inbox import Arrivals, InboxState
from store.errors import StoreError
from store.repository import Store
from tui.views import Group, View

NEW = "new"  # the view key of the inbox (section keys always hold a ':')
LABEL = "New"


def wants_inbox(store: Store) -> bool:
    """True when the user follows anything or has unseen arrivals."""
    try:
        if not FollowList(store.home).get().is_empty():
            return True
        return any(not entry.get("seen") for entry in Arrivals(store.home).all().values())
    except (OSError, StoreError):
        return False  # an unreadable follows.json or inbox.json: browse without the tab


def open_inbox(store: Store) -> InboxState | None:
    """The inbox state when the New tab is wanted, else None (its items are built later, in
    the inbox widget's worker, so the first paint does not wait for them)."""
    if not wants_inbox(store):
        return None
    try:
        return InboxState(store, load=False)
    except (OSError, StoreError):
        return None


def with_inbox(groups: list[Group], inbox: InboxState | None) -> list[Group]:
    """groups with the New tab first when there is an inbox."""
    if inbox is None:
        return groups
    return [Group(NEW, LABEL, [View(NEW, LABEL)]), *groups]
