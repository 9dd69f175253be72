"""The in-memory SearchIndex (bitmaps over the whole library, used by the TUI today).

Modules: core (SearchIndex, search_cached), bits (int bitmaps), build (index parts from papers),
words (word indexes), cache (the on-disk cache file), highlight. The derived on-disk index the
Store searches through is store.index.
"""

from store.search.core import SearchIndex, search_cached
from store.search.highlight import highlight

__all__ = ["SearchIndex", "highlight", "search_cached"]
