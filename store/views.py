"""The list rows and navigation (collections, sections) of each library version, kept in
memory and in the on-disk caches so a start never parses the papers for them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.cache import Nav, NavCache, RowCache
from store.library import LoadedLibrary, ManifestView
from store.models import Collection, Row, Section
from store.records import rows_from_raw


class LibraryViews:
    """Rows and nav of one library file, keyed by its fingerprint."""

    def __init__(self, cache: Path, library_path: Path, *, fingerprint: Callable[[], str],
                 stamp: Callable[[], Any], manifest: Callable[[], ManifestView | None]) -> None:
        """Caches in cache for library_path; the callables read the store's current state."""
        self.library_path = library_path
        self.rows_cache = RowCache(cache, library_path)
        self.nav_cache = NavCache(cache, library_path)
        self._fingerprint = fingerprint
        self._stamp = stamp
        self._manifest = manifest
        self._rows: tuple[str, list[Row]] | None = None
        self._nav: tuple[str, Nav] | None = None

    def rows(self, parse: Callable[[], LoadedLibrary]) -> list[Row]:
        """Every paper's row, from memory or the rows cache, else from parse() (then cached)."""
        fp = self._fingerprint()
        if self._rows is not None and self._rows[0] == fp:
            return list(self._rows[1])
        rows = self.rows_cache.load(fp)
        if rows is None:
            return self.save(parse())
        self._rows = (fp, rows)
        return list(rows)

    def navigation(self, parsed: LoadedLibrary | None,
                   parse: Callable[[], LoadedLibrary]) -> Nav:
        """Collections and sections in stored order: from parsed when it is current, else
        from memory, the nav cache or the manifest; parse() only when none has them."""
        if parsed is not None and parsed.stamp == self._stamp():
            return parsed.collections, parsed.sections
        fp = self._fingerprint()
        if self._nav is not None and self._nav[0] == fp:
            return self._nav[1]
        nav = self.nav_cache.load(fp)
        view = self._manifest() if nav is None else None
        if view is not None:
            nav = (view.collections, view.sections)
            self.nav_cache.save(fp, *nav)
        elif nav is None:
            lib = parse()
            self.save(lib)
            return lib.collections, lib.sections
        self._nav = (fp, nav)
        return nav

    def save(self, lib: LoadedLibrary) -> list[Row]:
        """Rows and nav rebuilt from a parse (once per library version); cached only when
        the file did not change meanwhile."""
        rows = rows_from_raw(lib.raw)
        if lib.stamp == self._stamp():
            self.remember(rows, (lib.collections, lib.sections))
        return rows

    def remember(self, rows: list[Row], nav: Nav) -> None:
        """Keep rows and nav as those of the library as it is now."""
        fp = self._fingerprint()
        self.rows_cache.save(fp, rows)
        self.nav_cache.save(fp, *nav)
        self._rows, self._nav = (fp, rows), (fp, nav)

    def carry(self, before: str, collections: list[dict[str, Any]],
              sections: list[dict[str, Any]], rows: list[tuple[Row, int]] | None,
              total: int) -> None:
        """Move the caches from library version before to now: the nav as given, and the
        cached rows with the changed ones replaced (None: rows are not carried)."""
        after = self._fingerprint()
        self.nav_cache.save(after, [Collection.from_dict(c) for c in collections],
                            [Section.from_dict(x) for x in sections])
        if rows is not None:  # column by column, without decoding every cached row
            self.rows_cache.carry(before, after, rows, total)
