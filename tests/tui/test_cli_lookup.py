"""`paperdeck search/show/mark` as a demanding user finds them (issue 8, items 7, 9, 10, 11, 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.query import parse_query
from store.repository import Store
from tests.conftest import seed
from tui.cli import main

SEEDS3 = [str(seed("000")), str(seed("001")), str(seed("002"))]
MANY = 60


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A store with the three seeds imported."""
    home = tmp_path / "seeds"
    assert run(home, "import", *SEEDS3) == 0
    return home


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A store with 60 BibTeX papers that all mention "video"."""
    bib = tmp_path / "many.bib"
    bib.write_text("\n".join(
        f"@article{{k{i},\n  title = {{Video Study Number {i}}},\n  author = {{Ann Lee}},\n"
        f"  journal = {{Journal of Tests}},\n  year = {{{2000 + i % 20}}}\n}}\n"
        for i in range(MANY)), encoding="utf-8")
    home = tmp_path / "many"
    assert run(home, "import", str(bib)) == 0
    return home


def test_search_says_when_it_stops_at_the_default_limit(
        many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 9: 50 lines, and stderr says how many there are and how to see them all."""
    capsys.readouterr()
    assert run(many, "search", "video") == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 50
    assert f"showing 50 of {MANY} (--limit 0 for all)" in err
    assert run(many, "search", "video", "--limit", "0") == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == MANY and "showing" not in err


def test_search_json_has_no_default_limit(many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 9: --json returns every match unless --limit is given."""
    capsys.readouterr()
    assert run(many, "search", "video", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == MANY
    assert run(many, "search", "video", "--json", "--limit", "5") == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 5 and f"showing 5 of {MANY}" in err


@pytest.mark.parametrize("query", ["year:abc", "foo:bar video", "is:bogus", "-is:bogus year:1..x"])
def test_bad_query_is_explained_and_exits_2(
        seeds: Path, query: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 10: the TUI's explanation of each problem on stderr, exit 2 (not "no match", 1)."""
    capsys.readouterr()
    assert run(seeds, "search", query) == 2
    err = capsys.readouterr().err
    problems = parse_query(query).errors
    assert problems and all(problem in err for problem in problems)
    assert "no papers match" not in err
    assert run(seeds, "export", query) == 2


def test_ambiguous_id_prefix_lists_candidates(
        many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 11: `show p8` with several ids starting p8 lists them and exits 2."""
    ids = [row.id for row in Store(many).rows()]
    prefix = next(p for p in (i[:2] for i in ids) if sum(i.startswith(p) for i in ids) > 1)
    candidates = [i for i in ids if i.startswith(prefix)]
    capsys.readouterr()
    assert run(many, "show", prefix) == 2
    err = capsys.readouterr().err
    assert "ambiguous" in err and all(c in err for c in candidates[:10])
    assert run(many, "mark", prefix, "--read") == 2
    assert not any(a.read for a in Store(many).annotations().values())
    assert run(many, "show", candidates[0]) == 0  # a whole id is never ambiguous


def test_show_prints_the_year_once(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 7: `CVPR 2019`, not `CVPR 2019 · 2019`; BibTeX booktitle without the year."""
    capsys.readouterr()
    assert run(seeds, "show", "1904.00830") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2] == "CVPR 2019"  # the venue line
    assert run(seeds, "show", "1904.00830", "--bibtex") == 0
    bib = capsys.readouterr().out
    assert "booktitle     = {CVPR}," in bib and "year          = {2019}" in bib


def test_search_lines_show_the_year_once(
        seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 7: the year column says 2019, the venue column says CVPR (not "CVPR 2019")."""
    capsys.readouterr()
    assert run(seeds, "search", "1904.00830") == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t")[1:3] == ["2019", "CVPR"]


def test_show_keeps_a_yearless_date_unknown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A profile entry dated "Mar 19" has no year; `show` says the year is unknown."""
    page = tmp_path / "jane.txt"
    page.write_text("Jane Doe\nCV\nh-index 3\n\nCVMar 19\nA Yearless Paper\n\nJane Doe\n\n"
                    "Text.\n\nCVJun 5, 2021\nA Dated Paper\n\nJane Doe\n\nMore text.\n",
                    encoding="utf-8")
    home = tmp_path / "h"
    assert run(home, "import", str(page)) == 0
    capsys.readouterr()
    assert run(home, "search", "yearless", "--json") == 0
    (paper,) = json.loads(capsys.readouterr().out)
    assert (paper["year"], paper["date"]) == (None, "")
    assert run(home, "show", paper["id"]) == 0
    assert "date: 03-19 (year unknown)" in capsys.readouterr().out


def test_mark_tags_follow_the_dialog_rule(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 14: `--tag "a,b c"` is three tags, exactly as the TUI's tags dialog reads it."""
    from tui.screens.note_dialog import parse_tags

    assert run(seeds, "mark", "1904.00830", "--tag", "a,b c", "--tag", "d") == 0
    paper = Store(seeds).resolve("1904.00830")
    assert paper is not None
    assert Store(seeds).annotation(paper.id).tags == ["a", "b", "c", "d"] == parse_tags("a,b c d")
    assert run(seeds, "mark", "1904.00830", "--untag", "b, c") == 0
    assert Store(seeds).annotation(paper.id).tags == ["a", "d"]


def test_search_finds_ids_and_or_groups(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Free text finds an arXiv id; OR and parentheses work on the command line."""
    capsys.readouterr()
    assert run(seeds, "search", "1904.00830", "--json") == 0
    assert [p["arxiv_id"] for p in json.loads(capsys.readouterr().out)] == ["1904.00830"]
    assert run(seeds, "search", "(1904.00830 OR 2002.12259)", "--json") == 0
    found = {p["arxiv_id"] for p in json.loads(capsys.readouterr().out)}
    assert found == {"1904.00830", "2002.12259"}
    assert run(seeds, "search", "depth", "-(interpolation", "OR", "compression)", "--json") == 1
