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


def records() -> list[OaiRecord]:
    """Day one plus ten more cs.CV papers: eight pages of two."""
    more = [
        OaiRecord(f"2611.1{i:04d}", "2026-11-26", f"Paper number {i} on dense prediction",
                  [("Wang", f"Author{i}")], "cs.CV", "2026-11-25")
        for i in range(10)
    ]
    return day_one() + more


def start(home: Path, server: FakeOai) -> subprocess.Popen[bytes]:
    """`paperdeck update` in a child process against the fake server."""
    env = dict(os.environ, PAPERDECK_HOME=str(home), PAPERDECK_OAI_URL=server.url,
               PAPERDECK_OAI_INTERVAL="0.25", PAPERDECK_ARXIV_URL="http://127.0.0.1:9/none")
    code = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, "update", "--days", "400",
                             "--no-sources"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


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


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_update_resumes_to_the_same_library(tmp_path: Path, sig: int) -> None:
    """Stopped after a few pages and run again: the same library as one clean run."""
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    follow(clean)
    follow(broken)
    with fake_oai(page_size=2) as server:
        server.records = records()
        proc = start(clean, server)
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
        pages = len(server.requests)
        assert pages == 8
        server.requests.clear()
        proc = start(broken, server)
        deadline = time.monotonic() + 60
        while len(server.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        assert code == (130 if sig == signal.SIGINT else -signal.SIGKILL)
        interrupted = len(server.requests)
        assert interrupted < pages
        proc = start(broken, server)
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
        resumed = server.requests[interrupted]
        assert "resumptionToken" in resumed  # it resumed, not started over
    assert snapshot(broken) == snapshot(clean)
