"""The installed `paperdeck` in a real terminal (tmux): type-ahead at start-up, 2k papers."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from importers.base import ImportResult
from store.models import Collection, Paper, Section, SectionRef, make_paper_id
from store.repository import Store

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="needs tmux (.ci/run installs it)")
WORDS = ("video", "image", "denoising", "restoration", "deep", "network", "diffusion", "model",
         "low", "light", "raw", "transformer", "attention", "burst", "synthesis", "neural",
         "rendering")


def library_2k(home: Path, n: int = 2000) -> Store:
    """A library of n papers on five site pages; a few are about frame interpolation."""
    res = ImportResult()
    site = "site:lab"
    res.collections.append(Collection(id=site, kind="site", title="Lab", order=0))
    for i in range(5):
        res.sections.append(Section(id=f"{site}/p{i}", collection=site, label=f"Page {i}",
                                    order=i, page=f"p{i}.md"))
    rng = random.Random(7)
    for i in range(n):
        words = rng.sample(WORDS, 6)
        title = " ".join(words).capitalize()
        if i % 97 == 0:
            title = f"Frame interpolation {title}"
        paper = Paper(title=f"{title} {i}", authors=[f"Author {i}", "Second Person"],
                      year=2000 + i % 25, venue="CVPR", venue_short="CVPR",
                      abstract=" ".join(rng.choice(WORDS) + str(rng.randrange(10**6))
                                        for _ in range(40)),
                      sections=[SectionRef(site, f"{site}/p{i % 5}", f"Page {i % 5}")])
        paper.id = make_paper_id(paper)
        res.papers.append(paper)
    home.mkdir(parents=True, exist_ok=True)
    store = Store(home)
    store.apply_import(res, source="synthetic", importer="test")
    return store


class Tmux:
    """One private tmux server (its own socket, no user config) running one command."""

    def __init__(self, socket: str) -> None:
        """A server named socket (not started yet)."""
        self.base = [str(TMUX), "-L", socket, "-f", "/dev/null"]

    def run(self, *args: str) -> str:
        """Run a tmux command; its stdout."""
        return subprocess.run([*self.base, *args], capture_output=True, text=True,
                              check=True, timeout=10).stdout

    def screen(self) -> str:
        """The pane's text; empty once the session has ended (its command exited)."""
        done = subprocess.run([*self.base, "capture-pane", "-p", "-t", "t"],
                              capture_output=True, text=True, check=False, timeout=10)
        return done.stdout if done.returncode == 0 else ""

    def wait_for(self, predicate: object, timeout: float = 30.0, step: float = 0.02) -> str:
        """Poll the pane until predicate(text) holds; the text (fails on timeout)."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if predicate(text):  # type: ignore[operator]
                return text
            time.sleep(step)
        raise AssertionError(f"timed out; the pane shows:\n{text}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, killed afterwards."""
    server = Tmux(f"pd-test-{os.getpid()}-{tmp_path.name}")
    yield server
    subprocess.run([*server.base, "kill-server"], capture_output=True, check=False)


def paperdeck_command(home: Path) -> str:
    """The shell command that runs the installed paperdeck on home."""
    exe = Path(sys.executable).with_name("paperdeck")
    assert exe.exists(), "paperdeck is not installed in this environment"
    return f"TERM=xterm-256color {exe} --home {home}"


def test_one_write_query_at_start_up_lands_in_the_search_box(tmp_path: Path,
                                                            tmux: Tmux) -> None:
    """`/frame interpolation` sent in one write as soon as the first rows show: all of it is
    the query, and no key was taken as a command (no annotation changed)."""
    home = tmp_path / "home"
    library_2k(home)
    annotations = home / "annotations.json"
    before = annotations.read_bytes() if annotations.exists() else None
    tmux.run("new-session", "-d", "-s", "t", "-x", "120", "-y", "40", paperdeck_command(home))
    tmux.wait_for(lambda text: "Frame interpolation" in text or " 2000 papers" in text)
    tmux.run("send-keys", "-t", "t", "-l", "/frame interpolation")
    # A burst may be drawn over several frames: wait for the frame that holds all of it.
    # (21 papers: i % 97 == 0 for i < 2000.)
    text = tmux.wait_for(lambda text: " 21 of 2000 match" in text and "indexing" not in text
                         and any(line.strip() == "frame interpolation"
                                 for line in text.splitlines()))
    assert "Tags (" not in text and "Note (" not in text and "paperdeck keys" not in text
    tmux.run("send-keys", "-t", "t", "Escape")
    tmux.wait_for(lambda text: "match" not in text)
    tmux.run("send-keys", "-t", "t", "q")
    tmux.wait_for(lambda text: "Title" not in text, timeout=15)
    after = annotations.read_bytes() if annotations.exists() else None
    assert after == before
