"""Build the tab groups (collections and their pages, in nav order) from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.models import Collection, Section
from tui.results import ALL
from tui.safe import clean


@dataclass(slots=True)
class View:
    """One page tab: a section, or the "All papers" view."""

    key: str
    label: str
    imported: bool = True
    page: str = ""


@dataclass(slots=True)
class Group:
    """One collection tab and its page tabs, in nav order."""

    key: str
    label: str
    views: list[View] = field(default_factory=list)


KIND_ORDER = {"site": 0, "profile": 1, "listing": 2, "bibtex": 3, "arxiv": 4}


def collection_label(collection: Collection) -> str:
    """A collection's tab label: a site topic's name, a person's name, a listing's title."""
    title = clean(collection.title)
    if collection.kind == "site" and ":" in title:
        title = title.split(":", 1)[1].strip()
    if collection.kind == "profile":
        title = clean(collection.meta.get("name", "")) or title
    return title or collection.id


def build_groups(collections: list[Collection], sections: list[Section]) -> list[Group]:
    """"All papers" first, then each collection with its sections in nav order."""
    groups = [Group(ALL, "All papers", [View(ALL, "All papers")])]
    by_coll: dict[str, list[Section]] = {}
    for sec in sections:
        by_coll.setdefault(sec.collection, []).append(sec)
    known = {c.id for c in collections}
    extra = [Collection(id=cid, kind=cid.split(":", 1)[0], title=cid) for cid in by_coll
             if cid not in known]
    ordered = sorted(
        [*collections, *extra],
        key=lambda c: (KIND_ORDER.get(c.kind, 9), c.order),
    )
    for coll in ordered:
        secs = sorted(by_coll.get(coll.id, []), key=lambda s: s.order)
        if not secs:
            continue
        label = collection_label(coll)
        views = [
            View(s.id, clean(s.label) or (label if coll.kind != "site" else s.id), s.imported,
                 clean(s.permalink or s.page))
            for s in secs
        ]
        if coll.kind != "site" and len(views) == 1:
            views[0].label = label
        groups.append(Group(coll.id, label, views))
    return groups


GROUPS_KEY = "tui.groups"


def groups_to_json(fingerprint: str, groups: list[Group]) -> dict[str, Any]:
    """A JSON-able copy of the tabs, keyed by the library fingerprint."""
    return {
        "fingerprint": fingerprint,
        "groups": [
            {"key": g.key, "label": g.label,
             "views": [[v.key, v.label, v.imported, v.page] for v in g.views]}
            for g in groups
        ],
    }


def groups_from_json(data: Any, fingerprint: str) -> list[Group] | None:
    """The cached tabs when they belong to this library version, else None."""
    try:
        if data["fingerprint"] != fingerprint:
            return None
        return [
            Group(str(g["key"]), str(g["label"]),
                  [View(str(k), str(lab), bool(imp), str(p)) for k, lab, imp, p in g["views"]])
            for g in data["groups"]
        ]
    except (KeyError, TypeError, ValueError):
        return None


def load_groups(store: Any) -> list[Group]:
    """The tabs, from the settings cache when fresh (no library parse), else from the store."""
    fingerprint = store.library_fingerprint()
    groups = groups_from_json(store.setting(GROUPS_KEY), fingerprint)
    if groups is None:
        groups = build_groups(store.collections(), store.sections())
        store.set_setting(GROUPS_KEY, groups_to_json(fingerprint, groups))
    return groups
