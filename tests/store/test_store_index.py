"""The Store's derived index: built on demand, updated in place, repaired, deletable, and
right after crashes (SIGKILL mid-update) or when its files are corrupt."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson
import pytest

from store.models import Paper
from store.query import parse_query
from store.repository import Store
from tests.store.storehelp import paper, result

REPO = Path(__file__).resolve().parents[2]


def _store(home: Path, n: int = 12) -> Store:
    """A store with n papers, a few about video."""
    store = Store(home)
    papers = [paper(f"{'Video' if i % 3 == 0 else 'Image'} study number {i}", doi=f"10.9/{i}")
              for i in range(n)]
    store.apply_import(result(*papers), source="demo.md", importer="test")
    return store


def _oracle(store: Store, text: str) -> list[str]:
    """Ids Query.matches accepts over the store of record, in library order."""
    q = parse_query(text)
    anns = store.annotations()
    return [p.id for p in store.papers() if q.matches(p, anns.get(p.id))]


def _agrees(store: Store, *texts: str) -> None:
    """The index answers like the matcher over the library, with exact counts."""
    for text in texts:
        page = store.search(text, sort="order", limit=1000)
        assert page.ids == _oracle(store, text), text
        assert store.count(query=text) == len(page.ids)


def _generation(store: Store) -> str:
    """The index generation in use."""
    return orjson.loads((store.search_index.root / "state.json").read_bytes())["generation"]


def test_first_search_builds_with_progress_then_stays(tmp_path: Path) -> None:
    """An import builds the index; without one, the first search builds it (reporting
    progress); later ones reuse it."""
    store = _store(tmp_path)
    assert store.index_is_fresh()
    store.drop_index()
    assert not store.index_is_fresh()
    seen: list[tuple[int, int]] = []
    page = store.search("video", progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert page.total == 4 and store.index_is_fresh()
    gen = _generation(store)
    _agrees(Store(tmp_path), "video", "image -video", "stu", "is:unread")
    assert _generation(store) == gen


def test_import_and_marks_update_in_place(tmp_path: Path) -> None:
    """An import and a mark change only their papers: same generation, right answers."""
    store = _store(tmp_path)
    store.search("video")
    gen = _generation(store)
    store.apply_import(result(paper("Video compression learned")), source="b.md",
                       importer="test")
    assert store.index_is_fresh() and _generation(store) == gen
    _agrees(store, "video", "compression", "video com")
    target = store.search("compression").ids[0]
    store.mark(target, read=True, tags=["keep-me"])
    assert store.index_is_fresh() and _generation(store) == gen
    _agrees(store, "is:read", "tag:keep", "is:unread video", "-tag:keep-me")
    other = Store(tmp_path)  # another process's marks: repaired on the next open
    other._annotations.mark(store.search("study").ids[0], starred=True)
    _agrees(Store(tmp_path), "is:starred", "is:read")
    assert _generation(store) == gen


def test_matching_reads_papers_from_the_index(tmp_path: Path) -> None:
    """matching() returns whole papers in library order without parsing the library."""
    _store(tmp_path)
    fresh = Store(tmp_path)
    found = fresh.matching("video")
    assert [p.id for p in found] == _oracle(Store(tmp_path), "video")
    assert all(isinstance(p, Paper) and p.abstract for p in found)
    assert fresh._state is None


def test_get_resolve_through_index(tmp_path: Path) -> None:
    """get and resolve answer from a fresh index exactly as from the library."""
    store = _store(tmp_path)
    ids = [p.id for p in store.papers()]
    before = {i: store.get(i) for i in ids}
    store.search("")
    fresh = Store(tmp_path)
    assert fresh.search_index.current() is not None
    assert {i: fresh.get(i) for i in ids} == before
    assert fresh.get("nope") is None
    assert fresh.resolve("10.9/4") == before[ids[4]]
    assert fresh.resolve("https://doi.org/10.9/4") == before[ids[4]]
    assert fresh.resolve(ids[5][:8]) == before[ids[5]]
    assert fresh._state is None  # nothing parsed the library


@pytest.mark.parametrize("damage", ["delete", "state", "garbage", "meta", "stale"])
def test_damaged_index_is_rebuilt_and_nothing_is_lost(tmp_path: Path, damage: str) -> None:
    """A deleted, corrupt or stale index is rebuilt; the library and marks never change."""
    store = _store(tmp_path)
    store.mark(store.papers()[0].id, read=True)
    store.search("video")
    root = store.search_index.root
    lib_before = (tmp_path / "library.json").read_bytes()
    ann_before = (tmp_path / "annotations.json").read_bytes()
    gen_dir = root / _generation(store)
    if damage == "delete":
        Store(tmp_path).drop_index()
        assert not root.exists()
    elif damage == "state":
        (root / "state.json").write_bytes(b"{not json")
    elif damage == "garbage":
        for f in gen_dir.iterdir():
            if f.is_file() and f.suffix != ".json":
                # a new inode, as a bad copy or sync would leave it: overwriting in place would
                # pull the pages from under this process's own mapping of the file (SIGBUS)
                bad = f.with_name(f.name + ".bad")
                bad.write_bytes(b"\0garbage" * 3)
                bad.replace(f)
    elif damage == "meta":
        (gen_dir / "meta.json").write_bytes(b"]")
    else:  # the library changed behind the index's back
        state = orjson.loads((root / "state.json").read_bytes())
        (root / "state.json").write_bytes(orjson.dumps({**state, "library": "old"}))
    fresh = Store(tmp_path)
    if damage in ("delete", "state", "meta", "stale"):
        assert not fresh.index_is_fresh() or damage == "meta"
    _agrees(fresh, "video", "is:read", "image", "stu -video")
    assert (tmp_path / "library.json").read_bytes() == lib_before
    assert (tmp_path / "annotations.json").read_bytes() == ann_before


_IMPORT = """
import sys
from store.repository import Store
from tests.store.storehelp import paper, result
store = Store(sys.argv[1])
store.apply_import(result(paper("Video killed mid index update")), source="k.md",
                   importer="test")
print("done")
"""


@pytest.mark.parametrize("point", ["index-before-commit", "index-after-commit"])
def test_sigkill_during_index_update(tmp_path: Path, point: str) -> None:
    """SIGKILL while the index is updated leaves a store that opens with right answers."""
    store = _store(tmp_path)
    store.search("video")
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERDECK_CRASH_POINT": point}
    proc = subprocess.run([sys.executable, "-c", _IMPORT, str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9 and "done" not in proc.stdout
    fresh = Store(tmp_path)
    assert "Video killed mid index update" in {p.title for p in fresh.papers()}
    _agrees(fresh, "video", "killed", "video kil", "image")


def test_sigkill_during_rebuild(tmp_path: Path) -> None:
    """SIGKILL after a rebuild's commit but before its state: the next open rebuilds."""
    _store(tmp_path).drop_index()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERDECK_CRASH_POINT": "index-before-state"}
    code = "import sys; from store.repository import Store; Store(sys.argv[1]).search('x')"
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, timeout=120)
    assert proc.returncode == -9
    _agrees(Store(tmp_path), "video", "study")


def test_unwritable_home_falls_back_to_matcher(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no index can be written (not beside the store, not in a private temp folder),
    search still answers (from the library)."""
    (tmp_path / "index").write_text("a file where the index directory should be")
    (tmp_path / "tmp").write_text("a file where the temp folder should be")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    store = _store(tmp_path)
    page = Store(tmp_path).search("video", sort="order")
    assert page.total == 4 and page.ids == _oracle(store, "video")
    assert isinstance(Store(tmp_path).get(page.ids[0]), Paper)


def test_search_sees_the_users_edits_and_their_undoing(tmp_path: Path) -> None:
    """A venue the user (or enrich) set is searched like an imported one, in this process and
    the next; removing the edit takes it out again; `get` still gives the paper as imported
    under the layer, and the index is not rebuilt for an edit."""
    store = _store(tmp_path)
    target = store.papers()[3]
    assert store.search("venue:zzconf").total == 0
    generation = store.search_index.service._state()["generation"]
    store.set_edits(target.id, {"venue_short": "ZZConf", "title": "Renamed by hand"})
    assert [r.id for r in store.search("venue:zzconf").rows] == [target.id]
    assert [r.id for r in Store(tmp_path).search("renamed hand").rows] == [target.id]
    assert Store(tmp_path).imported(target.id).title == target.title  # type: ignore[union-attr]
    assert store.search_index.service._state()["generation"] == generation
    store.overlay.edits.set_layer(target.id, "filled", {"venue_short": "ZZConf"})
    store.set_edits(target.id, {})
    assert [r.id for r in Store(tmp_path).search("venue:zzconf").rows] == [target.id]
    store.overlay.edits.set_layer(target.id, "filled", {})
    assert Store(tmp_path).search("venue:zzconf").total == 0
    assert Store(tmp_path).search("renamed hand").total == 0
