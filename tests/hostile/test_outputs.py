"""Every output path stays inert: hostile inputs of every format and a hostile third-party
library go through every command (piped, --json, BibTeX, Markdown, files, a terminal)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from markdown_it import MarkdownIt

from tests.hostile import corpus
from tui.cli import main

REPO = corpus.REPO


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the CLI in-process (stdout piped); exit code and everything it printed."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def ids(capsys: pytest.CaptureFixture[str], *base: str) -> list[str]:
    """Every paper id of a library (from export --format json)."""
    code, out = cli(capsys, *base, "export", "--format", "json")
    assert code in (0, 1), out
    return [rec["id"] for rec in orjson.loads(out)] if code == 0 else []


def every_output(capsys: pytest.CaptureFixture[str], tmp: Path, *base: str) -> int:
    """Run every read command over a store, scanning all output; the number of papers."""
    papers = ids(capsys, *base)
    commands = [
        ["search", ""], ["search", "gnp"], ["search", "", "--json"], ["stats"], ["stats", "--json"],
        ["sections"], ["sections", "--json"], ["export"], ["export", "-f", "bibtex"],
        ["export", "-f", "markdown"], ["export", "-f", "bibtex", "--ascii"],
    ]
    for pid in papers:
        commands += [["show", pid], ["show", pid, "--abstract"], ["show", pid, "--json"],
                     ["show", pid, "--bibtex"]]
    for args in commands:
        code, out = cli(capsys, *base, *args)
        assert code in (0, 1), (args, out)
        corpus.scan(out, " ".join(args))
    for fmt in ("json", "bibtex", "markdown"):
        target = tmp / f"out.{fmt}"
        code, out = cli(capsys, *base, "export", "-f", fmt, "-o", str(target))
        corpus.scan(out, f"export -o {fmt}")
        corpus.scan(target.read_bytes(), f"export file {fmt}")
    return len(papers)


def test_hostile_inputs_of_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Imports of every hostile format (and a folder with a hostile file name) print nothing
    active, store nothing active, and every later output is clean."""
    home = tmp_path / "home"
    for path in corpus.write_inputs(tmp_path / "in"):
        code, out = cli(capsys, "--home", str(home), "import", str(path))
        corpus.scan(out, f"import {path.name}")
        assert "\n" not in out.strip() or code == 0, out
    corpus.scan((home / "library.json").read_bytes(), "stored library")
    assert every_output(capsys, tmp_path, "--home", str(home)) >= 5


def test_stdin_import_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """`import -` of a hostile listing: the summary and the store are clean."""
    import io

    data = corpus.listing().encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out = cli(capsys, "--home", str(tmp_path), "import", "-")
    assert code == 0, out
    corpus.scan(out, "import -")
    corpus.scan((tmp_path / "library.json").read_bytes(), "stored library")


def test_third_party_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A shared --library written by something else, and foreign annotations: every writer
    cleans again (JSON strings with C1, BibTeX doi with OSC 52, Markdown, the CLI)."""
    lib = tmp_path / "shared.json"
    pid = corpus.third_party_library(lib)
    corpus.annotations(tmp_path / "home", pid)
    base = ("--home", str(tmp_path / "home"), "--library", str(lib))
    assert every_output(capsys, tmp_path, *base) == 1
    code, out = cli(capsys, *base, "show", pid, "--bibtex")
    assert code == 0 and "doi" in out and "52;" not in out


def test_markdown_links_are_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Markdown export: no raw HTML under CommonMark; only http(s) targets become links."""
    lib = tmp_path / "shared.json"
    corpus.third_party_library(lib)
    code, out = cli(capsys, "--home", str(tmp_path / "h"), "--library", str(lib),
                    "export", "-f", "markdown")
    assert code == 0
    tokens = MarkdownIt("commonmark").parse(out)
    links = []
    for block in tokens:
        assert block.type != "html_block", block.content
        for tok in block.children or ():
            assert tok.type != "html_inline", tok.content
            if tok.type == "link_open":
                links.append(str(tok.attrs["href"]))
    assert links and all(link.startswith(("https://", "http://")) for link in links), links
    assert all(ch not in link for link in links for ch in "<> `"), links
    assert not any("script" in link and "<" in link for link in links)
    assert "](<file:" not in out and "](<ftp:" not in out and "](<--" not in out


def run_tty(args: list[str], env: dict[str, str], keys: list[bytes] = (), seconds: float = 0
            ) -> bytes:
    """Run paperdeck on a pseudo-terminal (120x40); everything it wrote, raw."""
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *args], stdin=slave, stdout=slave, stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(REPO), **env},
        cwd=REPO, start_new_session=True,
    )
    os.close(slave)
    out = bytearray()
    deadline = time.monotonic() + (seconds or 60)
    pending = list(keys)
    next_key = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
        if pending and time.monotonic() >= next_key:
            os.write(master, pending.pop(0))
            next_key = time.monotonic() + 0.7
        if proc.poll() is not None and not ready:
            break
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)
    os.close(master)
    return bytes(out)


def test_cli_on_a_terminal(tmp_path: Path) -> None:
    """Rich output on a terminal: only the CLI's own colour sequences, nothing from data."""
    lib = tmp_path / "shared.json"
    pid = corpus.third_party_library(lib)
    corpus.annotations(tmp_path / "home", pid)
    base = ["--home", str(tmp_path / "home"), "--library", str(lib)]
    for args in (["search", ""], ["show", pid, "--abstract"], ["sections"], ["stats"]):
        raw = run_tty(base + args, {})
        assert b"Title" in raw or b"papers" in raw or b"All" in raw, raw[:300]
        corpus.scan_terminal(raw, " ".join(args))


def test_tui_raw_bytes(tmp_path: Path) -> None:
    """The app over the hostile library, abstract open, note and tag dialogs shown: the raw
    bytes it writes to the terminal hold no OSC, DCS, C1 or bidi control."""
    lib = tmp_path / "shared.json"
    pid = corpus.third_party_library(lib)
    corpus.annotations(tmp_path / "home", pid)
    keys = [b"a", b"A", b"n", b"\x1b", b"t", b"\x1b", b"1", b"q"]
    raw = run_tty(["--home", str(tmp_path / "home"), "--library", str(lib)], {}, keys, 25)
    assert b"Title" in raw, raw[-500:]
    corpus.scan_terminal(raw, "TUI")
