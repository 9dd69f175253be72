"""What the user follows: arXiv categories, authors and keywords (follows.json)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.daily.files import follows_file
from store.text import clean_inline, fold

KINDS = ("categories", "authors", "keywords")


@dataclass(slots=True)
class Follows:
    """The followed categories (canonical codes), authors and keywords, in the order added."""

    categories: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        """True when nothing is followed."""
        return not (self.categories or self.authors or self.keywords)

    def to_dict(self) -> dict[str, list[str]]:
        """Plain JSON-ready dict."""
        return {k: list(getattr(self, k)) for k in KINDS}


def _clean(values: Iterable[str]) -> list[str]:
    """Values cleaned of controls and extra spaces, without empties."""
    return [v for v in (clean_inline(str(x)) for x in values) if v]


class FollowList:
    """follows.json in a store's home; every change is one locked, atomic write."""

    def __init__(self, home: Path) -> None:
        """Manage the follows of the user whose data directory is home."""
        self.file = follows_file(home)

    def get(self) -> Follows:
        """The current follows."""
        data = self.file.read()
        return Follows(**{k: _clean(data.get(k, []) or []) for k in KINDS})

    def add(
        self,
        *,
        categories: Iterable[str] = (),
        authors: Iterable[str] = (),
        keywords: Iterable[str] = (),
    ) -> Follows:
        """Follow more; returns only what was new (already-followed items are left alone)."""
        wanted = {"categories": _clean(categories), "authors": _clean(authors),
                  "keywords": _clean(keywords)}

        def change(payload: dict[str, Any]) -> Follows:
            """Append the items not yet followed (compared case- and accent-blind)."""
            added = Follows()
            for kind, items in wanted.items():
                have = list(payload.get(kind, []) or [])
                keys = {fold(x) for x in have}
                for item in items:
                    if fold(item) not in keys:
                        keys.add(fold(item))
                        have.append(item)
                        getattr(added, kind).append(item)
                payload[kind] = have
            return added

        return self.file.update(change)

    def remove(self, items: Iterable[str]) -> list[str]:
        """Unfollow items of any kind (matched case- and accent-blind); returns those removed."""
        keys = {fold(x) for x in _clean(items)}

        def change(payload: dict[str, Any]) -> list[str]:
            """Drop the matching items from every kind."""
            removed: list[str] = []
            for kind in KINDS:
                have = list(payload.get(kind, []) or [])
                payload[kind] = [x for x in have if fold(x) not in keys]
                removed += [x for x in have if fold(x) in keys]
            return removed

        return self.file.update(change)
