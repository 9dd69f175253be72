"""Start-up of `paperdeck` commands: only the command run is imported, and none of the heavy
libraries it does not need (issue 11: search and show near a bare `--help`)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import build_parser, command_in, main, terminal_columns
from tui.commands import SPECS

REPO = Path(__file__).resolve().parents[2]
BIB = """@article{lee2020video,
  title = {Video Frame Study},
  author = {Ann Lee},
  journal = {TIP},
  year = {2020}
}
"""
# Never needed by a lookup: the TUI, web fetching, site parsers, merging, YAML, BibTeX parsing.
HEAVY = ("textual", "httpx", "tui.web_import", "importers.html", "importers.jekyll", "yaml",
         "bibtexparser", "rapidfuzz", "store.merge", "filelock")
PROBE = """
import json, sys
from tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)))
"""


def modules_after(home: Path, *args: str) -> set[str]:
    """The modules a fresh interpreter holds after running `paperdeck ARGS` (piped)."""
    env = {**os.environ, "PAPERDECK_HOME": str(home), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    return set(json.loads(proc.stderr.rsplit("\n", 1)[1]))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store with its index built."""
    root = tmp_path_factory.mktemp("startup")
    bib = root / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    assert main(["--home", str(root / "home"), "import", str(bib)]) == 0
    assert main(["--home", str(root / "home"), "search", "video"]) == 0
    return root / "home"


def test_every_command_is_listed_with_its_own_name_and_help() -> None:
    """SPECS (what `--help` shows without importing) says what each module says."""
    for spec in SPECS:
        module = importlib.import_module(f"tui.commands.{spec.module}")
        assert (spec.name, spec.help) == (module.NAME, module.HELP)
    modules = {p.stem for p in (REPO / "tui" / "commands").glob("*.py")}
    commands = {m for m in modules if hasattr(importlib.import_module(f"tui.commands.{m}"), "NAME")}
    assert commands == {spec.module for spec in SPECS}


@pytest.mark.parametrize(("argv", "name"), [
    (["search", "video", "--limit", "3", "--json"], "search"),
    (["--home", "search", "show", "p1"], "show"),
    (["--library=x.json", "export", "-f", "ris", "year:2020"], "export"),
    (["stats", "--json"], "stats"),
    (["mark", "p1", "--read", "--tag", "a"], "mark"),
    (["--hom", "show", "sections"], "sections"),
])
def test_one_command_parser_parses_like_the_full_one(argv: list[str], name: str) -> None:
    """The parser made for the command argv names gives the same arguments as all of them."""
    assert command_in(argv) == name
    full = vars(build_parser().parse_args(argv))
    assert vars(build_parser(argv).parse_args(argv)) == full


def test_help_and_a_mistyped_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` lists every command; a mistyped one is a usage error naming the choices."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(spec.name in out for spec in SPECS)
    with pytest.raises(SystemExit) as exc:
        main(["serch", "video"])
    assert exc.value.code == 2 and "'search'" in capsys.readouterr().err
    assert isinstance(build_parser(["stats"]), argparse.ArgumentParser)


def test_help_imports_no_command_and_no_store(home: Path) -> None:
    """`paperdeck --help` imports argparse and the command list, nothing of the store, and
    neither typing nor shutil (argparse's default width would import shutil's compressors)."""
    loaded = modules_after(home, "--help")
    assert not {m for m in loaded if m.startswith(("store", "importers", "rich", "tinydb"))}
    assert {m for m in loaded if m.startswith("tui.commands.")} == {"tui.commands.context"}
    assert not {"typing", "shutil", "bz2", "lzma"} & loaded


@pytest.mark.parametrize("columns", [None, "50", "200", "abc", "0", "-3"])
def test_help_width_is_shutils(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    """The help formatter's width is the one argparse would get from shutil."""
    import shutil

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_help_text_is_argparses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The formatter gives the text argparse's own would give at the same width."""
    monkeypatch.setenv("COLUMNS", "61")
    for argv in (["--help"], ["search", "--help"], ["export", "--help"]):
        ours = build_parser(argv)
        theirs = build_parser(argv)
        for parser in _parsers(theirs):
            parser.formatter_class = argparse.HelpFormatter
        assert _helps(ours) == _helps(theirs)


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """A parser and its commands' parsers."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found += [p for p in action.choices.values() if p is not None]
    return found


def _helps(parser: argparse.ArgumentParser) -> list[str]:
    """The help and usage texts of a parser and its commands."""
    return [text for p in _parsers(parser) for text in (p.format_help(), p.format_usage())]


@pytest.mark.parametrize("args", [["search", "video"], ["show", "lee2020video"], ["stats"],
                                  ["export", "video"], ["sections"]])
def test_lookups_import_nothing_heavy(home: Path, args: list[str]) -> None:
    """Piped lookups import neither Rich nor any library they do not use."""
    loaded = modules_after(home, *args)
    assert "tui.commands.search" in loaded or args[0] != "search"
    heavy = {m for m in loaded if m.startswith(HEAVY) or m.startswith("rich")}
    assert not heavy, heavy
    unused = {"ast", "dis", "tokenize"} & loaded  # (inspect's: put off, tui.deferred)
    assert not unused, unused
    others = {s.module for s in SPECS if s.name != args[0]}
    assert not {m for m in loaded if m.rsplit(".", 1)[-1] in others
                and m.startswith("tui.commands.")} - {"tui.commands.context",
                                                       "tui.commands.render"}
