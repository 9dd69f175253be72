"""Issue 11, must-have 3: every lookup command reads through the index or the manifest, never
the whole library. The Store's whole-library readers raise here; with a fresh index each
command still answers. (A full re-import and `rekey` of papers without keys legitimately read.)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.daily.inbox import Arrivals
from store.parts import PartedStorage
from store.repository import Store
from tests.conftest import seed
from tui.cli import main

SEEDS3 = [str(seed("000")), str(seed("001")), str(seed("002"))]
BIB = """@inproceedings{lee2020video,
  title = {Video Frame Study},
  author = {Ann Lee and Bo Chen},
  booktitle = {CVPR},
  year = {2020}
}
@article{kim2021low,
  title = {Low Light Enhancement Survey},
  author = {Sara Kim},
  journal = {TIP},
  year = {2021},
  doi = {10.1000/tip.2021.7}
}
"""


class WholeLibraryRead(AssertionError):
    """A command read every paper of the library."""


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds and a .bib imported, three inbox arrivals recorded, the index built."""
    home = tmp_path_factory.mktemp("index-only") / "home"
    bib = home.parent / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    assert run(home, "import", *SEEDS3, str(bib)) == 0
    store = Store(home)
    listed = [p for p in store.papers() if p.arxiv_id][:3]
    Arrivals(home).add({p.arxiv_id: {"id": p.id, "day": "2026-11-27", "kind": "new"}
                        for p in listed})  # as `update` records them: `new` lists these
    assert run(home, "search", "video") == 0
    assert store.index_is_fresh()
    return home


@pytest.fixture(scope="module")
def expected(built: Path) -> dict[str, Any]:
    """Counts read the slow way, before the readers are forbidden."""
    rows = Store(built).rows()
    sections = Counter(sec for row in rows for sec in row.sections)
    return {"papers": len(rows),
            "sections": {s.id: sections.get(s.id, 0) for s in Store(built).sections()}}


@pytest.fixture
def home(built: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The built store, with every whole-library reader raising."""
    reads: list[str] = []

    def forbidden(name: str) -> Any:
        def read(*args: Any, **kwargs: Any) -> Any:
            reads.append(name)
            raise WholeLibraryRead(f"{name}() read the whole library")
        return read

    for name in ("rows", "papers", "_lib", "cite_keys"):
        monkeypatch.setattr(Store, name, forbidden(f"Store.{name}"))
    monkeypatch.setattr(PartedStorage, "read", forbidden("PartedStorage.read"))
    yield built
    assert not reads, reads


def _ids(home: Path, capsys: pytest.CaptureFixture[str], query: str) -> list[str]:
    """Paper ids `search --json` finds."""
    capsys.readouterr()
    assert run(home, "search", query, "--json") == 0
    return [p["id"] for p in json.loads(capsys.readouterr().out)]


def _ok(home: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """stdout of a command that must succeed without an internal error."""
    capsys.readouterr()
    code = run(home, *args)
    out, err = capsys.readouterr()
    assert code == 0, (args, err)
    assert "internal error" not in err
    return out


def test_search_and_show(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """search (piped and JSON), show by id, id prefix, cite key, DOI, as JSON and BibTeX."""
    assert "Video Frame Study" in _ok(home, capsys, "search", "video", "frame")
    pid = _ids(home, capsys, "title:low title:light title:survey")[0]
    assert "Low Light Enhancement Survey" in _ok(home, capsys, "show", pid)
    assert "Low Light" in _ok(home, capsys, "show", pid[:6])
    assert pid in _ok(home, capsys, "show", "kim2021low")
    assert pid in _ok(home, capsys, "show", "10.1000/tip.2021.7")
    assert json.loads(_ok(home, capsys, "show", pid, "--json"))["id"] == pid
    assert "@article{kim2021low" in _ok(home, capsys, "show", pid, "--bibtex")
    assert "kim2021low" in _ok(home, capsys, "cite", pid, "--key", "latex")


@pytest.mark.parametrize("fmt", ["json", "bibtex", "markdown", "csljson", "ris"])
def test_export_every_format(home: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """export, whole library and a query, in every format, from the index."""
    everything = _ok(home, capsys, "export", "-f", fmt)
    some = _ok(home, capsys, "export", "-f", fmt, "low", "light", "survey")
    assert "Low Light Enhancement Survey" in some and len(some) < len(everything)
    assert "Video Frame Study" in everything and "Video Frame Study" not in some


def test_export_matches_the_query_like_search(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export QUERY gives the papers search gives, with their stable cite keys."""
    found = set(_ids(home, capsys, "video"))
    exported = json.loads(_ok(home, capsys, "export", "video"))
    assert {p["id"] for p in exported} == found and found
    bib = _ok(home, capsys, "export", "-f", "bibtex", "video", "frame", "study")
    assert "@inproceedings{lee2020video," in bib


def test_select_rekey_dry_run_and_bib(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """rekey --dry-run chooses papers by query and key; bib writes the cited entries."""
    _ok(home, capsys, "rekey", "--dry-run", "author:lee")
    _ok(home, capsys, "rekey", "--dry-run", "kim2021low")
    tex = tmp_path / "paper.tex"
    tex.write_text("As shown \\cite{lee2020video, kim2021low}.", encoding="utf-8")
    out = tmp_path / "refs.bib"
    _ok(home, capsys, "bib", str(out), "--from-tex", str(tex))
    text = out.read_text(encoding="utf-8")
    assert "@inproceedings{lee2020video," in text and "@article{kim2021low," in text


def test_sections_stats_new_and_marks(
        home: Path, expected: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """sections (counts from the index), stats (the manifest), new, mark, and is:starred."""
    sections = json.loads(_ok(home, capsys, "sections", "--json"))
    assert {s["id"]: s["papers"] for s in sections} == expected["sections"]
    assert _ok(home, capsys, "sections").count("\t") >= 4 * len(sections)
    stats = json.loads(_ok(home, capsys, "stats", "--json"))
    assert stats["papers"] == expected["papers"]
    assert len(_ok(home, capsys, "new").splitlines()) >= 3 + 1
    pid = _ids(home, capsys, "title:low title:light title:survey")[0]
    _ok(home, capsys, "mark", pid, "--star", "--tag", "survey")
    assert pid in _ids(home, capsys, "is:starred tag:survey")


def test_edit_and_note(home: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    """edit and note open the paper (as stored, and as imported for the diff) from the index."""
    monkeypatch.setenv("EDITOR", "true")  # an editor that saves the text unchanged
    monkeypatch.delenv("VISUAL", raising=False)
    assert "no fields of yours" in _ok(home, capsys, "edit", "kim2021low")
    _ok(home, capsys, "note", "kim2021low", "--edit")


def test_enrich_finds_its_candidates_through_the_index(
        home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """enrich --dry-run asks arXiv (a local stand-in) about the library's preprints, found a
    chunk at a time through the index."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked: list[str] = []

    class Api(BaseHTTPRequestHandler):
        """An arXiv API that knows nothing."""

        def log_message(self, *args: object) -> None:
            """Quiet."""

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            """An empty feed."""
            asked.append(self.path)
            body = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>q</title></feed>'
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("PAPERDECK_ARXIV_URL", f"http://127.0.0.1:{server.server_address[1]}/api")
    try:
        capsys.readouterr()
        code = run(home, "enrich", "--dry-run")
        err = capsys.readouterr().err
    finally:
        server.shutdown()
        server.server_close()
    assert code in (0, 1) and "internal error" not in err, err
    assert asked  # the preprints were found
