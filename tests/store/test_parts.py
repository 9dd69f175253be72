"""The library split by source: writes touch only changed parts, order kept, migration, crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from store import parts as parts_mod
from store.parts import LAYOUT_VERSION, PartedStorage
from store.repository import Store
from store.schema import encode_library, list_backups
from tests.store.storehelp import paper, result

REPO = Path(__file__).resolve().parents[2]


def _files(home: Path) -> dict[str, int]:
    """Part file name -> mtime_ns."""
    return {p.name: p.stat().st_mtime_ns for p in (home / "library.parts").glob("*.json")}


def _two_sources(home: Path) -> Store:
    """Source a.md with three papers, then b.md with two."""
    store = Store(home)
    store.apply_import(result(*(paper(f"Alpha {i}", source="a.md") for i in range(3))),
                       source="a.md", importer="test")
    store.apply_import(result(*(paper(f"Beta {i}", source="b.md") for i in range(2))),
                       source="b.md", importer="test")
    return store


def test_one_file_per_source_and_only_changed_parts_rewritten(tmp_path: Path) -> None:
    """Each source has its part; re-importing b.md with a change rewrites only b's part."""
    store = _two_sources(tmp_path)
    before = _files(tmp_path)
    assert len(before) == 2
    manifest = orjson.loads((tmp_path / "library.json").read_bytes())
    assert "papers" not in manifest and manifest["meta"]["1"]["schema_version"] == LAYOUT_VERSION
    changed = [paper(f"Beta {i}", source="b.md") for i in range(2)]
    changed[1].abstract = "A new abstract."
    store.apply_import(result(*changed, paper("Beta new", source="b.md")), source="b.md",
                       importer="test")
    after = _files(tmp_path)
    a_part = [n for n in before if n.startswith("a-md")]
    assert a_part and all(after.get(n) == before[n] for n in a_part)  # untouched
    assert set(after) - set(before)  # b's new part file
    titles = [p.title for p in Store(tmp_path).papers()]
    assert titles == [*(f"Alpha {i}" for i in range(3)), "Beta 0", "Beta 1", "Beta new"]


def test_order_across_sources_is_kept(tmp_path: Path) -> None:
    """Library order survives the split even when sources interleave."""
    store = _two_sources(tmp_path)
    store.apply_import(result(paper("Alpha late", source="a.md")), source="a2", importer="t")
    again = [p.title for p in Store(tmp_path).papers()]
    assert again[-1] == "Alpha late" and again[:3] == ["Alpha 0", "Alpha 1", "Alpha 2"]


def test_big_source_is_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source larger than PART_SIZE spans several part files."""
    monkeypatch.setattr(parts_mod, "PART_SIZE", 4)
    store = Store(tmp_path)
    store.apply_import(result(*(paper(f"Big {i}", source="big") for i in range(10))),
                       source="big", importer="test")
    assert len(_files(tmp_path)) == 3
    assert [p.title for p in Store(tmp_path).papers()] == [f"Big {i}" for i in range(10)]


def test_schema1_single_file_migrates_with_backup(tmp_path: Path) -> None:
    """A schema-1 single-file library is backed up byte for byte, then split; same papers."""
    papers = [paper(f"Old {i}", source=f"s{i % 2}") for i in range(5)]
    lib = tmp_path / "library.json"
    original = orjson.dumps(encode_library(papers))
    lib.write_bytes(original)
    store = Store(tmp_path)
    assert [p.title for p in store.papers()] == [p.title for p in papers]
    backups = list_backups(tmp_path / "backups")
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert "parts" in orjson.loads(lib.read_bytes()) and len(_files(tmp_path)) == 2
    assert [p.id for p in Store(tmp_path).papers()] == [p.id for p in papers]


def test_read_only_single_file_is_read_not_split(tmp_path: Path) -> None:
    """A read-only schema-1 library is read in place, never rewritten."""
    from tests.store.test_repository import _unprivileged

    shared = tmp_path / "shared"
    shared.mkdir()
    lib = shared / "library.json"
    lib.write_bytes(orjson.dumps(encode_library([paper("Shared")])))
    os.chmod(lib, 0o444)
    os.chmod(shared, 0o555)
    code = ("import sys; from pathlib import Path; from store.repository import Store;"
            "print([p.title for p in Store(Path(sys.argv[1]), Path(sys.argv[2])).papers()])")
    try:
        proc = subprocess.run(
            [*_unprivileged(), sys.executable, "-c", code, str(tmp_path / "home"), str(lib)],
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
            cwd=REPO, capture_output=True, text=True)
    finally:
        os.chmod(shared, 0o755)
    assert proc.returncode == 0, proc.stderr
    assert "['Shared']" in proc.stdout
    assert not (shared / "library.parts").exists()


def test_parts_of_backups_are_kept(tmp_path: Path) -> None:
    """Part files a kept backup manifest names survive; others are collected."""
    store = _two_sources(tmp_path)
    for k in range(5):
        store.apply_import(result(paper(f"Gamma {k}", source="c.md")), source="c.md",
                           importer="test")
    names = set(_files(tmp_path))
    wanted = set()
    for backup in list_backups(tmp_path / "backups"):
        doc = orjson.loads(backup.read_bytes())
        wanted |= {r["file"] for r in doc.get("parts", {}).values()}
    current = {r["file"] for r in orjson.loads(
        (tmp_path / "library.json").read_bytes())["parts"].values()}
    assert names == wanted | current


_WRITE = """
import sys
from store.repository import Store
from tests.store.storehelp import paper, result
Store(sys.argv[1]).apply_import(result(paper("Killed", source="k.md")), source="k.md",
                                importer="test")
"""


@pytest.mark.parametrize("point", ["before-temp-write", "after-temp-write", "after-replace"])
def test_sigkill_around_the_manifest(tmp_path: Path, point: str) -> None:
    """Killed before the manifest is replaced: the old library; after: the new one."""
    _two_sources(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERDECK_CRASH_POINT": point,
           "PAPERDECK_CRASH_FILE": "library.json"}
    proc = subprocess.run([sys.executable, "-c", _WRITE, str(tmp_path)], env=env, timeout=120)
    assert proc.returncode == -9
    titles = [p.title for p in Store(tmp_path).papers()]
    base = [*(f"Alpha {i}" for i in range(3)), "Beta 0", "Beta 1"]
    assert titles == (base + ["Killed"] if point == "after-replace" else base)
    store = Store(tmp_path)
    store.apply_import(result(paper("Later", source="l.md")), source="l.md", importer="test")
    assert PartedStorage(tmp_path / "library.json").read() is not None
    assert "Later" in {p.title for p in Store(tmp_path).papers()}


def test_stats_sources_nav_read_no_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """stats, sources, sections, collections and is_empty come from the manifest alone."""
    _two_sources(tmp_path)
    (tmp_path / "cache").exists() and [p.unlink() for p in (tmp_path / "cache").glob("*")]

    def no_parts(*_: object, **__: object) -> None:
        """Fail on any part read."""
        raise AssertionError("a part was read")

    monkeypatch.setattr(PartedStorage, "load_parts", no_parts)
    store = Store(tmp_path)
    stats = store.stats()
    assert (stats["papers"], stats["sources"], stats["sections"]) == (5, 2, 1)
    assert int(stats["library_bytes"]) > (tmp_path / "library.json").stat().st_size
    assert [s.id for s in store.sources()] == ["a.md", "b.md"]
    assert [s.id for s in store.sections()] == ["site:demo/all"]
    assert [c.id for c in store.collections()] == ["site:demo"]
    assert not store.is_empty()


def test_index_built_over_a_schema1_library_is_fresh_after_the_migration(tmp_path: Path) -> None:
    """The first search migrates a schema-1 file while indexing it; the index it leaves is
    fresh for the migrated library, so the next search does not build it again."""
    papers = [paper(f"Old {i}", source=f"s{i % 2}") for i in range(5)]
    (tmp_path / "library.json").write_bytes(orjson.dumps(encode_library(papers)))
    store = Store(tmp_path)
    assert store.search("old", limit=10).total == 5
    assert "parts" in orjson.loads((tmp_path / "library.json").read_bytes())
    assert Store(tmp_path).index_is_fresh()
