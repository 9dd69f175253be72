"""`paperdeck update` interrupted (SIGINT, SIGKILL) and run again equals one uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from store.daily.follows import FollowList
from store.daily.inbox import Arrivals
from store.repository import Store
from tests.conftest import REPO
from tests.data.oai_server import FakeOai, OaiRecord, day_one, fake_oai
from tests.tui.library import foreground


def records() -> list[OaiRecord]:
    """Day one plus ten more cs.CV papers: eight pages of two."""
    more = [
        OaiRecord(f"2611.1{i:04d}", "2026-11-26", f"Paper number {i} on dense prediction",
                  [("Wang", f"Author{i}")], "cs.CV", "2026-11-25")
        for i in range(10)
    ]
    return day_one() + more


def start(home: Path, server: FakeOai, **hooks: str) -> subprocess.Popen[bytes]:
    """`paperdeck update` in a child process against the fake server."""
    env = dict(os.environ, **hooks, PYTHONFAULTHANDLER="1", PAPERDECK_HOME=str(home),
               PAPERDECK_OAI_URL=server.url, PAPERDECK_OAI_INTERVAL="0.25", PAPERDECK_ARXIV_URL="http://127.0.0.1:9/none")
    code = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, "update", "--days", "400",
                             "--no-sources"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=foreground)



def snapshot(home: Path) -> dict[str, Any]:
    """The library's content (source dates aside) and the arrivals' ids."""
    store = Store(home)
    return {
        "papers": [p.to_dict() for p in store.papers()],
        "sections": [s.to_dict() for s in store.sections()],
        "collections": [c.to_dict() for c in store.collections()],
        "sources": [(s.id, s.importer, s.papers) for s in store.sources()],
        "arrivals": sorted(Arrivals(home).all()),
    }


def follow(home: Path) -> None:
    """Follow cs.CV and cs.LG in home."""
    home.mkdir(parents=True)
    FollowList(home).add(categories=["cs.CV", "cs.LG"])


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The snapshot of one uninterrupted update (made once for the module)."""
    clean = tmp_path_factory.mktemp("clean") / "home"
    follow(clean)
    with fake_oai(page_size=2) as server:
        server.records = records()
        proc = start(clean, server)
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
        assert len(server.requests) == 8
    return snapshot(clean)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_update_resumes_to_the_same_library(
    tmp_path: Path, sig: int, clean_run: dict[str, Any]
) -> None:
    """Stopped after a few pages and run again: the same library as one clean run."""
    broken = tmp_path / "broken"
    follow(broken)
    with fake_oai(page_size=2) as server:
        server.records = records()
        proc = start(broken, server)
        deadline = time.monotonic() + 60
        while len(server.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        assert code == (130 if sig == signal.SIGINT else -signal.SIGKILL)
        interrupted = len(server.requests)
        assert interrupted < 8
        proc = start(broken, server)
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
        resumed = server.requests[interrupted]
        assert "resumptionToken" in resumed  # it resumed, not started over
    assert snapshot(broken) == clean_run


@pytest.mark.parametrize(
    ("point", "file", "skip"),
    [
        ("after-replace", "inbox.json", "1"),  # arrivals noted, page not stored
        ("after-replace", "library.json", "1"),  # page stored, resumption point not
        ("mid-temp-write", "library.json", "1"),  # torn temp file of the library
        ("after-temp-write", "harvest.json", "2"),  # resumption point not yet in place
    ],
)
def test_killed_between_the_writes_of_a_page(tmp_path: Path, point: str, file: str,
                                             skip: str, clean_run: dict[str, Any]) -> None:
    """Killed at exact points between a page's three writes: the re-run repeats the page."""
    broken = tmp_path / "broken"
    follow(broken)
    with fake_oai(page_size=2) as server:
        server.records = records()
        proc = start(broken, server, PAPERDECK_CRASH_POINT=point, PAPERDECK_CRASH_FILE=file,
                     PAPERDECK_CRASH_SKIP=skip)
        assert proc.wait(timeout=120) == -signal.SIGKILL
        proc = start(broken, server)
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
    assert snapshot(broken) == clean_run


@pytest.mark.slow
def test_many_kills_at_random_points(tmp_path: Path) -> None:
    """Killed again and again at random moments (also inside writes), then finished."""
    import random

    rng = random.Random(13)
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    follow(clean)
    follow(broken)
    with fake_oai(page_size=2) as server:
        server.records = records()
        assert start(clean, server).wait(timeout=120) == 0
        for _ in range(12):
            proc = start(broken, server)
            time.sleep(rng.uniform(0.3, 2.5))
            proc.send_signal(rng.choice([signal.SIGKILL, signal.SIGINT]))
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
                proc.wait(timeout=10)
                pytest.fail("update hung after a signal:\n" + proc.stderr.read().decode())
        proc = start(broken, server)
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
    assert snapshot(broken) == snapshot(clean)
