"""`paperdeck update` re-reads sources imported from files that changed since."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

ENTRY = """@inproceedings{{key{n},
  title = {{A Paper Number {n} on Things}},
  author = {{Doe, Jane and Roe, Richard}},
  booktitle = {{CVPR}},
  year = {{2024}},
}}
"""


def test_changed_file_source_is_re_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A bib file gains an entry: update picks it up; unchanged, it is left alone."""
    monkeypatch.setenv("PAPERDECK_OAI_URL", "http://127.0.0.1:9/oai")  # never asked: no follows
    home, bib = tmp_path / "home", tmp_path / "lab.bib"
    bib.write_text(ENTRY.format(n=1), encoding="utf-8")
    assert main(["--home", str(home), "import", str(bib)]) == 0
    capsys.readouterr()
    bib.write_text(ENTRY.format(n=1) + ENTRY.format(n=2), encoding="utf-8")
    assert main(["--home", str(home), "update"]) == 0
    out = capsys.readouterr().out
    assert f"{bib}: re-read · 1 new" in out
    assert main(["--home", str(home), "update"]) == 0
    assert "re-read" not in capsys.readouterr().out


def test_changed_web_site_is_re_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A site imported from a URL lists one more paper: update crawls it again."""
    from tests.data.local_http import Route, local_server
    from tests.data.static_site import entry, page, site_routes

    monkeypatch.setenv("PAPERDECK_OAI_URL", "http://127.0.0.1:9/oai")
    home = tmp_path / "home"
    fast = ["--site-delay", "0", "--timeout", "0.3"]
    routes = {path: route for path, route in site_routes().items() if "big" not in path}
    with local_server(routes) as site:
        assert main(["--home", str(home), "import", site.url("/"), "--delay", "0",
                     "--timeout", "0.3", "--max-size", "100000"]) == 0
        capsys.readouterr()
        assert main(["--home", str(home), "update", *fast]) == 0
        assert "re-read" not in capsys.readouterr().out  # nothing changed on the site
        site.routes["/topics/vision/"] = Route(page("Vision", [
            entry("Depth from Defocus Revisited", "Barbara Liskov, Donald Knuth",
                  "International Conference on Computer Vision (ICCV), 2023",
                  "https://example.org/defocus.pdf"),
            entry("A Brand New Vision Paper", "Ada Lovelace", "CVPR 2026",
                  "https://example.org/new.pdf"),
        ]))
        assert main(["--home", str(home), "update", *fast]) == 0
    out = capsys.readouterr().out
    assert f"{site.url('/')}: re-read · 1 new" in out
