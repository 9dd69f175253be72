"""`export --watch` keeps a .bib current; `bib --from-tex` writes exactly what a paper cites."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.tui.library import foreground
from tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "cite"
CLI = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]
DOI_UPDATE = """@inproceedings{li2023grasp,
  title     = {Learning to Grasp Anything},
  author    = {Ada Li and Bo Wu},
  booktitle = {CVPR},
  year      = {2023},
  doi       = {10.1109/cvpr.2023.001},
}
"""


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


def other_process(home: Path, *args: str) -> None:
    """Run the CLI in a separate process (as another terminal would)."""
    subprocess.run([*CLI, "--home", str(home), *args], check=True, capture_output=True,
                   timeout=60)


def wait_for(check, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll check() until true or fail."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def entries(text: str) -> dict[str, str]:
    """Key -> entry text of a .bib written by paperdeck."""
    out = {}
    for block in text.strip().split("\n\n"):
        out[block.split("{", 1)[1].split(",", 1)[0]] = block
    return out


def test_watch_rewrites_once_atomically_keeping_unchanged_entries(tmp_path: Path) -> None:
    home, bib = tmp_path / "home", tmp_path / "refs.bib"
    assert run(home, "import", str(DATA / "small.bib")) == 0
    assert run(home, "mark", "li2023grasp", "--star") == 0
    assert run(home, "mark", "muller2024art", "--star") == 0
    watcher = subprocess.Popen(
        [*CLI, "--home", str(home), "export", "is:starred", "--format", "bibtex",
         "-o", str(bib), "--watch", "--interval", "0.1"],
        stderr=subprocess.PIPE, text=True, preexec_fn=foreground,
    )
    try:
        wait_for(bib.exists)
        first = bib.read_text("utf-8")
        inode = bib.stat().st_ino
        assert list(entries(first)) == ["li2023grasp", "muller2024art"]
        # a change of marks that leaves the result alone writes nothing
        other_process(home, "mark", "wu2022nets", "--read")
        time.sleep(1.0)
        assert bib.stat().st_ino == inode
        # readers never see a half-written file while the library changes
        seen: set[str] = set()
        done = threading.Event()

        def reader() -> None:
            while not done.is_set():
                seen.add(bib.read_text("utf-8"))

        thread = threading.Thread(target=reader)
        thread.start()
        (tmp_path / "update.bib").write_text(DOI_UPDATE, "utf-8")
        other_process(home, "import", str(tmp_path / "update.bib"))
        wait_for(lambda: bib.stat().st_ino != inode)
        time.sleep(1.0)
        done.set()
        thread.join()
        second = bib.read_text("utf-8")
    finally:
        watcher.send_signal(signal.SIGINT)
        _, err = watcher.communicate(timeout=30)
    assert err.count("wrote ") == 2, err
    assert seen <= {first, second}
    old, new = entries(first), entries(second)
    assert list(new) == ["li2023grasp", "muller2024art"]
    assert new["muller2024art"] == old["muller2024art"]
    assert "10.1109/cvpr.2023.001" in new["li2023grasp"]
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_bib_from_tex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert run(home, "import", str(DATA / "small.bib")) == 0
    tex = tmp_path / "paper.tex"
    tex.write_text("Intro \\citep{muller2024art,nosuch}.\n% \\cite{wu2022nets}\n"
                   "\\citet[p.~2]{li2023grasp} \\nocite{missing2}\n", "utf-8")
    capsys.readouterr()
    assert run(home, "bib", str(tmp_path / "refs.bib"), "--from-tex", str(tex)) == 0
    err = capsys.readouterr().err
    assert f"{tex}:1: unknown cite key 'nosuch'" in err
    assert f"{tex}:3: unknown cite key 'missing2'" in err
    written = (tmp_path / "refs.bib").read_text("utf-8")
    assert list(entries(written)) == ["muller2024art", "li2023grasp"]
