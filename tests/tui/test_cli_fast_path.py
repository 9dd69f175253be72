"""Issue 11 goal: `paperdeck search` and `show` answer from a fresh index without opening the
Store (tui.commands.quick, store.index.reader), so they cost little more than `--help`.

The fast path must give exactly the Store's answer, import none of the write side (TinyDB,
journal, merge, atomic writes, network), and step aside whenever it cannot be sure: a stale,
missing or corrupt index, marks or edits not yet reindexed, a word that may be a cite key.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.cite.keysketch import SKETCH_FILE, may_be_key
from store.index.reader import IndexReader
from store.repository import Store
from tui.cli import main

REPO = Path(__file__).resolve().parents[2]
BIB = """@inproceedings{lee2020video,
  title = {Video Frame Study},
  author = {Ann Lee and Bo Chen},
  booktitle = {CVPR},
  year = {2020},
  eprint = {2001.01234},
  archivePrefix = {arXiv}
}
@article{kim2021low,
  title = {Low Light Enhancement Survey},
  author = {Sara Kim},
  journal = {TIP},
  year = {2021},
  doi = {10.1000/tip.2021.7}
}
@article{chen2019video,
  title = {Video Denoising in Low Light},
  author = {Bo Chen and Wei Li},
  journal = {TPAMI},
  year = {2019}
}
"""
MORE = """@article{zhao2022haze,
  title = {Haze Removal for Video},
  author = {Yu Zhao},
  journal = {TIP},
  year = {2022}
}
"""
# The write side and everything a read-only lookup must not load.
WRITE_SIDE = ("tinydb", "store.repository", "store.journal", "store.merge", "store.atomic",
              "store.storage", "store.parts", "store.library", "store.jsonfile", "store.imports",
              "store.net", "store.index.service", "store.index.access", "store.index.documents",
              "store.annotations", "store.overlay", "store.edits", "filelock", "httpx", "rich")
# Standard modules a lookup's imports name but never use: inspect's own imports (tui.deferred
# leaves a stand-in under its name) and shutil's (tui.cli's formatter).
UNUSED = ("ast", "dis", "tokenize", "shutil", "bz2", "lzma")
PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[1:])
sys.stderr.write("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def run(home: Path, *args: str) -> int:
    """The CLI in-process against a home."""
    return main(["--home", str(home), *args])


def output(home: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of one command."""
    capsys.readouterr()
    code = run(home, *args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small library with marks, its index built and fresh."""
    root = tmp_path_factory.mktemp("fast")
    bib = root / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    home = root / "home"
    assert run(home, "import", str(bib)) == 0
    store = Store(home)
    lee = store.resolve("lee2020video")
    assert lee is not None
    store.mark(lee.id, read=True, starred=True, note="read it twice", tags=["vid", "cvpr"])
    assert run(home, "search", "video") == 0
    assert store.index_is_fresh()
    return home


@pytest.fixture
def home(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built home (tests below change it)."""
    copy = tmp_path / "home"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def fresh(home: Path) -> bool:
    """True when the read-only reader would answer alone."""
    return IndexReader(home).index() is not None


def modules_after(home: Path, *args: str) -> tuple[int, set[str]]:
    """(exit code, modules loaded) of `paperdeck ARGS` in a fresh interpreter, piped."""
    env = {**os.environ, "PAPERDECK_HOME": str(home), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    found = json.loads(proc.stderr.rsplit("\n", 1)[1])
    return found["code"], set(found["modules"])


LOOKUPS = [["search", "video"], ["search", "low", "light"], ["search", "--sort", "year", "vid"],
           ["search", "is:read"], ["search", "author:chen", "year:2019..2020"],
           ["search", "vdeo"], ["show", "lee2020video"], ["show", "2001.01234"],
           ["show", "10.1000/tip.2021.7"], ["show", "--bibtex", "kim2021low"],
           ["show", "--abstract", "chen2019video"]]


@pytest.mark.parametrize("args", LOOKUPS, ids=" ".join)
def test_search_and_show_import_no_write_side(built: Path, args: list[str]) -> None:
    """With a fresh index, search and show load neither TinyDB nor any write-side module."""
    if args[0] == "show" and not args[-1].startswith(("2001", "10.")):  # a cite key: use the id
        store = Store(built)
        paper = store.resolve(args[-1])
        assert paper is not None
        args = [*args[:-1], paper.id]
    code, loaded = modules_after(built, *args)
    assert code == 0
    assert "tui.commands.quick" in loaded
    assert not {m for m in loaded if m.startswith(WRITE_SIDE)}, sorted(
        m for m in loaded if m.startswith(WRITE_SIDE))
    assert not set(UNUSED) & loaded, sorted(set(UNUSED) & loaded)


def test_the_probe_sees_the_store_when_the_index_is_stale(built: Path, tmp_path: Path) -> None:
    """The import check can fail: a stale index makes search open the Store (and TinyDB)."""
    home = tmp_path / "home"
    shutil.copytree(built, home, symlinks=True)
    shutil.rmtree(home / "index")
    code, loaded = modules_after(home, "search", "video")
    assert code == 0 and "tinydb" in loaded and "store.repository" in loaded


@pytest.mark.parametrize("args", [
    *LOOKUPS, ["search", "chen2019video"], ["search", "KIM2021LOW"], ["search", "nothing"],
    ["search", "--limit", "1", "video"], ["show", "lee2020video"], ["show", "nosuch"],
    ["show", "--json", "lee2020video"]], ids=" ".join)
def test_the_fast_answer_is_the_stores(built: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """Every lookup prints exactly what the Store's path prints (reader disabled)."""
    fast = output(built, capsys, *args)
    monkeypatch.setattr(IndexReader, "index", lambda self: None)
    assert output(built, capsys, *args) == fast


def test_a_changed_library_is_seen(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An import by another process (index updated) and a part file replaced behind the
    index's back (index stale): search answers with the library as it is now."""
    more = home.parent / "more.bib"
    more.write_text(MORE, encoding="utf-8")
    assert run(home, "import", str(more)) == 0
    assert fresh(home)
    assert "Haze Removal for Video" in output(home, capsys, "search", "haze")[1]
    part = next((home / "library.parts").iterdir())
    os.utime(part, ns=(1, 1))  # same bytes, other stamp: the index no longer vouches for it
    assert not fresh(home)
    assert "Haze Removal for Video" in output(home, capsys, "search", "haze")[1]
    assert fresh(home)  # the Store checked and rebuilt it


def test_a_missing_or_corrupt_index_is_rebuilt(home: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """No index, or a generation directory that is garbage: the answer is still exact."""
    before = output(home, capsys, "search", "video")
    shutil.rmtree(home / "index")
    assert not fresh(home)
    assert output(home, capsys, "search", "video")[:2] == before[:2]
    state = next((home / "index").glob("*/state.json"))
    gen = state.parent / json.loads(state.read_bytes())["generation"]
    for f in gen.iterdir():  # new files (a map of the old ones may still be open here)
        if f.is_file():
            (gen / "tmp").write_bytes(b"garbage")
            os.replace(gen / "tmp", f)
    assert not fresh(home)
    assert output(home, capsys, "search", "video")[:2] == before[:2]
    assert output(home, capsys, "show", "kim2021low")[0] == 0


def test_marks_from_another_process_are_seen(home: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """annotations.json written without reindexing (e.g. an older paperdeck): the reader
    steps aside, and `is:starred` / show give the new marks."""
    store = Store(home)
    kim = store.resolve("kim2021low")
    assert kim is not None
    path = home / "annotations.json"
    data = json.loads(path.read_bytes())
    data["annotations"][kim.id] = {"starred": True, "note": "new note"}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert not fresh(home)
    assert "Low Light Enhancement Survey" in output(home, capsys, "search", "is:starred")[1]
    assert "new note" in output(home, capsys, "show", kim.id)[1]


def test_an_edited_paper_is_shown_edited(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A paper the user edited: search and show print the edit, fresh index or not."""
    store = Store(home)
    kim = store.resolve("kim2021low")
    assert kim is not None
    store.set_edits(kim.id, {"title": "My Own Title For It"})
    run(home, "search", "survey")  # reindexes the edit
    assert fresh(home)
    assert "My Own Title For It" in output(home, capsys, "search", "own", "title")[1]
    assert "My Own Title For It" in output(home, capsys, "show", kim.id)[1]


def test_a_cite_key_word_is_read_as_the_store_reads_it(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A lone word that is a cite key (any case) finds its paper; the key sketch says "no"
    only for words that are surely no key, and follows the key file when it changes."""
    assert "Video Frame Study" in output(home, capsys, "search", "LEE2020VIDEO")[1]
    sketch = home / "cache" / SKETCH_FILE
    assert sketch.exists()
    keys = json.loads((home / "citekeys.json").read_bytes())["keys"]
    assert all(may_be_key(home, k) and may_be_key(home, k.upper()) for k in keys.values())
    assert not may_be_key(home, "video")
    assert run(home, "rekey", "kim2021low", "--pattern", "[auth:lower]lowlight") == 0
    assert may_be_key(home, "kimlowlight")
    assert "Low Light Enhancement Survey" in output(home, capsys, "search", "kimlowlight")[1]
    sketch.write_bytes(b"pdks1 garbage\n\x00")  # a torn sketch is rebuilt, never trusted
    assert may_be_key(home, "kimlowlight") and not may_be_key(home, "video")


def test_a_quick_exit_keeps_the_output_and_the_exit_code(built: Path) -> None:
    """`paperdeck search/show` that never opened the Store end without the interpreter's
    teardown: the whole output still arrives, exit codes hold, a closed pipe is no error."""
    env = {**os.environ, "PAPERDECK_HOME": str(built), "NO_COLOR": "1"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        """Run `python -m tui.cli ARGS`, piped."""
        return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=120, check=False)

    found = cli("search", "video")
    assert found.returncode == 0 and len(found.stdout.splitlines()) == 2, found
    assert cli("search", "nothingmatchesthis").returncode == 1
    shown = cli("show", "--abstract", "10.1000/tip.2021.7")
    assert shown.returncode == 0 and shown.stdout.startswith("Low Light Enhancement Survey")
    head = subprocess.run(f"{sys.executable} -m tui.cli search video | head -c 5",
                          shell=True, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert len(head.stdout) == 5 and "Traceback" not in head.stderr


def test_search_json_reads_the_papers_in_one_call(built: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`search --json` gets its papers with one get_many, not one Store.get per row (each a
    freshness check and a scan of the key file: 42 s for 2,000 rows at 100k papers)."""
    calls: list[str] = []
    monkeypatch.setattr(Store, "get", lambda self, pid: calls.append(pid))
    code, out, _ = output(built, capsys, "search", "--json", "video")
    assert code == 0 and not calls
    assert {p["title"] for p in json.loads(out)} == {"Video Frame Study",
                                                      "Video Denoising in Low Light"}
