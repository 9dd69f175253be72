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


def test_cite_command_styles_formats_and_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "import", str(DATA / "small.bib")) == 0
    capsys.readouterr()
    assert run(tmp_path, "cite", "wu2022nets", "li2023grasp", "--style", "ieee") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "[1] B. Wu, “Deep Nets for Walking,” IEEE Transactions on Robotics, 2022.",
        "[2] A. Li and B. Wu, “Learning to Grasp Anything,” in CVPR, 2023.",
    ]
    assert run(tmp_path, "cite", "li2023grasp", "--format", "markdown") == 0
    out = capsys.readouterr().out
    assert out == "Li, A., & Wu, B. (2023). Learning to Grasp Anything. *CVPR*.\n"
    assert run(tmp_path, "cite", "li2023grasp", "wu2022nets", "--key", "pandoc") == 0
    assert capsys.readouterr().out == "[@li2023grasp; @wu2022nets]\n"
    assert run(tmp_path, "cite", "li2023grasp", "--style", "nope") == 2
    assert "unknown citation style 'nope'" in capsys.readouterr().err


def test_tui_citing_functions(tmp_path: Path) -> None:
    from store.repository import Store
    from tui.citing import cite_string, cycle_style, formatted_reference

    assert run(tmp_path, "import", str(DATA / "small.bib")) == 0
    store = Store(tmp_path)
    pid = store.resolve("wu2022nets").id  # type: ignore[union-attr]
    assert formatted_reference(store, pid) == "Wu, B. (2022). Deep Nets for Walking. " \
        "IEEE Transactions on Robotics."
    assert cycle_style(store) == "ieee"
    assert formatted_reference(store, pid).startswith("B. Wu, “Deep Nets")
    assert Store(tmp_path).setting("citation_style") == "ieee"
    assert cite_string(store, [pid]) == "\\cite{wu2022nets}"
    assert cite_string(store, [pid], "pandoc") == "[@wu2022nets]"


def test_tui_cite_string_reads_only_its_papers(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """\\cite{…} for two papers asks the index for those two, never the whole library."""
    from store.parts import PartedStorage
    from store.repository import Store
    from tui.citing import cite_string

    assert run(tmp_path, "import", str(DATA / "small.bib")) == 0
    store = Store(tmp_path)
    ids = [store.resolve(k).id for k in ("li2023grasp", "wu2022nets")]  # type: ignore[union-attr]

    def whole(*args: object, **kwargs: object) -> None:
        raise AssertionError("read the whole library")

    for name in ("papers", "rows", "_lib"):
        monkeypatch.setattr(Store, name, whole)
    monkeypatch.setattr(PartedStorage, "read", whole)
    assert cite_string(Store(tmp_path), ids, "pandoc") == "[@li2023grasp; @wu2022nets]"
