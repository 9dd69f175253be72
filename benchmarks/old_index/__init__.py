"""The first in-memory SearchIndex (bitmaps over the whole library), kept only as a
benchmark baseline: paperdeck searches through the derived tantivy index (store/index/)."""

from old_index.core import SearchIndex, search_cached

__all__ = ["SearchIndex", "search_cached"]
