"""Streaming an arXiv snapshot: batches, progress, interruption and resume, taxonomy tabs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import orjson

from importers.arxiv_snapshot import parse_lines
from store.imports.snapshot import checkpoint_file, import_snapshot, month_of
from store.repository import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from gen_arxiv_snapshot import papers as generated  # noqa: E402

REPO = Path(__file__).resolve().parents[3]


def parse(lines: list[tuple[int, bytes]], source: str) -> object:
    """The pure importer, as the CLI passes it."""
    return parse_lines(lines, source=source)


def _snapshot(path: Path, n: int) -> list[dict]:
    """A generated snapshot of n records plus two broken lines."""
    recs = list(generated(n, seed=5))
    lines = [orjson.dumps(r) for r in recs]
    lines.insert(10, b"{not json")
    lines.insert(50, b'{"id": "", "title": "no id"}')
    path.write_bytes(b"\n".join(lines) + b"\n")
    return recs


def test_interrupt_and_resume(tmp_path: Path) -> None:
    """Cancelled after a batch, a second run resumes where it stopped; all papers arrive,
    bad lines are named, cross-listed papers are in each category's tab."""
    snap = tmp_path / "snap.json"
    recs = _snapshot(snap, 400)
    store = Store(tmp_path / "home")
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        """Record progress; ask to stop after the first batch."""
        seen.append((done, total))
        stop.set()

    first = import_snapshot(store, snap, parse, batch=150, progress=progress, cancel=stop)
    assert not first.finished and first.lines == 150 and seen[0][1] == snap.stat().st_size
    assert checkpoint_file(store, snap).exists()
    second = import_snapshot(store, snap, parse, batch=150)
    assert second.finished and second.resumed_at == 150
    assert second.papers == 400 and len(first.skipped) + len(second.skipped) == 2
    assert store.count() == 400
    cv = sum("cs.CV" in r["categories"].split() for r in recs)
    assert store.count(view="arxiv-cat:cs/cs.cv") == cv
    assert store.count(view="c:arxiv-cat:cs") == sum(
        any(c.startswith("cs.") for c in r["categories"].split()) for r in recs)
    assert {c.title for c in store.collections()} >= {"Computer Science", "Mathematics"}
    again = import_snapshot(store, snap, parse, batch=150, restart=True)
    assert again.finished and again.new == 0 and store.count() == 400


_RUN = """
import sys
from pathlib import Path
from importers.arxiv_snapshot import parse_lines
from store.repository import Store
from store.imports.snapshot import import_snapshot
import_snapshot(Store(Path(sys.argv[1])), Path(sys.argv[2]),
                lambda lines, src: parse_lines(lines, source=src), batch=100)
"""


def test_killed_mid_import_resumes_to_the_same_library(tmp_path: Path) -> None:
    """SIGKILL during a batch's index update; the resumed run ends with every paper once."""
    snap = tmp_path / "snap.json"
    _snapshot(snap, 300)
    home = tmp_path / "home"
    Store(home).apply_import(parse_lines([(1, snap.read_bytes().split(b"\n")[0])],
                                         source="seed"), source="seed", importer="t")
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERDECK_CRASH_POINT": "index-after-commit",
           "PAPERDECK_CRASH_SKIP": "1"}
    proc = subprocess.run([sys.executable, "-c", _RUN, str(home), str(snap)], env=env,
                          timeout=300)
    assert proc.returncode == -9
    store = Store(home)
    report = import_snapshot(store, snap, parse, batch=100)
    assert report.finished
    ids = [p.arxiv_id for p in store.papers()]
    assert len(ids) == len(set(ids)) == 300
    assert store.count() == 300 and store.search("is:unread", limit=1).total == 300


def test_month_of() -> None:
    """New- and old-style ids map to their month."""
    assert month_of("2401.00001") == "2401" and month_of("0704.0001") == "0704"
    assert month_of("hep-th/9901001") == "9901" and month_of("math.PR/0601001") == "0601"
    assert month_of("weird") == "misc"


def test_one_journal_change_per_run(tmp_path: Path) -> None:
    """A run of many batches is one journal entry (store files saved once), and undo takes
    the whole run back."""
    snap = tmp_path / "snap.jsonl"
    _snapshot(snap, 300)
    store = Store(tmp_path / "home")
    report = import_snapshot(store, snap, parse, batch=50)
    assert report.finished and store.count() == 300
    entries = store.journal.entries()
    assert [e[1].get("label") for e in entries] == [f"import {snap.name}"]
    assert store.journal.undo() is not None
    assert Store(tmp_path / "home").count() == 0


def test_parse_ahead_failure_keeps_the_checkpoint_at_the_applied_batch(tmp_path: Path) -> None:
    """The next batch is parsed ahead in a thread: when parsing it fails, the error reaches
    the caller, the checkpoint names only the batch applied before it, and the next run
    resumes there with every paper once."""
    snap = tmp_path / "snap.jsonl"
    _snapshot(snap, 300)
    store = Store(tmp_path / "home")
    calls: list[int] = []
    applied: list[int] = []

    def flaky(lines: list[tuple[int, bytes]], source: str) -> object:
        """Parse, but fail on the third batch (read while the second is applied)."""
        calls.append(lines[0][0])
        if len(calls) == 3:
            raise OSError("disk went away")
        return parse(lines, source)

    try:
        import_snapshot(store, snap, flaky, batch=100,
                        progress=lambda done, total: applied.append(done))
    except OSError as exc:
        assert "disk went away" in str(exc)
    else:
        raise AssertionError("the parse error was swallowed")
    saved = orjson.loads(checkpoint_file(store, snap).read_bytes())
    assert saved["line"] == 200 and len(applied) == 2  # two batches applied, none half
    report = import_snapshot(store, snap, parse, batch=100)
    assert report.finished and report.resumed_at == 200
    ids = [p.arxiv_id for p in store.papers()]
    assert len(ids) == len(set(ids)) == 300
