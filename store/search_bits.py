"""Compatibility name for store.search.bits (tui/app.py imports it; keep until it moves)."""

from store.search.bits import (  # noqa: F401
    from_bytes,
    from_positions,
    full,
    pack,
    positions,
    select,
    to_bytes,
    unpack,
)
