"""An export written a chunk at a time is byte for byte the export of the whole list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store.bibtex_export import to_bibtex
from store.cite.csl import to_csl_json
from store.cite.ris import to_ris
from store.export import to_json, to_markdown
from store.index import chunks as chunks_module
from store.models import Paper
from store.repository import Store
from tests.store.storehelp import paper, result
from tui.commands.export_stream import pieces

ROOT = Path(__file__).resolve().parents[3]
FORMATS = ("json", "csljson", "ris", "markdown", "bibtex")


def _paper(title: str, year: int, authors: list[str], source: str) -> Paper:
    """A fixture paper with its own year and authors."""
    made = paper(title, source=source)
    made.year, made.authors = year, authors
    return made


def _library(home: Path) -> Store:
    """Two sources, 23 papers, marks on a few (the JSON and Markdown carry them)."""
    store = Store(home)
    store.apply_import(result(*(_paper(f"Video compression study {i}", 2000 + i % 9,
                                       [f"Ann Lee{i % 4}", "Bo Chen"], "a.md")
                                for i in range(15))), source="a.md", importer="test")
    store.apply_import(result(*(_paper(f"Graph kernels {i}", 2010 + i, ["Cy Dee"], "b.md")
                                for i in range(8))), source="b.md", importer="test")
    for row in store.search("video", limit=4).rows:
        store.mark(row.id, starred=True, tags=["thesis"], note="read it")
    return store


def _whole(store: Store, fmt: str, query: str) -> str:
    """The export as the whole-list writers give it."""
    papers = store.overlaid(store.matching(query))
    notes = store.annotations()
    return {"json": lambda: to_json(papers, notes), "csljson": lambda: to_csl_json(papers),
            "ris": lambda: to_ris(papers), "markdown": lambda: to_markdown(papers, notes),
            "bibtex": lambda: to_bibtex(papers)}[fmt]()


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One library for the comparisons (they only read it)."""
    return _library(tmp_path_factory.mktemp("home"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("query", ["", "video", "year:2003..2012"])
@pytest.mark.parametrize("size", [1, 4, 7, 100])
def test_chunked_export_is_the_whole_export(library: Store, fmt: str, query: str,
                                            size: int) -> None:
    """Chunks read by ranges of library positions, written piece by piece, give the same
    text as the whole list (same papers, same order, same keys)."""
    store = library
    chunks = [store.overlaid(c) for c in store.search_index.matching_chunks(query, size=size)]
    assert all(0 < len(c) < 2 * size for c in chunks)
    total = sum(map(len, chunks))
    text = "".join(pieces(chunks, fmt, store.annotations(), total))
    assert text.rstrip("\n") == _whole(store, fmt, query).rstrip("\n")


def test_chunks_walk_positions_not_the_whole_list(library: Store) -> None:
    """Over the chunk size, each chunk is its own search over a range of positions."""
    store = library
    index = store.search_index.open()
    assert index is not None
    walk = chunks_module.chunks(index, "", None, 5)
    assert walk is not None
    assert [len(c) for c in walk] == [5, 5, 5, 5, 3]
    sparse = chunks_module.chunks(index, "kernels", None, 3)  # 8 matches at the end
    assert sparse is not None
    got = [p.id for c in sparse for p in c]
    assert got == [p.id for p in store.matching("kernels")] and len(got) == 8


def test_the_export_command_streams_a_large_result(tmp_path: Path) -> None:
    """`paperdeck export` over the chunk size (lowered for the test) writes the same file."""
    home = tmp_path / "home"
    store = _library(home)
    code = ("import sys; import store.index.chunks as c; c.CHUNK = 4; from tui.cli import main;"
            "sys.exit(main(sys.argv[1:]))")
    for fmt, query in [(f, "") for f in FORMATS] + [("bibtex", "video"), ("json", "year:>2004")]:
        out = tmp_path / f"out.{fmt}"
        proc = subprocess.run([sys.executable, "-c", code, "--home", str(home), "export",
                               "-f", fmt, "-o", str(out), *([query] if query else [])],
                              cwd=ROOT, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        whole = _whole(store, fmt, query)
        assert f"exported {len(store.matching(query))} papers" in proc.stderr
        assert out.read_text("utf-8").rstrip("\n") == whole.rstrip("\n")
    proc = subprocess.run([sys.executable, "-c", code, "--home", str(home), "export", "-f",
                           "ris", "video"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0 and proc.stdout.rstrip("\n") == _whole(
        store, "ris", "video").rstrip("\n")


@pytest.mark.parametrize("fmt", ["bibtex", "json", "ris", "csljson"])
def test_an_export_holds_one_chunk_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             fmt: str) -> None:
    """A chunk is read only after the previous one was written (it held two at once before:
    up to 80,000 papers, most of a 100k library)."""
    from tui.cli import main

    home = tmp_path / "home"
    _library(home)
    monkeypatch.setattr(chunks_module, "CHUNK", 4)
    events: list[str] = []
    real = Store.matching_chunks

    def logged(self: Store, *args: object, **kwargs: object) -> object:
        """The chunks, each logged when it is read."""
        for chunk in real(self, *args, **kwargs):
            events.append("read")
            yield chunk

    class Out:
        """A stdout that logs writes."""

        def write(self, text: str) -> int:
            """Log one write."""
            events.append("write")
            return len(text)

        def flush(self) -> None:
            """Nothing to flush."""

    monkeypatch.setattr(Store, "matching_chunks", logged)
    monkeypatch.setattr(sys, "stdout", Out())
    assert main(["--home", str(home), "export", "-f", fmt]) == 0
    reads = [i for i, e in enumerate(events) if e == "read"]
    assert len(reads) > 2
    assert all("write" in events[a:b] for a, b in zip(reads, reads[1:], strict=False))
