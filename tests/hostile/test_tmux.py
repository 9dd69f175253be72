"""A real terminal: tmux with `set-clipboard on`. A downloaded .bib whose doi carries OSC 52
(and whose title carries OSC 0/2) must neither set the clipboard nor retitle the pane when
`show --bibtex` prints it. A control run shows the same tmux does react to the raw payload."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from store.repository import Store
from tests.hostile.corpus import OSC52, REPO

EVIL_BIB = (
    "@article{evil2024,\n"
    "  title = {Innocent Title\x1b]2;PWNED-TITLE\x1b\\\x1b]0;PWNED-ZERO\x07},\n"
    "  author = {Mallory, Eve},\n"
    "  journal = {Journal of Tests},\n"
    "  year = {2024},\n"
    "  doi = {10.1145/3" + OSC52 + "},\n"
    "}\n"
)


class Tmux:
    """One private tmux server (own socket, no user config) with one 120x40 pane."""

    def __init__(self, socket: Path) -> None:
        """Start the server and its session."""
        tmux = shutil.which("tmux")
        assert tmux, "tmux is required (.ci/run installs it)"
        self.base = [tmux, "-S", str(socket), "-f", "/dev/null"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        self.env = {**env, "PYTHONPATH": str(REPO)}
        self.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "t", "sh")
        self.run("set-option", "-g", "set-clipboard", "on")
        self.run("set-option", "-g", "allow-rename", "on")

    def run(self, *args: str) -> str:
        """A tmux command's output."""
        done = subprocess.run([*self.base, *args], capture_output=True, text=True,
                              env=self.env, timeout=30, check=True)
        return done.stdout

    def title(self) -> str:
        """The pane's title."""
        return self.run("display-message", "-p", "-t", "t", "#{pane_title}").strip()

    def buffers(self) -> str:
        """Every paste buffer (OSC 52 with set-clipboard on makes one)."""
        return self.run("list-buffers").strip()

    def type_and_wait(self, command: str, marker: str) -> str:
        """Type a shell command in the pane and wait until marker is printed; the screen."""
        self.run("send-keys", "-t", "t", f"{command}; echo {marker}-$((40+2))", "Enter")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            screen = self.run("capture-pane", "-p", "-t", "t", "-S", "-200")
            if f"{marker}-42" in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{command!r} did not finish:\n{screen}")

    def close(self) -> None:
        """Stop the server."""
        subprocess.run([*self.base, "kill-server"], capture_output=True, env=self.env, timeout=30)


def _with_tmux(tmp_path: Path, body: Callable[[Tmux], None]) -> None:
    """Run body against a fresh tmux server, always stopping it."""
    tmux = Tmux(tmp_path / "tmux.sock")
    try:
        body(tmux)
    finally:
        tmux.close()


def test_osc52_doi_never_reaches_the_terminal(tmp_path: Path) -> None:
    """Import the .bib, `show --bibtex` and `export -f bibtex` in tmux: no buffer, same title."""
    bib = tmp_path / "evil.bib"
    bib.write_text(EVIL_BIB, "utf-8")
    home = tmp_path / "home"
    cmd = [sys.executable, "-m", "tui.cli", "--home", str(home)]

    def body(tmux: Tmux) -> None:
        title = tmux.title()
        tmux.type_and_wait(shlex.join([*cmd, "import", str(bib)]), "IMPORTED")
        papers = Store(home).papers()
        assert len(papers) == 1 and papers[0].doi.startswith("10.1145/3")
        screen = tmux.type_and_wait(shlex.join([*cmd, "show", papers[0].id, "--bibtex"]), "SHOWN")
        assert "doi" in screen and "10.1145/3" in screen
        tmux.type_and_wait(shlex.join([*cmd, "export", "-f", "bibtex"]), "EXPORTED")
        tmux.type_and_wait(shlex.join([*cmd, "show", papers[0].id]), "PLAIN")
        assert tmux.buffers() == "", "the clipboard (a tmux buffer) was set"
        assert tmux.title() == title, "the pane title changed"
        # Control: the raw payload does set a buffer and the title in this very tmux.
        tmux.type_and_wait("printf '\\033]52;c;SE9TVElMRQ==\\a\\033]2;RAW-TITLE\\a'", "CONTROL")
        assert tmux.buffers() != "" and tmux.title() == "RAW-TITLE"

    _with_tmux(tmp_path, body)
