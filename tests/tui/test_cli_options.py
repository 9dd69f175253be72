"""CLI friction (issue 8): global options anywhere, --json, usage, empty results, duplicates,
collection names and renames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.repository import Store
from tests.conftest import seed
from tui.cli import main

SEEDS3 = [str(seed("000")), str(seed("001")), str(seed("002"))]
LISTING_TITLE = "arXiv listing, Oct 2018 – Jul 2020"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A store with the three seeds imported."""
    home = tmp_path / "seeds"
    assert main(["--home", str(home), "import", *SEEDS3]) == 0
    return home


def test_global_options_before_or_after_the_subcommand(
        seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--home DIR stats` and `stats --home DIR` are the same; so is --library."""
    capsys.readouterr()
    assert main(["--home", str(seeds), "stats", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["stats", "--json", "--home", str(seeds)]) == 0
    assert json.loads(capsys.readouterr().out) == before
    library = str(seeds / "library.json")
    other = seeds.parent / "other"
    assert main(["search", "interpolation", "--json", "--home", str(other), "--library",
                 library]) == 0
    assert json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "interpolation", "--json"],
        ["show", "1904.00830", "--json"],
        ["export", "interpolation", "--json"],
        ["mark", "1904.00830", "--star", "--json"],
        ["stats", "--json"],
        ["sections", "--json"],
        ["rename", "zhiyong", "Gao lab", "--json"],
    ],
)
def test_json_wherever_the_readme_says(
        seeds: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Every command that prints papers (or marks, stats, tabs) takes --json."""
    capsys.readouterr()
    assert main(["--home", str(seeds), *args]) == 0
    assert json.loads(capsys.readouterr().out)


def test_usage_error_prints_the_subcommands_usage(
        seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown option after `search` shows `usage: paperdeck search`, exit 2."""
    with pytest.raises(SystemExit) as exc:
        main(["--home", str(seeds), "search", "video", "--bogus"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage: paperdeck search" in err and "--bogus" in err


def test_negated_words_are_not_options(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`search interpolation -depth` excludes a word instead of failing as an option."""
    capsys.readouterr()
    assert main(["--home", str(seeds), "search", "interpolation", "-depth", "--json"]) == 0
    titles = [p["title"] for p in json.loads(capsys.readouterr().out)]
    assert titles and not any("Depth" in t for t in titles)


def test_export_with_nothing_matched_writes_no_file(
        seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No file, a line on stderr, exit 1."""
    out = tmp_path / "empty.bib"
    capsys.readouterr()
    assert main(["--home", str(seeds), "export", "zzzunheardof", "-f", "bibtex", "-o",
                 str(out)]) == 1
    assert not out.exists()
    assert "nothing to export" in capsys.readouterr().err
    assert main(["--home", str(seeds), "export", "zzzunheardof"]) == 1
    assert capsys.readouterr().out == ""


def test_import_that_stores_nothing_exits_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A BibTeX file with no entries (only a @string) stores nothing: exit 1, and says so."""
    bib = tmp_path / "strings.bib"
    bib.write_text('@string{cvpr = "CVPR"}\n', encoding="utf-8")
    assert main(["--home", str(tmp_path / "h"), "import", str(bib)]) == 1
    assert "nothing was imported" in capsys.readouterr().err


def test_near_duplicates_are_one_summary_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One line with the count, counted among the warnings; --verbose lists each pair."""
    home = tmp_path / "h"
    assert main(["--home", str(home), "import", *SEEDS3]) == 0
    out, err = capsys.readouterr()
    assert err.count("possible duplicate") == 1
    assert "1 possible duplicate not merged; `--verbose` lists them" in err
    assert out.strip().endswith("1 warning")
    assert main(["--home", str(tmp_path / "v"), "import", "--verbose", *SEEDS3]) == 0
    err = capsys.readouterr().err
    assert "possible duplicate, not merged (" in err and "arXiv:2007.11460" in err


def test_collections_get_real_names(tmp_path: Path) -> None:
    """An arXiv listing: "arXiv listing" and its months; a profile: the name; BibTeX: the stem."""
    bib = tmp_path / "lab-refs.bib"
    bib.write_text("@article{a, title={A Title}, author={Ann Lee}, journal={J}, year={2020}}\n",
                   encoding="utf-8")
    home = tmp_path / "h"
    assert main(["--home", str(home), "import", *SEEDS3[:2], str(bib)]) == 0
    titles = {c.kind: c.title for c in Store(home).collections()}
    assert titles == {"profile": "Zhiyong Gao", "listing": LISTING_TITLE, "bibtex": "lab-refs"}


def test_rename_survives_reimport(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`paperdeck rename` by title start; the name stays after importing the seeds again."""
    assert main(["--home", str(seeds), "rename", "arxiv listing", "Weekly picks"]) == 0
    assert main(["--home", str(seeds), "import", *SEEDS3]) == 0
    titles = [c.title for c in Store(seeds).collections()]
    assert "Weekly picks" in titles and LISTING_TITLE not in titles
    capsys.readouterr()
    assert main(["--home", str(seeds), "sections"]) == 0
    assert "Weekly picks" in capsys.readouterr().out
    assert main(["--home", str(seeds), "rename", "weekly", ""]) == 0  # '' restores
    assert LISTING_TITLE in [c.title for c in Store(seeds).collections()]
    assert main(["--home", str(seeds), "rename", "nosuch", "X"]) == 2
    assert "no collection 'nosuch'" in capsys.readouterr().err


def test_rename_of_a_read_only_library_stays_in_home(
        seeds: Path, tmp_path: Path) -> None:
    """The name is the user's: the shared library file is not touched."""
    library = seeds / "library.json"
    before = library.read_bytes()
    mine = tmp_path / "mine"
    assert main(["--home", str(mine), "--library", str(library), "rename", "zhiyong",
                 "Gao"]) == 0
    assert library.read_bytes() == before
    assert "Gao" in [c.title for c in Store(mine, library).collections()]
    assert "Gao" not in [c.title for c in Store(seeds).collections()]


def test_readme_documents_demo_tmux_and_cli_changes() -> None:
    """The README says the demo is throwaway, how to keep it, the tmux lines, and the new CLI."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for needle in ("throwaway", "demo --keep", "set -s set-clipboard on",
                   "set -as terminal-features ',*:hyperlinks'", "--limit 0", "paperdeck rename",
                   "import --verbose", " OR ", "doi:"):
        assert needle in readme, needle
