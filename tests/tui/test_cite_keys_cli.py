"""`paperdeck rekey`, `show KEY` and search by key on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "cite"


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


def test_show_search_and_rekey_by_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "import", str(DATA / "small.bib")) == 0
    capsys.readouterr()
    assert run(tmp_path, "show", "li2023grasp") == 0
    out = capsys.readouterr().out
    assert "Learning to Grasp Anything" in out and "key: li2023grasp" in out
    assert run(tmp_path, "search", "li2023grasp") == 0
    assert "Learning to Grasp" in capsys.readouterr().out
    assert run(tmp_path, "rekey", "author:wu", "--pattern", "lab[shortyear]") == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert {line.split(": ", 1)[1] for line in lines} == {
        "li2023grasp -> lab23", "wu2022nets -> lab22"}
    assert "changed 2 of 2 keys" in captured.err
    assert run(tmp_path, "show", "lab22", "--bibtex") == 0
    assert capsys.readouterr().out.startswith("@article{lab22,")
    assert run(tmp_path, "search", "lab22") == 0
    assert "Deep Nets" in capsys.readouterr().out
    assert run(tmp_path, "rekey", "nosuchpaperatall") == 2
