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
