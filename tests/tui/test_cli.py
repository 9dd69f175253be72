"""The `paperdeck` command line: imports, lookups, exit codes and one-line errors."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SITE_PAGES, seed
from tui.cli import main

SEEDS3 = [str(seed("000")), str(seed("001")), str(seed("002"))]


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


def snapshot(home: Path) -> dict[str, str]:
    """Hash of every store file (locks and caches aside)."""
    out = {}
    for path in sorted(home.rglob("*")):
        if path.is_file() and path.suffix != ".lock" and "cache" not in path.parts:
            out[str(path.relative_to(home))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A store with the three seeds imported."""
    h = tmp_path / "home"
    assert run(h, "import", *SEEDS3) == 0
    return h


def test_import_summary_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The summary names new, updated, merged and skipped counts."""
    assert run(tmp_path, "import", str(seed("000"))) == 0
    out = capsys.readouterr().out
    assert "18 new" in out and "merged" in out and "skipped" in out


def test_import_twice_is_idempotent(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Importing the seeds again changes no paper and keeps annotations."""
    capsys.readouterr()
    assert run(home, "export", "--format", "json") == 0
    before = json.loads(capsys.readouterr().out)
    pid = before[0]["id"]
    assert run(home, "mark", pid, "--read", "--star", "--tag", "keep", "--note", "mine") == 0
    assert run(home, "import", *SEEDS3) == 0
    out = capsys.readouterr().out
    assert " 0 new" in out
    assert run(home, "export", "--format", "json") == 0
    after = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in after] == [p["id"] for p in before]
    mine = next(p for p in after if p["id"] == pid)
    assert (mine["read"], mine["starred"], mine["tags"], mine["note"]) == (
        True,
        True,
        ["keep"],
        "mine",
    )


def test_export_json_fields(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Export JSON has the documented fields with the documented types."""
    capsys.readouterr()
    assert run(home, "export", "--format", "json") == 0
    papers = json.loads(capsys.readouterr().out)
    assert len(papers) >= 18 + 7
    for p in papers:
        assert isinstance(p["id"], str) and isinstance(p["authors"], list)
        assert p["year"] is None or isinstance(p["year"], int)
        assert all(set(link) >= {"label", "url"} for link in p["links"])
        assert all(set(s) >= {"collection", "label"} for s in p["sections"])
        for key in (
            "venue",
            "venue_short",
            "category",
            "abstract",
            "arxiv_id",
            "doi",
            "comments",
            "badges",
            "sources",
            "read",
            "starred",
            "tags",
            "note",
            "title",
        ):
            assert key in p
    assert any(p["arxiv_id"] == "1904.00830" for p in papers)


def test_search_plain_and_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Search prints tab-separated lines when piped, JSON with --json, exit 1 when nothing."""
    capsys.readouterr()
    assert run(home, "search", "author:bao", "interpolation") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and all(line.count("\t") == 4 for line in lines)
    assert any("Depth-Aware Video Frame Interpolation" in line for line in lines)
    assert run(home, "search", "--json", "title:MEMC") == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["arxiv_id"] for p in data] == ["1810.08768"]
    assert run(home, "search", "zzzqqqnothing") == 1


def test_show_and_mark(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show finds a paper by arXiv id; mark changes only the annotations file."""
    capsys.readouterr()
    assert run(home, "show", "1904.00830", "--abstract") == 0
    out = capsys.readouterr().out
    assert "Depth-Aware Video Frame Interpolation" in out and "depth-aware flow projection" in out
    assert run(home, "show", "--json", "1904.00830") == 0
    record = json.loads(capsys.readouterr().out)
    library = next(home.glob("library*.json"))
    mtime = library.stat().st_mtime_ns
    assert run(home, "mark", record["id"], "--read") == 0
    assert library.stat().st_mtime_ns == mtime
    assert run(home, "show", "nosuchpaper") == 1


def test_stats_and_sections(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """stats and sections answer from the store."""
    capsys.readouterr()
    assert run(home, "stats", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats
    assert run(home, "sections") == 0
    out = capsys.readouterr().out
    assert "Low4High" in out and "not-imported" in out  # 002 alone: other pages missing


def test_site_directory_nav_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Importing the site's _pages keeps the nav order and imports every page."""
    assert run(tmp_path, "import", str(SITE_PAGES.parent)) == 0
    capsys.readouterr()
    assert run(tmp_path, "sections", "--json") == 0
    sections = json.loads(capsys.readouterr().out)
    labels = [s["label"] for s in sections if s["collection"] == "site:manipulation"]
    assert labels == ["2024 New", "Generation", "Enhancement", "Denoising", "Low4High"]
    assert all(s["imported"] for s in sections)


BAD_INPUTS = {
    "missing": lambda d: d / "nope.md",
    "binary": lambda d: _write(d / "x.bin", b"\x00\x01\x02binary\xff"),
    "latin1": lambda d: _write(d / "x.txt", "caf\xe9 listing\n".encode("latin-1")),
    "unknown": lambda d: _write(d / "x.txt", b"just some words\nnothing like a listing\n"),
    "emptydir": lambda d: _mkdir(d / "empty"),
    "huge": lambda d: _sparse(d / "huge.md", 21 * 1024 * 1024),
}


def _write(path: Path, data: bytes) -> Path:
    """Write bytes and return the path."""
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    """Make an empty directory."""
    path.mkdir()
    return path


def _sparse(path: Path, size: int) -> Path:
    """A large file made cheaply."""
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_one_line_and_store_untouched(
    kind: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each bad input: exit 2, one line naming the file, no traceback, store byte-identical."""
    bad = BAD_INPUTS[kind](tmp_path)
    before = snapshot(home)
    capsys.readouterr()
    assert run(home, "import", str(bad)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert str(bad) in err[0] and "Traceback" not in err[0]
    assert snapshot(home) == before


def test_unknown_format_lists_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --format names the known ones."""
    assert run(tmp_path, "import", "--format", "nope", str(seed("000"))) == 2
    assert "jekyll" in capsys.readouterr().err


def test_stdin_import_and_dry_run(tmp_path: Path) -> None:
    """`-` reads stdin; --dry-run stores nothing (subprocess, as a user runs it)."""
    env = {**os.environ, "PAPERDECK_HOME": str(tmp_path), "NO_COLOR": "1"}
    text = seed("001").read_bytes()
    cmd = [sys.executable, "-m", "tui.cli", "import", "--dry-run", "-"]
    proc = subprocess.run(cmd, input=text, env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"dry run" in proc.stdout and b"7 new" in proc.stdout
    cmd = [sys.executable, "-m", "tui.cli", "stats", "--json"]
    proc = subprocess.run(cmd, env=env, capture_output=True, timeout=60)
    assert json.loads(proc.stdout).get("papers", 0) == 0


def test_single_page_reimport_keeps_sibling_pages_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page imported on its own after the whole site does not mark its siblings missing."""
    assert run(tmp_path, "import", str(SITE_PAGES)) == 0
    assert run(tmp_path, "import", str(seed("002"))) == 0
    capsys.readouterr()
    assert run(tmp_path, "sections", "--json") == 0
    sections = json.loads(capsys.readouterr().out)
    assert sections and all(s["imported"] for s in sections)
    assert {s["papers"] for s in sections} >= {5, 7, 12}


def test_missing_shared_library_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--library naming a file that does not exist is one clear line, exit 2."""
    missing = tmp_path / "lab" / "library.json"
    assert main(["--home", str(tmp_path), "--library", str(missing), "stats"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0]
    assert (
        main(["--home", str(tmp_path), "--library", str(missing), "import", str(seed("000"))]) == 0
    )
    assert missing.exists()


def _tty_output(home: Path, env_extra: dict[str, str], *args: str) -> bytes:
    """What the CLI writes to a terminal (a pty), with extra environment variables."""
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({"PAPERDECK_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "120"})
    env.update(env_extra)
    main_fd, child_fd = pty.openpty()
    cmd = [sys.executable, "-m", "tui.cli", *args]
    proc = subprocess.Popen(cmd, stdout=child_fd, stderr=child_fd, env=env)
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(main_fd)
    return b"".join(chunks)


def test_rich_on_a_terminal_and_no_color_honoured(home: Path) -> None:
    """On a terminal output is coloured Rich; NO_COLOR removes every colour sequence."""
    coloured = _tty_output(home, {}, "search", "interpolation")
    plain = _tty_output(home, {"NO_COLOR": "1"}, "search", "interpolation")
    assert b"Interpolation" in coloured and b"Interpolation" in plain
    assert b"\x1b[36m" in coloured or b"\x1b[3" in coloured
    assert not re.search(rb"\x1b\[[0-9;]*3[0-9](;|m)", plain)
