"""`paperdeck remove` (papers, a whole source) with confirmation, and `paperdeck undo`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from store.repository import Store
from tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "cite"


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


def test_remove_asks_then_undo_restores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert run(home, "import", str(DATA / "small.bib")) == 0
    before = (home / "library.json").read_bytes()
    capsys.readouterr()
    assert run(home, "remove", "author:wu") == 2  # not a terminal, no --yes
    assert "add --yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    assert run(home, "remove", "author:wu") == 1
    assert (home / "library.json").read_bytes() == before
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    assert run(home, "remove", "author:wu") == 0
    assert "removed 2 papers" in capsys.readouterr().out
    assert [p.title for p in Store(home).papers()] == ["The Art of Sampling"]
    assert run(home, "undo") == 0
    assert "undid: remove papers" in capsys.readouterr().out
    assert (home / "library.json").read_bytes() == before
    assert run(home, "show", "wu2022nets") == 0  # keys came back with the papers


def test_remove_source_keeps_papers_listed_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    other = tmp_path / "other.bib"
    shutil.copy(DATA / "small.bib", other)
    other.write_text(other.read_text("utf-8").split("@article")[0], "utf-8")  # li2023 only
    assert run(home, "import", str(DATA / "small.bib"), str(other)) == 0
    capsys.readouterr()
    assert run(home, "remove", "--source", "small.bib", "--yes") == 0
    assert "2 papers removed, 1 kept" in capsys.readouterr().out
    store = Store(home)
    assert [p.title for p in store.papers()] == ["Learning to Grasp Anything"]
    assert [s.id for s in store.sources()] == [str(other)]
    assert {c.source for c in store.collections()} == {str(other)}
    assert run(home, "remove", "--source", "nope.bib", "--yes") == 2
    assert run(home, "undo", "--list") == 0
    assert "remove source" in capsys.readouterr().out
    assert run(home, "undo") == 0
    assert len(Store(home).papers()) == 3


def test_undo_killed_midway_loses_nothing_and_can_be_redone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    assert run(home, "import", str(DATA / "small.bib")) == 0
    before = (home / "library.json").read_bytes()
    assert run(home, "remove", "author:wu", "--yes") == 0
    after = (home / "library.json").read_bytes()
    env = {**os.environ, "PAPERDECK_CRASH_POINT": "after-temp-write",
           "PAPERDECK_CRASH_FILE": "library.json"}
    code = "import sys; from tui.cli import main; sys.exit(main())"
    killed = subprocess.run([sys.executable, "-c", code, "--home", str(home), "undo"],
                            env=env, capture_output=True, timeout=60)
    assert killed.returncode != 0  # SIGKILL before os.replace
    assert (home / "library.json").read_bytes() == after  # the old file, whole
    assert run(home, "undo") == 0  # the entry is still there
    assert (home / "library.json").read_bytes() == before


def test_rekey_is_undone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert run(home, "import", str(DATA / "small.bib")) == 0
    keys = Store(home).cite_keys()
    assert run(home, "rekey", "wu2022nets", "--pattern", "[auth][year]") == 0
    assert Store(home).cite_keys() != keys
    assert run(home, "undo") == 0
    assert "undid: rekey" in capsys.readouterr().out
    assert Store(home).cite_keys() == keys
