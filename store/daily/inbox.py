"""The inbox: what arrived (inbox.json) and the plain state object the "New" tab shows."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from store.daily.files import FOLLOWS_FILE, inbox_file
from store.daily.follows import FollowList, Follows
from store.daily.matching import Matcher, is_cross_list
from store.models import Annotation, Paper

KEEP_SEEN_DAYS = 30


class StoreLike(Protocol):
    """What the inbox needs from store.repository.Store."""

    home: Path

    def resolve(self, ref: str) -> Paper | None:
        """A paper by arXiv id."""
        ...

    def get_many(self, ids: Iterable[str]) -> dict[str, Paper]:
        """Papers by id, with the user's edits (unknown ids missing)."""
        ...

    def get(self, paper_id: str) -> Paper | None:
        """A paper by id, with the user's edits (as the rest of the app shows it)."""
        ...

    def annotation(self, paper_id: str) -> Annotation:
        """A paper's marks."""
        ...

    def mark(self, paper_id: str, **marks: Any) -> Annotation:
        """Change a paper's marks."""
        ...


def now_iso() -> str:
    """The current UTC time, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Arrivals:
    """inbox.json: arrivals by arXiv id ({day, kind, at, seen}), written atomically."""

    def __init__(self, home: Path) -> None:
        """Manage the arrivals of the user whose data directory is home."""
        self.file = inbox_file(home)

    def all(self) -> dict[str, dict[str, Any]]:
        """Every remembered arrival by arXiv id."""
        found = self.file.read().get("arrivals", {})
        return {k: v for k, v in found.items() if isinstance(v, dict)}

    def add(self, entries: Mapping[str, Mapping[str, Any]], *, at: str | None = None) -> None:
        """Record arrivals (an arrival again, say a replacement, is unseen again)."""
        if not entries:
            return
        stamp = at or now_iso()
        cutoff = (datetime.now(UTC) - timedelta(days=KEEP_SEEN_DAYS)).isoformat()

        def change(payload: dict[str, Any]) -> None:
            """Merge the entries; forget seen arrivals older than KEEP_SEEN_DAYS."""
            known = {
                k: v for k, v in payload.get("arrivals", {}).items()
                if isinstance(v, dict) and not (v.get("seen") and v.get("at", "") < cutoff)
            }
            for arxiv_id, entry in entries.items():
                known[arxiv_id] = {**entry, "at": stamp, "seen": False}
            payload["arrivals"] = known

        self.file.update(change)

    def mark_seen(self, arxiv_ids: Iterable[str] | None = None) -> int:
        """Mark some (None: all) arrivals seen; returns how many changed."""
        wanted = None if arxiv_ids is None else set(arxiv_ids)

        def change(payload: dict[str, Any]) -> int:
            """Set seen on the chosen unseen entries and remember when the user looked."""
            count = 0
            for arxiv_id, entry in payload.get("arrivals", {}).items():
                if (wanted is None or arxiv_id in wanted) and not entry.get("seen"):
                    entry["seen"] = True
                    count += 1
            if wanted is None:
                payload["last_looked"] = now_iso()
            return count

        return self.file.update(change)


@dataclass(slots=True)
class InboxItem:
    """One paper in the inbox and why it is there."""

    paper: Paper
    day: str
    kind: str  # "new" or "replaced"
    reasons: list[str] = field(default_factory=list)
    cross_list: bool = False
    at: str = ""

    @property
    def watched(self) -> bool:
        """True when a watched author or keyword brought it."""
        return bool(self.reasons)

    @property
    def extra(self) -> bool:
        """True for a cross-list or replacement (the kind one key hides)."""
        return self.cross_list or self.kind == "replaced"


def build_items(store: StoreLike, entries: Mapping[str, Mapping[str, Any]],
                follows: Follows) -> list[InboxItem]:
    """Inbox items for arrival entries, newest day first, watched ones first within a day."""
    found = store.get_many(str(e.get("id", "")) for e in entries.values()) if entries else {}
    match = Matcher(follows)
    items: list[InboxItem] = []
    for arxiv_id, entry in entries.items():
        # by the recorded id (one batch); else by arXiv id (merged under another id)
        paper = found.get(str(entry.get("id", ""))) or store.resolve(arxiv_id)
        if paper is None:
            continue  # the update was interrupted before it stored this paper
        items.append(InboxItem(
            paper=paper, day=str(entry.get("day", "")), kind=str(entry.get("kind", "new")),
            reasons=match.reasons(paper), cross_list=is_cross_list(paper, follows),
            at=str(entry.get("at", "")),
        ))
    items.sort(key=lambda i: (i.paper.arxiv_id, i.paper.id))
    items.sort(key=lambda i: not i.watched)
    items.sort(key=lambda i: i.day, reverse=True)
    return items


def stamp(path: Path) -> str:
    """A file's freshness key (size, mtime, inode, ctime); "-" when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|{st.st_ctime_ns}"


class InboxState:
    """The "New" list: unseen arrivals, highlights, and the actions on them (no Textual).

    With load=False the items are not built yet: `build()` (safe in a worker thread) and
    `adopt()` do it later, so a screen can paint first.
    """

    def __init__(self, store: StoreLike, *, load: bool = True) -> None:
        """Read the unseen arrivals of the store's user (and build the items when load)."""
        self.store = store
        self.arrivals = Arrivals(store.home)
        self.follows = FollowList(store.home).get()
        self.deferred = not load
        self.show_extras = True
        self.loaded = False
        self.generation = 0
        self._unseen: dict[str, dict[str, Any]] = {}
        self._items: list[InboxItem] = []
        self._stamp = ""
        self.reload()

    def reload(self) -> None:
        """Re-read arrivals and follows (and rebuild the items unless deferred)."""
        self._stamp = self.disk_stamp()
        self.follows = FollowList(self.store.home).get()
        self._unseen = {k: v for k, v in self.arrivals.all().items() if not v.get("seen")}
        self.generation += 1
        self.loaded = False
        if not self.deferred:
            self.adopt(*self.build())

    def build(self) -> tuple[int, list[InboxItem]]:
        """(generation, items) of the arrivals last read; reads the store, changes nothing."""
        return self.generation, build_items(self.store, self._unseen, self.follows)

    def adopt(self, generation: int, items: list[InboxItem]) -> bool:
        """Take built items unless arrivals were re-read meanwhile; True when taken."""
        if generation != self.generation:
            return False
        self._items, self.loaded = items, True
        return True

    def unseen(self) -> int:
        """How many unseen arrivals there are (known before the items are built)."""
        return len(self._items) if self.loaded else len(self._unseen)

    def disk_stamp(self) -> str:
        """Freshness key of inbox.json and follows.json (another process may write them)."""
        return stamp(self.arrivals.file.path) + "/" + stamp(Path(self.store.home) / FOLLOWS_FILE)

    def changed_on_disk(self) -> bool:
        """True when inbox.json or follows.json changed since the last read or own write."""
        return self.disk_stamp() != self._stamp

    def items(self) -> list[InboxItem]:
        """The visible items (cross-lists and replacements only when shown)."""
        return [i for i in self._items if self.show_extras or not i.extra]

    def groups(self) -> list[tuple[str, list[InboxItem]]]:
        """Visible items grouped by day, newest first."""
        out: list[tuple[str, list[InboxItem]]] = []
        for item in self.items():
            if not out or out[-1][0] != item.day:
                out.append((item.day, []))
            out[-1][1].append(item)
        return out

    def toggle_extras(self) -> bool:
        """Show or hide cross-lists and replacements; returns whether they are shown."""
        self.show_extras = not self.show_extras
        return self.show_extras

    def hidden_count(self) -> int:
        """How many items are hidden by the toggle."""
        return len(self._items) - len(self.items())

    def _drop(self, item: InboxItem) -> None:
        """Mark one item seen and take it off the list."""
        self._own_write(self.arrivals.mark_seen, [item.paper.arxiv_id])
        self._items = [i for i in self._items if i is not item]
        self._unseen.pop(item.paper.arxiv_id, None)

    def _own_write(self, write: Any, *args: Any) -> Any:
        """Run a write to inbox.json; unless someone else wrote first, it is no news."""
        fresh = not self.changed_on_disk()
        result = write(*args)
        if fresh:
            self._stamp = self.disk_stamp()
        return result

    def star(self, item: InboxItem) -> bool:
        """Toggle the paper's star (it stays in the list); returns the new state."""
        starred = not self.store.annotation(item.paper.id).starred
        self.store.mark(item.paper.id, starred=starred)
        return starred

    def read(self, item: InboxItem) -> None:
        """Mark the paper read and seen."""
        self.store.mark(item.paper.id, read=True)
        self._drop(item)

    def skip(self, item: InboxItem) -> None:
        """Mark the paper seen without reading it."""
        self._drop(item)

    def mark_all_seen(self) -> int:
        """Everything arrived so far is seen; returns how many were unseen."""
        count: int = self._own_write(self.arrivals.mark_seen, None)
        self._items, self._unseen = [], {}
        return count
