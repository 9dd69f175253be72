"""Where the index lives: beside the store, else in a private temp folder (read-only home)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from store.index.place import index_root
from store.repository import Store
from tests.store.storehelp import paper, result
from tests.store.test_hostile_files import _unprivileged

REPO = Path(__file__).resolve().parents[3]


def test_beside_a_writable_store(tmp_path: Path) -> None:
    """A writable home keeps its index in home/index, one folder per library file."""
    root = index_root(tmp_path, tmp_path / "library.json")
    assert root.parent == tmp_path / "index"
    assert index_root(tmp_path, tmp_path / "other.json") != root


def test_shared_temp_folder_is_never_used(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A temp folder someone else could read (mode 0755) is not taken for the private one."""
    home = tmp_path / "home"
    (home / "index").parent.mkdir()
    (home / "index").write_text("not a folder")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    uid = getattr(os, "getuid", lambda: "user")()
    (tmp_path / f"paperdeck-{uid}").mkdir(mode=0o755)
    os.chmod(tmp_path / f"paperdeck-{uid}", 0o755)
    assert index_root(home, home / "library.json").parent == home / "index"
    os.chmod(tmp_path / f"paperdeck-{uid}", 0o700)
    assert index_root(home, home / "library.json").parent == tmp_path / f"paperdeck-{uid}" / \
        "index"


_SEARCH = """
import sys
from pathlib import Path
from store.repository import Store
store = Store(Path(sys.argv[1]))
store.papers = store.rows = None  # the whole-library readers: scanning would fail here
page = store.search("video")
print("total:", page.total, "root:", store.search_index.root)
"""


def test_read_only_home_searches_through_an_index_in_temp(tmp_path: Path) -> None:
    """On a read-only home the index is built in a private temp folder and answers; the old
    code scanned the whole library for every page of rows."""
    home = tmp_path / "home"
    store = Store(home)
    papers = [paper(f"{'Video' if i % 3 == 0 else 'Image'} study {i}", doi=f"10.9/{i}")
              for i in range(9)]
    store.apply_import(result(*papers), source="demo.md", importer="test")
    shutil.rmtree(home / "index")
    temp = tmp_path / "tmp"
    temp.mkdir()
    os.chmod(home, 0o555)
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp)}
    try:
        proc = subprocess.run([*_unprivileged(), sys.executable, "-c", _SEARCH, str(home)],
                              capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    finally:
        os.chmod(home, 0o755)
    assert proc.returncode == 0, proc.stderr
    total, root = proc.stdout.split("total: ")[1].split(" root: ")
    assert int(total) == 3
    assert Path(root.strip()).is_relative_to(temp)
    assert not (home / "index").exists()
