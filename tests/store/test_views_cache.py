"""First start without a parse: apply_import writes the rows and nav caches it can build."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from store.models import Collection, Row, Section
from store.parts import PartedStorage
from store.repository import Store
from tests.store.storehelp import paper, result


def _import(store: Store, *titles: str, source: str = "demo.md") -> None:
    """Import papers with two collections and three sections, in non-trivial nav order."""
    res = result(*(paper(t) for t in titles))
    res.collections = [
        Collection(id="site:demo", kind="site", title="Demo", order=1),
        Collection(id="profile:x", kind="profile", title="X", order=0),
    ]
    res.sections = [
        Section(id="site:demo/b", collection="site:demo", label="B", order=2),
        Section(id="site:demo/all", collection="site:demo", label="All", order=1),
        Section(id="profile:x/all", collection="profile:x", label="X", order=0),
    ]
    store.apply_import(res, source=source, importer="test")


def _parsed(store: Store) -> bool:
    """True when the store parsed the library (a LoadedLibrary or an assembled document; a
    split library's small manifest does not count)."""
    storage = store._storage
    whole = storage._logical if isinstance(storage, PartedStorage) else storage._cache
    return store._state is not None or whole is not None


def _from_parse(home: Path, library: Path | None = None) -> tuple[list, list, list]:
    """Rows, collections and sections computed from a full parse (no caches)."""
    store = Store(home, library)
    papers = store.papers()
    assert _parsed(store)
    return [Row.from_paper(p) for p in papers], store.collections(), store.sections()


def test_first_start_after_import_parses_nothing(tmp_path: Path) -> None:
    """A new Store answers rows(), collections() and sections() from the caches alone."""
    _import(Store(tmp_path), "Alpha", "Beta", "Gamma")
    fresh = Store(tmp_path)
    rows, colls, secs = fresh.rows(), fresh.collections(), fresh.sections()
    assert not fresh.is_empty()
    assert not _parsed(fresh)
    assert (rows, colls, secs) == _from_parse(tmp_path)
    assert [s.id for s in secs] == ["profile:x/all", "site:demo/all", "site:demo/b"]
    assert [c.id for c in colls] == ["profile:x", "site:demo"]


def test_nav_cache_is_what_answers(tmp_path: Path) -> None:
    """A fresh nav cache is really read: an edit to it shows (proves no hidden parse)."""
    _import(Store(tmp_path), "Alpha")
    nav = next((tmp_path / "cache").glob("nav-*.json"))
    doc = orjson.loads(nav.read_bytes())
    doc["collections"][0]["title"] = "From cache"
    nav.write_bytes(orjson.dumps(doc))
    store = Store(tmp_path)
    assert "From cache" in [c.title for c in store.collections()]
    assert not _parsed(store)


def test_importing_store_keeps_answering_without_a_parse(tmp_path: Path) -> None:
    """The store that imported answers from memory, then sees its next import at once."""
    store = Store(tmp_path)
    _import(store, "Alpha")
    assert len(store.rows()) == 1 and len(store.sections()) == 3
    assert store._state is None  # no LoadedLibrary was built after the import
    _import(store, "Beta", source="second.md")
    assert [r.title for r in store.rows()] == ["Alpha", "Beta"]
    assert [r.title for r in Store(tmp_path).rows()] == ["Alpha", "Beta"]


def test_library_written_elsewhere_is_rebuilt_once(tmp_path: Path) -> None:
    """A shared library changed by another user's process: stale caches are rebuilt once."""
    lib = tmp_path / "shared" / "library.json"
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    _import(Store(mine, lib), "Alpha")
    assert not _parsed(first := Store(mine, lib)) and len(first.rows()) == 1
    _import(Store(theirs, lib), "Beta", "Gamma", source="theirs.md")
    stale = Store(mine, lib)
    assert [c.id for c in stale.collections()] == ["profile:x", "site:demo"]
    assert not _parsed(stale)  # stale nav cache: the split library's manifest answers
    assert [r.title for r in stale.rows()] == ["Alpha", "Beta", "Gamma"]
    assert _parsed(stale)  # the rows cache was stale: one parse ...
    again = Store(mine, lib)  # ... after which the caches are fresh again
    assert len(again.rows()) == 3 and len(again.sections()) == 3
    assert not _parsed(again)
    assert (again.rows(), again.collections(), again.sections()) == _from_parse(mine, lib)


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b"[]", b'{"format": 1, "fingerprint": "x"}', b"", None],
    ids=["corrupt", "not-object", "other-library", "empty", "missing"],
)
def test_bad_nav_cache_is_rebuilt(tmp_path: Path, damage: bytes | None) -> None:
    """A corrupt, foreign or missing nav cache falls back to the manifest and is rewritten."""
    _import(Store(tmp_path), "Alpha", "Beta")
    nav = next((tmp_path / "cache").glob("nav-*.json"))
    good = orjson.loads(nav.read_bytes())
    if damage is None:
        nav.unlink()
    else:
        nav.write_bytes(damage)
    store = Store(tmp_path)
    assert [s.id for s in store.sections()] == ["profile:x/all", "site:demo/all", "site:demo/b"]
    assert not _parsed(store)  # the split library's manifest holds them
    assert orjson.loads(nav.read_bytes()) == good


def test_malformed_records_in_nav_cache_are_rejected(tmp_path: Path) -> None:
    """A fresh-looking nav cache whose records are not objects is not trusted."""
    _import(Store(tmp_path), "Alpha")
    nav = next((tmp_path / "cache").glob("nav-*.json"))
    doc = orjson.loads(nav.read_bytes())
    doc["sections"] = ["\x1b[31mnot a record"]
    nav.write_bytes(orjson.dumps(doc))
    store = Store(tmp_path)
    assert len(store.sections()) == 3 and not _parsed(store)  # from the manifest


def test_rows_cache_missing_is_rebuilt_with_nav(tmp_path: Path) -> None:
    """Without any cache (say, cache/ deleted) one parse rebuilds both caches."""
    _import(Store(tmp_path), "Alpha")
    shutil.rmtree(tmp_path / "cache")
    store = Store(tmp_path)
    assert len(store.rows()) == 1 and _parsed(store)
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.json")} == {"rows", "nav"}
    later = Store(tmp_path)
    assert len(later.rows()) == 1 and len(later.collections()) == 2
    assert not _parsed(later)
