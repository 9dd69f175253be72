"""`paperdeck import URL` end to end against a static site on 127.0.0.1 (#10 item 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store.repository import Store
from tests.data.local_http import LocalServer, Route, local_server
from tests.data.static_site import entry, page, site_routes
from tui.cli import main

FAST = ["--delay", "0", "--timeout", "0.3", "--max-size", "100000"]
EXPECTED = {
    "Seeing Through Fog with Event Cameras", "Sparse Radiance Fields",
    "Depth from Defocus Revisited", "Learning to See in the Dark Again",
    "Old Optical Flow", "Older Stereo Matching",
}


@pytest.fixture
def site() -> Iterator[LocalServer]:
    """The static site."""
    with local_server(site_routes()) as server:
        yield server


def run(home: Path, *args: str) -> int:
    """Run the CLI against a home directory."""
    return main(["--home", str(home), "import", *args])


def test_import_url_reads_the_site_and_reports_each_failure_once(
    site: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Six papers from four pages; private (robots) never fetched; three one-line failures."""
    assert run(tmp_path, site.url("/"), *FAST) == 0
    out, err = capsys.readouterr()
    titles = {p.title for p in Store(tmp_path).papers()}
    assert titles == EXPECTED
    assert "6 new" in out
    failed = [line for line in err.splitlines() if "failed:" in line]
    assert len(failed) == 3
    for path in ("/missing", "/slow.html", "/big.html"):
        assert sum(path in line for line in failed) == 1
    assert any("robots.txt" in line for line in err.splitlines())
    assert "Traceback" not in err
    sources = [(s.id, s.path, s.importer) for s in Store(tmp_path).sources()]
    assert any(site.url("/") in (sid, path) and imp == "html" for sid, path, imp in sources)


def test_max_pages_is_honoured(site: LocalServer, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    """--max-pages 2: the root and one more page are fetched."""
    assert run(tmp_path, site.url("/"), *FAST, "--max-pages", "2") == 0
    pages = [h.path for h in site.hits if h.path != "/robots.txt"]
    assert len([p for p in pages if p != "/publications"]) == 2
    assert "page limit of 2" in capsys.readouterr().err


def test_refresh_reports_vanished_papers_and_keeps_marks(
    site: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Importing the URL again after a paper left the site: reported, kept, mark intact."""
    assert run(tmp_path, site.url("/"), *FAST) == 0
    store = Store(tmp_path)
    gone = next(p for p in store.papers() if p.title == "Sparse Radiance Fields")
    store.mark(gone.id, read=True)
    site.routes["/publications.html"] = Route(page("Publications", [
        entry("Seeing Through Fog with Event Cameras", "Ada Lovelace, Alan Turing",
              "Conference on Computer Vision and Pattern Recognition (CVPR), 2024",
              "https://arxiv.org/abs/2401.00001"),
        entry("A Brand New Paper", "Ada Lovelace, Alan Turing",
              "Conference on Neural Information Processing Systems (NeurIPS), 2025",
              "https://example.org/new.pdf"),
    ]))
    capsys.readouterr()
    assert run(tmp_path, site.url("/"), *FAST) == 0
    out, err = capsys.readouterr()
    assert "1 new" in out
    vanished = [line for line in err.splitlines() if "no longer on" in line]
    assert len(vanished) == 1 and "Sparse Radiance Fields" in vanished[0]
    store = Store(tmp_path)
    assert store.get(gone.id) is not None and store.annotation(gone.id).read


def test_offline_site_is_one_line_and_exit_2(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing listening: a failure line and one error line, nothing stored."""
    with local_server() as server:
        url = server.url("/")
    assert run(tmp_path, url, *FAST) == 2
    err = capsys.readouterr().err
    assert "refused" in err and "nothing imported" in err and "Traceback" not in err


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/pubs", "file:///etc/passwd"])
def test_only_http_urls(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Other schemes are refused with one line."""
    assert run(tmp_path, url) == 2
    assert "only http:// and https://" in capsys.readouterr().err
