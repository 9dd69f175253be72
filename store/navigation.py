"""Collections in navigation order (their order field, then stored order)."""

from __future__ import annotations

from store.models import Collection


def collection_order(colls: list[Collection]) -> list[Collection]:
    """Collections in navigation order (their order field, then stored order)."""
    return [c for _, c in sorted(enumerate(colls), key=lambda t: (t[1].order, t[0]))]
