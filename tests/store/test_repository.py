"""The Store: imports, idempotence, lookups, the rows cache and the read-only library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from store.errors import StoreError
from store.models import Paper, Row
from store.repository import Store
from store.schema import list_backups
from tests.store.storehelp import paper, result

REPO = Path(__file__).resolve().parents[2]


def _library(home: Path) -> Store:
    """A store with three papers imported."""
    store = Store(home)
    store.apply_import(
        result(paper("Alpha"), paper("Beta", arxiv="1501.00010"), paper("Gamma", doi="10.1/G")),
        source="demo.md",
        importer="test",
    )
    return store


def test_import_then_read_back(tmp_path: Path) -> None:
    """Imported papers, sections, collections and sources come back as model objects."""
    store = _library(tmp_path)
    again = Store(tmp_path)
    papers = again.papers()
    assert [p.title for p in papers] == ["Alpha", "Beta", "Gamma"]
    assert all(type(p) is Paper for p in papers)
    assert [s.id for s in again.sections()] == ["site:demo/all"]
    assert [c.id for c in again.collections()] == ["site:demo"]
    assert [(s.id, s.importer, s.papers) for s in again.sources()] == [("demo.md", "test", 3)]
    assert again.get(papers[0].id) == papers[0]
    assert again.get("nope") is None
    assert not again.is_empty() and Store(tmp_path / "other").is_empty()
    assert store.stats()["papers"] == 3


def test_ids_stay_strings(tmp_path: Path) -> None:
    """An arXiv id that looks like a number is a string in the file and after a round trip."""
    _library(tmp_path)
    stored = [d["arxiv_id"] for part in (tmp_path / "library.parts").glob("*.json")
              for d in orjson.loads(part.read_bytes())["papers"].values()]
    assert "1501.00010" in stored
    beta = Store(tmp_path).resolve("1501.00010")
    assert beta is not None and beta.arxiv_id == "1501.00010"
    assert all(isinstance(r.id, str) for r in Store(tmp_path).rows())


def test_resolve_by_every_kind_of_reference(tmp_path: Path) -> None:
    """resolve() takes an id, a unique prefix, arXiv ids in any form, and DOIs."""
    store = _library(tmp_path)
    beta = next(p for p in store.papers() if p.title == "Beta")
    gamma = next(p for p in store.papers() if p.title == "Gamma")
    assert store.resolve(beta.id) == beta
    assert store.resolve(beta.id[:7]) == beta
    for ref in ("arXiv:1501.00010", "1501.00010v2", "https://arxiv.org/abs/1501.00010"):
        assert store.resolve(ref) == beta
    assert store.resolve("https://doi.org/10.1/g") == gamma
    assert store.resolve("p") is None and store.resolve("") is None


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    """Importing the same source again changes nothing and keeps annotations."""
    store = _library(tmp_path)
    first = store.papers()
    store.mark(first[0].id, read=True, add_tags=["keep"])
    lib = tmp_path / "library.json"
    before = lib.read_bytes()
    backups = list_backups(tmp_path / "backups")
    summary = store.apply_import(
        result(paper("Alpha"), paper("Beta", arxiv="1501.00010"), paper("Gamma", doi="10.1/G")),
        source="demo.md",
        importer="test",
    )
    assert summary.new == [] and len(summary.unchanged) == 3
    assert lib.read_bytes() == before
    assert list_backups(tmp_path / "backups") == backups
    assert [p.id for p in Store(tmp_path).papers()] == [p.id for p in first]
    assert store.annotation(first[0].id).tags == ["keep"]


def test_changing_import_writes_a_backup_first(tmp_path: Path) -> None:
    """An import that changes the library backs up the previous file."""
    store = _library(tmp_path)
    before = (tmp_path / "library.json").read_bytes()
    summary = store.apply_import(result(paper("Delta")), source="more.md", importer="test")
    assert len(summary.new) == 1
    backups = list_backups(tmp_path / "backups")
    assert backups and backups[-1].read_bytes() == before
    assert len(Store(tmp_path).papers()) == 4


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    """A dry run reports what would happen and leaves every file as it was."""
    store = _library(tmp_path)
    lib = tmp_path / "library.json"
    before = (lib.read_bytes(), lib.stat().st_mtime_ns)
    summary = store.apply_import(
        result(paper("Delta"), warnings=2), source="x", importer="test", dry_run=True
    )
    assert summary.dry_run and len(summary.new) == 1 and len(summary.skipped) == 2
    assert (lib.read_bytes(), lib.stat().st_mtime_ns) == before
    assert len(store.papers()) == 3


def test_sections_are_upserted_and_ordered(tmp_path: Path) -> None:
    """A re-imported section replaces the old one; nav order follows collection and order."""
    from store.models import Collection, Section

    store = _library(tmp_path)
    res = result(paper("Delta"))
    res.collections = [
        Collection(id="site:demo", kind="site", title="Demo v2", order=1),
        Collection(id="profile:x", kind="profile", title="X", order=0),
    ]
    res.sections = [
        Section(id="site:demo/b", collection="site:demo", label="B", order=2),
        Section(id="site:demo/all", collection="site:demo", label="All v2", order=1),
        Section(id="profile:x/all", collection="profile:x", label="X", order=0),
    ]
    store.apply_import(res, source="v2", importer="test")
    again = Store(tmp_path)
    assert [s.id for s in again.sections()] == ["profile:x/all", "site:demo/all", "site:demo/b"]
    assert again.sections()[1].label == "All v2"
    assert [c.title for c in again.collections()] == ["X", "Demo v2"]


def test_rows_match_papers_and_use_the_cache(tmp_path: Path) -> None:
    """rows() equals Row.from_paper for every paper, and a fresh cache file is used."""
    store = _library(tmp_path)
    expected = [Row.from_paper(p) for p in store.papers()]
    assert store.rows() == expected
    cache = next((tmp_path / "cache").glob("rows-*.json"))
    doc = orjson.loads(cache.read_bytes())
    doc["columns"][1] = ["From cache"] * 3
    cache.write_bytes(orjson.dumps(doc))
    assert [r.title for r in Store(tmp_path).rows()] == ["From cache"] * 3


@pytest.mark.parametrize("damage", [b"{garbage", b'{"format": 2, "fingerprint": 5}', b"[]"])
def test_corrupt_or_stale_cache_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    """A corrupt cache is rebuilt silently; a changed library invalidates the cache."""
    store = _library(tmp_path)
    expected = store.rows()
    cache = next((tmp_path / "cache").glob("rows-*.json"))
    cache.write_bytes(damage)
    assert Store(tmp_path).rows() == expected
    store.apply_import(result(paper("Delta")), source="more", importer="test")
    assert len(Store(tmp_path).rows()) == 4
    assert len(store.rows()) == 4


def test_mark_never_touches_the_library(tmp_path: Path) -> None:
    """mark() writes annotations.json only: library.json keeps its bytes and mtime."""
    store = _library(tmp_path)
    lib = tmp_path / "library.json"
    before = (lib.read_bytes(), lib.stat().st_mtime_ns)
    pid = store.papers()[0].id
    store.mark(pid, read=True, starred=True, note="good", add_tags=["x"])
    assert (lib.read_bytes(), lib.stat().st_mtime_ns) == before
    assert Store(tmp_path).annotation(pid).note == "good"


def test_settings_round_trip(tmp_path: Path) -> None:
    """Settings keep JSON values and survive a new Store; None removes a key."""
    store = Store(tmp_path)
    assert store.setting("theme", "dark") == "dark"
    store.set_setting("history", ["a", "b"])
    store.set_setting("theme", "light")
    assert Store(tmp_path).setting("history") == ["a", "b"]
    store.set_setting("theme", None)
    assert Store(tmp_path).setting("theme") is None
    with pytest.raises(StoreError):
        store.set_setting("bad", object())


_READ_ONLY_CHECK = """
import sys
from pathlib import Path
from store.errors import StoreError
from store.repository import Store
from tests.store.storehelp import paper, result
store = Store(Path(sys.argv[1]), Path(sys.argv[2]))
assert [p.title for p in store.papers()] == ["Alpha", "Beta", "Gamma"]
assert len(store.rows()) == 3
store.mark(store.papers()[0].id, read=True)
assert store.apply_import(result(paper("D")), source="d", importer="t", dry_run=True).new
try:
    store.apply_import(result(paper("D")), source="d", importer="t")
except StoreError as exc:
    print("refused:", exc)
"""


def _unprivileged() -> list[str]:
    """A command prefix that drops root's permission override (a user namespace), if needed."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("running as root without unshare: permissions cannot be enforced")
    return [unshare, "--user", "--map-user=1000", "--"]


def test_read_only_shared_library(tmp_path: Path) -> None:
    """A read-only library (file and dir) is readable, marks go to home, writes are refused."""
    shared, home = tmp_path / "shared", tmp_path / "home"
    _library(shared)
    lib = shared / "library.json"
    before = lib.read_bytes()
    os.chmod(lib, 0o444)
    os.chmod(shared, 0o555)
    try:
        proc = subprocess.run(
            [*_unprivileged(), sys.executable, "-c", _READ_ONLY_CHECK, str(home), str(lib)],
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
            cwd=REPO,
            capture_output=True,
            text=True,
        )
    finally:
        os.chmod(shared, 0o755)
    assert proc.returncode == 0, proc.stderr
    assert "refused:" in proc.stdout and "read-only" in proc.stdout
    assert str(lib) in proc.stdout
    assert lib.read_bytes() == before
    assert (home / "annotations.json").exists()
