"""Ill-typed records (issue #12 item 7): valid JSON with a field of the wrong type is one line
naming the file, the record and the field (exit 2), never an internal error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from store.repository import Store
from tests.store.storehelp import paper, result

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
COMMANDS = (["stats"], ["search", ""], ["export"], ["export", "-f", "bibtex"],
            ["export", "-f", "markdown"], ["sections"], ["show", "PID"])
MANIFEST_ONLY = ("stats",)  # answered from library.json alone: no paper is read


def _library(home: Path) -> tuple[dict[str, Any], str]:
    """A good library's whole document (manifest tables plus its part's papers) and paper id."""
    store = Store(home)
    store.apply_import(result(paper("Good Paper")), source="s", importer="test")
    doc = orjson.loads((home / "library.json").read_bytes())
    (part,) = (home / "library.parts").glob("*.json")
    doc["papers"] = orjson.loads(part.read_bytes())["papers"]
    return doc, store.papers()[0].id


def _write(home: Path, doc: dict[str, Any]) -> Path:
    """Write doc back: papers into the part file, the rest into library.json; the file that
    holds the broken record."""
    (part,) = (home / "library.parts").glob("*.json")
    whole = orjson.loads(part.read_bytes())
    papers_broken = whole["papers"] != doc["papers"]
    part.write_bytes(orjson.dumps({**whole, "papers": doc["papers"]}))
    lib = home / "library.json"
    lib.write_bytes(orjson.dumps({k: v for k, v in doc.items() if k != "papers"}))
    return part if papers_broken else lib


def _papers(doc: dict[str, Any]) -> dict[str, Any]:
    """The first paper record of a document."""
    return doc["papers"]["1"]


BREAKAGES = {
    "badges-number": (lambda d: _papers(d).update(badges=5), "badges"),
    "links-string": (lambda d: _papers(d).update(links="x"), "links"),
    "link-number": (lambda d: _papers(d).update(links=[5]), "links"),
    "link-extra-key": (lambda d: _papers(d)["links"][0].update(evil=1), "links"),
    "link-missing-url": (lambda d: _papers(d)["links"][0].pop("url"), "links"),
    "authors-numbers": (lambda d: _papers(d).update(authors=[1, 2]), "authors"),
    "year-string": (lambda d: _papers(d).update(year="2020"), "year"),
    "title-null": (lambda d: _papers(d).update(title=None), "title"),
    "venue-list": (lambda d: _papers(d).update(venue=["x"]), "venue"),
    "extra-nested": (lambda d: _papers(d).update(extra={"a": {"b": 1}}), "extra"),
    "section-missing-label": (lambda d: d["sections"]["1"].pop("label"), "label"),
    "section-order-string": (lambda d: d["sections"]["1"].update(order="1"), "order"),
    "collection-meta-list": (lambda d: d["collections"]["1"].update(meta=[1]), "meta"),
    "source-papers-string": (lambda d: d["sources"]["1"].update(papers="3"), "papers"),
    "provenance-line-string": (lambda d: _papers(d)["provenance"][0].update(line="3"), "line"),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_ill_typed_library_is_one_line(tmp_path: Path, name: str) -> None:
    """Every command exits 2 with one line naming file, record and field; file untouched."""
    home = tmp_path / "home"
    doc, pid = _library(home)
    breakage, field = BREAKAGES[name]
    breakage(doc)
    lib = _write(home, doc)
    raw = lib.read_bytes()
    for args in COMMANDS:
        args = [pid if a == "PID" else a for a in args]
        proc = subprocess.run([sys.executable, "-m", "tui.cli", "--home", str(home), *args],
                              capture_output=True, text=True, env=ENV, cwd=REPO, timeout=60)
        lines = [line for line in proc.stderr.strip().splitlines()
                 if "building the search index" not in line]  # a rebuild's progress note
        if lib.parent.name == "library.parts" and args[0] in MANIFEST_ONLY:
            assert proc.returncode == 0 and not lines, (args, proc.stderr)  # no paper read
            continue
        assert proc.returncode == 2, (args, proc.returncode, proc.stderr)
        assert len(lines) == 1 and "internal error" not in proc.stderr, proc.stderr
        assert str(lib) in lines[0] and repr(field) in lines[0] and "record" in lines[0], lines
    assert lib.read_bytes() == raw


@pytest.mark.parametrize(
    "record",
    [{"tags": 5}, {"read": "yes"}, {"note": ["x"]}, {"tags": [1]}, "not-an-object"],
)
def test_ill_typed_annotations_are_one_line(tmp_path: Path, record: object) -> None:
    """A wrong-typed annotation is refused with file, paper and field; the file is untouched."""
    home = tmp_path / "home"
    _, pid = _library(home)
    raw = orjson.dumps({"schema_version": 1, "annotations": {pid: record}})
    (home / "annotations.json").write_bytes(raw)
    for args in (["export"], ["show", pid], ["mark", pid, "--tag", "x"], ["search", ""]):
        proc = subprocess.run([sys.executable, "-m", "tui.cli", "--home", str(home), *args],
                              capture_output=True, text=True, env=ENV, cwd=REPO, timeout=60)
        assert proc.returncode == 2, (args, proc.returncode, proc.stderr)
        assert "annotations.json" in proc.stderr and pid in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    assert (home / "annotations.json").read_bytes() == raw


_CRASHING_APP = """
import sys
from textual.app import App
from tui.cli import app_exit
from tui.commands.context import Context
import argparse

class Boom(App[None]):
    def on_mount(self) -> None:
        raise RuntimeError("boom")

sys.exit(app_exit(Context(argparse.Namespace()), Boom()))
"""


def test_app_crash_exits_non_zero(tmp_path: Path) -> None:
    """When the app stops on an unhandled error, paperdeck's exit code says so (3)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", _CRASHING_APP], stdin=slave, stdout=slave,
                            stderr=slave, env={**ENV, "TERM": "xterm"}, cwd=REPO)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=60) == 3, out[-2000:]
    assert b"internal error" in out
