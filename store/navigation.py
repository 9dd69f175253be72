"""Collections and sections in navigation order, read without parsing the papers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.cache import Nav
from store.models import Collection

if TYPE_CHECKING:
    from store.repository import Store


def navigation(store: Store) -> Nav:
    """Collections and sections in stored order: from the parsed library when it is current,
    else from the nav cache or the manifest (the first screen never parses the papers)."""
    if not store.library_path.exists():
        return [], []
    state = store._state
    if state is not None and state.stamp == store._storage.stamp():
        return state.collections, state.sections
    fp = store.library_fingerprint()
    if store._nav is not None and store._nav[0] == fp:
        return store._nav[1]
    nav = store._nav_cache.load(fp)
    view = store._manifest() if nav is None else None
    if view is not None:
        nav = (view.collections, view.sections)
        store._nav_cache.save(fp, *nav)
        store._nav = (fp, nav)
    elif nav is None:
        lib = store._lib()
        nav = (lib.collections, lib.sections)
        store._save_views(lib)
    else:
        store._nav = (fp, nav)
    return nav


def collection_order(colls: list[Collection]) -> list[Collection]:
    """Collections in navigation order (their order field, then stored order)."""
    return [c for _, c in sorted(enumerate(colls), key=lambda t: (t[1].order, t[0]))]
