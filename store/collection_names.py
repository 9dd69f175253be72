"""The user's own names for collections, kept beside annotations so they survive re-imports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from store.errors import StoreError
from store.jsonfile import JsonFile
from store.models import Collection
from store.text import clean_inline, fold

NAMES_FILE = "collection-names.json"
MAX_TITLE = 200


class CollectionNames:
    """collection-names.json: collection id -> the title the user gave it."""

    def __init__(self, home: Path) -> None:
        """The names file in a store's home directory."""
        self._file = JsonFile(Path(home) / NAMES_FILE, key="collection_names")

    def all(self) -> dict[str, str]:
        """Every user-given name, by collection id."""
        return {str(k): str(v) for k, v in self._file.read().items() if isinstance(v, str)}

    def set(self, collection_id: str, title: str) -> None:
        """Name a collection; an empty title goes back to the imported name."""

        def change(payload: dict[str, object]) -> None:
            """Set or drop the one entry."""
            if title:
                payload[collection_id] = title
            else:
                payload.pop(collection_id, None)

        self._file.update(change)


def apply_names(collections: list[Collection], names: dict[str, str]) -> list[Collection]:
    """Copies of collections with the user's names as titles (a profile's shown name too)."""
    if not names:
        return collections
    out = []
    for coll in collections:
        title = names.get(coll.id)
        if title is None:
            out.append(coll)
            continue
        meta = dict(coll.meta)
        if coll.kind == "profile":
            meta["imported_name"] = meta.get("name", coll.title)
            meta["name"] = title
        out.append(replace(coll, title=title, meta=meta))
    return out


def find_collection(collections: list[Collection], ref: str) -> Collection:
    """The collection a reference names: its id, its title, or a unique start of either
    (case- and accent-insensitive); StoreError naming the choices otherwise."""
    want = fold(ref.strip())
    if not want:
        raise StoreError("name a collection (see `paperdeck sections`)")
    for exact in (lambda c: c.id == ref.strip(), lambda c: fold(c.id) == want,
                  lambda c: fold(c.title) == want):
        found = [c for c in collections if exact(c)]
        if len(found) == 1:
            return found[0]
    found = [c for c in collections
             if fold(c.id).startswith(want) or fold(c.title).startswith(want)]
    if len(found) == 1:
        return found[0]
    known = "; ".join(f"{c.id} ({c.title})" for c in (found or collections)[:8])
    if found:
        raise StoreError(f"{ref!r} names {len(found)} collections: {known}")
    raise StoreError(f"no collection {ref!r}; collections: {known or 'none yet'}")


def clean_title(title: str) -> str:
    """A user's title as stored: one clean line, not too long."""
    return clean_inline(title)[:MAX_TITLE].strip()
