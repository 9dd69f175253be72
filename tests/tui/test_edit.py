"""`paperdeck edit` and `note --edit` through a scripted $EDITOR; edits survive re-imports."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from store.repository import Store
from tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "cite"
EDITOR = '''
import sys
path = sys.argv[2]
text = open(path, encoding="utf-8").read()
with open(sys.argv[1], encoding="utf-8") as script:
    for line in script.read().splitlines():
        old, new = line.split(" => ")
        text = text.replace(old.replace("\\\\n", "\\n"), new.replace("\\\\n", "\\n"))
open(path, "w", encoding="utf-8").write(text)
'''


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scripted $EDITOR: it applies the `old => new` replacements of the returned file."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, "utf-8")
    plan = tmp_path / "plan.txt"
    plan.write_text("", "utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script} {plan}")
    return plan


def test_edit_wins_over_reimport(tmp_path: Path, editor: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    home, bib = tmp_path / "home", tmp_path / "refs.bib"
    shutil.copy(DATA / "small.bib", bib)
    assert run(home, "import", str(bib)) == 0
    editor.write_text("title: Learning to Grasp Anything => title: Grasping Everything\n"
                      "venue: CVPR => venue: CVPR (oral)\n", "utf-8")
    capsys.readouterr()
    assert run(home, "edit", "li2023grasp") == 0
    assert "you set title, venue" in capsys.readouterr().out
    # the source changes the very fields the user set, and adds a DOI
    bib.write_text(bib.read_text("utf-8").replace(
        "booktitle = {CVPR},", "booktitle = {ICCV},\n  doi = {10.1/x},"), "utf-8")
    assert run(home, "import", str(bib)) == 0
    paper = Store(home).resolve("li2023grasp")
    assert paper is not None
    assert (paper.title, paper.venue, paper.doi) == ("Grasping Everything", "CVPR (oral)",
                                                     "10.1/x")
    assert Store(home).imported(paper.id).venue == "ICCV"  # type: ignore[union-attr]
    capsys.readouterr()
    assert run(home, "show", "li2023grasp") == 0
    assert "you set: title, venue" in capsys.readouterr().out
    row = next(r for r in Store(home).rows() if r.id == paper.id)
    assert row.title == "Grasping Everything"
    # deleting a line goes back to the imported value
    editor.write_text("venue: CVPR (oral)\\n => \n", "utf-8")
    assert run(home, "edit", "li2023grasp") == 0
    assert Store(home).resolve("li2023grasp").venue == "ICCV"  # type: ignore[union-attr]


def test_bad_yaml_and_failing_editor_save_nothing(
    tmp_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home"
    assert run(home, "import", str(DATA / "small.bib")) == 0
    editor.write_text("title: Deep Nets => title: [unclosed\n", "utf-8")
    capsys.readouterr()
    assert run(home, "edit", "wu2022nets") == 2
    err = capsys.readouterr().err
    assert ".yaml:4: not valid YAML" in err and "Traceback" not in err
    editor.write_text("year: 2022 => year: soon\n", "utf-8")
    assert run(home, "edit", "wu2022nets") == 2
    assert "year: expected a year like 2023, not 'soon'" in capsys.readouterr().err
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c 'raise SystemExit(3)'")
    assert run(home, "edit", "wu2022nets") == 2
    assert "the editor exited with status 3; nothing saved" in capsys.readouterr().err
    assert not (home / "edits.json").exists()


def test_note_edit(tmp_path: Path, editor: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert run(home, "import", str(DATA / "small.bib")) == 0
    assert run(home, "mark", "wu2022nets", "--note", "first") == 0
    editor.write_text("first => # Notes\\n\\n- read *twice*", "utf-8")
    assert run(home, "note", "wu2022nets", "--edit") == 0
    capsys.readouterr()
    assert run(home, "note", "wu2022nets") == 0
    assert capsys.readouterr().out == "# Notes\n\n- read *twice*\n"
