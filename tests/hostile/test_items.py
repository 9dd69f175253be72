"""Issue #12 items 1-3 and 11 checked one by one: escapes, bidi and invisible characters,
safe URLs, Markdown targets, dialogs and notices, demo clean-up on SIGHUP/SIGTERM."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from store.export import to_json, to_markdown
from store.models import Annotation, Link, Paper
from store.text import clean_inline, strip_controls
from tests.hostile import corpus
from tui.browser import open_link
from tui.cli import main
from tui.safe import safe_url

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
INVISIBLE = "\u200b\u2060\ufeff\U000e0001\U000e0041\u00ad"


def test_json_export_has_no_c1(tmp_path: Path) -> None:
    """orjson escapes C0 but not C1: strings are cleaned before dumping."""
    paper = Paper(id="p", title="a\x9b31mb\x9d0;t\x9c", abstract="x\x85y")
    out = to_json([paper], {"p": Annotation(note="n\x9bz", tags=["t\x9f"])})
    corpus.scan(out, "to_json")
    assert orjson.loads(out)[0]["title"] == "ab"


def test_show_json_has_no_c1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`show --json` and `search --json` of a third-party library carry no C1 character."""
    lib = tmp_path / "lib.json"
    pid = corpus.third_party_library(lib)
    for args in (["show", pid, "--json"], ["search", "", "--json"], ["sections", "--json"]):
        assert main(["--home", str(tmp_path / "h"), "--library", str(lib), *args]) == 0
        corpus.scan(capsys.readouterr().out, " ".join(args))


def test_bidi_and_invisible_characters_are_stripped() -> None:
    """Bidi controls, zero-width and tag characters go; joiners that scripts need stay."""
    for ch in BIDI + INVISIBLE:
        assert strip_controls(f"a{ch}b") == "ab", repr(ch)
        assert clean_inline(f"a{ch}b") == "ab", repr(ch)
    assert strip_controls("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ in Persian
    assert strip_controls("👩\u200d💻") == "👩\u200d💻"  # ZWJ emoji
    assert strip_controls("a\u2028b") == "a\nb"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/\u202egnp.exe",
        "https://example.com/\u200bx",
        "https://example.com/a\u00a0b",
        "https://example.com/a\u3000b",
        "https://example.com/a\u2028b",
        "https://exa\u2066mple.com/",
        "https:///path-without-host",
        "http://",
        "https://:80/x",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.com/",
    ],
)
def test_safe_url_refuses(url: str) -> None:
    """Any Cc/Cf/Zs/Zl/Zp character or a missing host makes a URL unsafe; it is never opened."""
    assert safe_url(url) is None
    assert open_link(url, {"BROWSER": "true"}).action == "refused"


def test_safe_url_keeps_plain_links() -> None:
    """Ordinary http(s) links, including non-ASCII paths, pass unchanged."""
    for url in ("https://arxiv.org/abs/2401.00001", "http://example.com/a?b=c#d",
                "https://de.wikipedia.org/wiki/Müller"):
        assert safe_url(url) == url


def test_markdown_targets() -> None:
    """`<`, `>`, backticks and spaces are percent-encoded; non-http(s) targets are text."""
    links = [
        Link("Paper", "https://ok.example/a<script>alert(1)</script>"),
        Link("Tick", "https://ok.example/a`b c"),
        Link("File", "file:///etc/passwd"),
        Link("Ftp", "ftp://example.com/x"),
        Link("Opt", "--output=/tmp/x"),
        Link("Js", "javascript:alert(1)"),
    ]
    out = to_markdown([Paper(id="p", title="T", links=links)], {})
    assert "(<https://ok.example/a%3Cscript%3Ealert%281%29%3C/script%3E>)" in out
    assert "(<https://ok.example/a%60b%20c>)" in out
    for bad in ("file:", "ftp:", "--output", "javascript:"):
        assert f"(<{bad}" not in out and f"]({bad}" not in out
        assert bad in out  # still shown, as text


async def test_note_and_tags_dialogs_show_no_controls(tmp_path: Path) -> None:
    """A stored note or tag holding escapes is shown cleaned in the dialogs' editors."""
    from textual.widgets import Input, TextArea

    from store.repository import Store
    from tui.app import create_app
    from tui.screens.note_dialog import NoteDialog, tags_dialog

    app = create_app(Store(tmp_path), load_in_background=False)
    async with app.run_test() as pilot:
        await app.push_screen(NoteDialog("s", "line\x1b]0;PWNED\x07 one\n\u202etwo\x9b2J"))
        await pilot.pause()
        text = app.screen.query_one(TextArea).text
        assert "line" in text and "two" in text
        corpus.scan(text, "note dialog")
        app.pop_screen()
        await app.push_screen(tags_dialog("s", ["a\x1b]52;c;SGk=\x07", "b\u202e"]))
        await pilot.pause()
        corpus.scan(app.screen.query_one(Input).value, "tags dialog")


async def test_notifications_are_cleaned(tmp_path: Path) -> None:
    """A notice quoting a hostile file name is shown without its controls."""
    from store.repository import Store
    from tui.app import create_app

    app = create_app(Store(tmp_path), load_in_background=False)
    async with app.run_test() as pilot:
        app.notify(f"Import of {corpus.HOSTILE_NAME} failed", markup=False)
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert shown and all(corpus.BAD.search(m) is None for m in shown), shown


def _demo_dirs(tmp: Path) -> list[Path]:
    """The demo's temporary homes under tmp."""
    return sorted(tmp.glob("paperdeck-demo-*"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_demo_removes_its_copy_on_signals(tmp_path: Path, sig: signal.Signals) -> None:
    """`paperdeck demo` killed by SIGHUP (an SSH drop) or SIGTERM leaves no temp copy."""
    master, slave = pty.openpty()
    env = {**os.environ, "TMPDIR": str(tmp_path), "TERM": "xterm-256color",
           "PYTHONPATH": str(corpus.REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "demo"], stdin=slave,
                            stdout=slave, stderr=slave, env=env, cwd=corpus.REPO,
                            start_new_session=True)
    os.close(slave)
    os.set_blocking(master, False)
    out = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and b"All papers" not in out:
        try:
            out += os.read(master, 65536)
        except BlockingIOError:
            time.sleep(0.1)
    assert _demo_dirs(tmp_path), "the demo did not start"
    time.sleep(1.0)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    os.close(master)
    assert _demo_dirs(tmp_path) == []
