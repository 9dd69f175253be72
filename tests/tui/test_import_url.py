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
    papers = Store(tmp_path).papers()
    assert all(link.url.startswith(("http://", "https://")) for p in papers for link in p.links)
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


def test_saved_page_imports_offline_and_follows_nothing(
    site: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page saved from the site: its papers are read, none of its links is fetched."""
    saved = tmp_path / "publications.html"
    saved.write_text(site_routes()["/publications.html"].data().decode("utf-8").replace(
        'href="/', f'href="{site.url("/")}'), encoding="utf-8")
    assert run(tmp_path / "home", str(saved)) == 0
    assert site.hits == []
    titles = {p.title for p in Store(tmp_path / "home").papers()}
    assert titles == {"Seeing Through Fog with Event Cameras", "Sparse Radiance Fields"}
    assert "2 new" in capsys.readouterr().out


def test_app_hook_imports_and_cancel_stops_the_crawl(site: LocalServer, tmp_path: Path) -> None:
    """import_url_into: the worker's entry point; a set cancel event ends it with one line."""
    import threading

    from tui.web_import import UrlError, import_url_into

    store = Store(tmp_path)
    lines: list[str] = []
    report, vanished = import_url_into(store, site.url("/"), delay=0.0, progress=lines.append,
                                       timeout=0.3)
    assert report.total("new") >= 6 and vanished == [] and lines
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(UrlError, match="cancelled"):
        import_url_into(store, site.url("/"), cancel=cancel, delay=0.0)


def test_app_recrawl_reports_vanished_without_reading_the_whole_library(
    site: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's re-crawl finds the site's earlier papers through the index (#11 must-have 3):
    the vanished paper is reported while every whole-library reader raises."""
    from store.parts import PartedStorage
    from tui.web_import import import_url_into

    store = Store(tmp_path)
    import_url_into(store, site.url("/"), delay=0.0, timeout=0.3)
    site.routes["/publications.html"] = Route(page("Publications", [
        entry("Seeing Through Fog with Event Cameras", "Ada Lovelace, Alan Turing",
              "Conference on Computer Vision and Pattern Recognition (CVPR), 2024",
              "https://arxiv.org/abs/2401.00001"),
    ]))
    assert Store(tmp_path).count() >= 6  # the index is fresh before the readers are forbidden

    def whole(*args: object, **kwargs: object) -> None:
        raise AssertionError("read the whole library")

    for name in ("papers", "rows", "_lib"):
        monkeypatch.setattr(Store, name, whole)
    monkeypatch.setattr(PartedStorage, "read", whole)
    crawl_only = Store(tmp_path)
    import tui.web_import as web

    monkeypatch.setattr(web, "apply_sources", lambda store, sources: None)  # the crawl alone
    _report, vanished = import_url_into(crawl_only, site.url("/"), delay=0.0, timeout=0.3)
    assert len(vanished) == 1 and vanished[0].endswith("(kept): Sparse Radiance Fields")


def test_saved_page_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    """A GBK page saved from a browser imports through its <meta charset>."""
    row = ("<li><b>视觉 Radiance Fields for Gears</b><br><i>Ada Lovelace, Alan Turing</i><br>"
           "CVPR 2023</li>")
    page = f'<html><head><meta charset="gbk"></head><body><ul>{row}{row.replace("Gears", "Cogs")}'
    saved = tmp_path / "pubs.html"
    saved.write_bytes((page + "</ul></body></html>").encode("gbk"))
    assert run(tmp_path / "home", str(saved)) == 0
    titles = {p.title for p in Store(tmp_path / "home").papers()}
    assert "视觉 Radiance Fields for Gears" in titles


def test_url_of_a_bibtex_file_is_read_by_the_bibtex_importer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """import https://…/papers.bib: not a web page, but a document paperdeck can read."""
    bib = "@article{k, title={Counting Gears}, author={Lovelace, Ada}, year={2021}}\n"
    with local_server({"/papers.bib": Route(bib, content_type="application/x-bibtex")}) as srv:
        assert run(tmp_path, srv.url("/papers.bib"), *FAST) == 0
    assert [p.title for p in Store(tmp_path).papers()] == ["Counting Gears"]
