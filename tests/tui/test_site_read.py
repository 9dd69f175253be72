"""`paperdeck import SITE_ROOT`: a whole site repository, read from disk, each paper once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.repository import Store
from tests.importers.sites.helpers import SITES
from tui.cli import main

FIXTURES = ["alfolio-lab", "academicpages-site", "hugo-lab", "datafile-lab",
            "acadhomepage-site", "handwritten-lab"]


def run(home: Path, *args: str) -> int:
    """Run the CLI in-process against a home directory."""
    return main(["--home", str(home), *args])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An academicpages site with build output, a built docs/, a theme copy, tooling and an
    extra data file listing one of its papers again."""
    root = tmp_path / "jreyes.github.io"
    shutil.copytree(SITES / "academicpages-site", root)
    for folder in ("_site/publication", "public/publication", "docs",
                   "node_modules/pkg", "vendor/bundle"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for page in (root / "_publications").glob("*.md"):
        for folder in ("_site/publication", "public/publication", "node_modules/pkg"):
            shutil.copy(page, root / folder / page.name)
    (root / "docs" / "index.html").write_text("<html></html>", encoding="utf-8")
    shutil.copy(root / "_publications" / "2021-07-15-snowmelt.md", root / "docs" / "s.md")
    (root / "_data").mkdir()
    (root / "_data" / "selected.yml").write_text(
        "- title: Snowmelt Timing from Sentinel-1 Backscatter\n"
        "  authors: Jordan Reyes, Priya Natarajan, Tomas Mbeki\n"
        "  venue: IGARSS\n  year: 2021\n", encoding="utf-8")
    (root / "_data" / "people.yml").write_text("- name: Jordan Reyes\n  role: PI\n",
                                               encoding="utf-8")
    (root / "CHANGELOG.md").write_text("# 2020\n- v1, 2020\n", encoding="utf-8")
    (root / "files" / "cv.bin").write_bytes(b"\x00\x01binary")
    return root


def test_whole_site_gives_each_paper_once(site: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Sources read once, build output and tooling skipped, the broken page reported."""
    home = tmp_path / "home"
    assert run(home, "import", str(site)) == 0
    out, err = capsys.readouterr()
    papers = Store(home).papers()
    titles = sorted(p.title for p in papers)
    assert titles == ["Differentiable River Routing for Flood Forecasting",
                      "Groundwater Recharge Estimates with Physics-Informed Neural Networks",
                      "Sediment Transport in Braided Rivers",
                      "Snowmelt Timing from Sentinel-1 Backscatter"]
    assert "2020-broken.md:5: file skipped: malformed front matter" in err
    assert "(--verbose lists them)" in err
    collections = Store(home).collections()
    assert [c.title for c in collections] == ["Jordan Reyes — Computational Hydrology"]
    labels = [s.label for s in Store(home).sections()]
    assert labels == ["Journal articles", "Conference papers", "Preprints", "Other"]
    snow = next(p for p in papers if p.title.startswith("Snowmelt"))
    assert {x.source for x in snow.provenance} == {
        "jreyes.github.io/_publications/2021-07-15-snowmelt.md",
        "jreyes.github.io/_data/selected.yml"}
    assert out.splitlines()[-1].startswith("5 sources · 4 new · 0 updated · 2 merged")


def test_dry_run_shows_importer_file_and_count(site: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """--dry-run: one line per file read (importer, papers, confidence and reason)."""
    assert run(tmp_path / "home", "import", "--dry-run", "--verbose", str(site)) == 0
    out, err = capsys.readouterr()
    assert ("read jreyes.github.io/markdown_generator/publications.tsv with academicpages-tsv: "
            "2 papers (0.90: TSV with columns") in out
    assert ("read jreyes.github.io/_publications/2023-groundwater.md with academicpages: "
            "1 paper (0.95: page in _publications/)") in out
    assert "skipped jreyes.github.io/_data/people.yml: holds no publications" in err
    assert "skipped jreyes.github.io/node_modules/: build output" in err
    assert "skipped jreyes.github.io/docs/s.md: build output" in err
    assert "_site/" in err and "public/" in err
    assert not (tmp_path / "home" / "library.json").exists()


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_site_imports(name: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Each fixture site imports with exit 0, and re-importing it changes nothing."""
    home = tmp_path / "home"
    assert run(home, "import", str(SITES / name)) == 0
    first = sorted(p.id for p in Store(home).papers())
    assert first and len({(p.title, p.venue) for p in Store(home).papers()}) == len(first)
    assert run(home, "import", str(SITES / name)) == 0
    out, _ = capsys.readouterr()
    assert sorted(p.id for p in Store(home).papers()) == first
    assert "0 new · 0 updated · 0 merged" in out.splitlines()[-1]


def test_a_site_without_publications_is_one_clear_line(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """A Jekyll site with no publication source: exit 2 and one line, no traceback."""
    root = tmp_path / "blog"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: A blog\n", encoding="utf-8")
    (root / "_posts" / "2020-01-01-hi.md").write_text("---\ntitle: Hi\n---\nHello\n",
                                                      encoding="utf-8")
    assert run(tmp_path / "home", "import", str(root)) == 2
    _, err = capsys.readouterr()
    assert "no publication sources found" in err and "Traceback" not in err


def test_conference_and_journal_versions_are_linked(tmp_path: Path) -> None:
    """al-folio's two Tidal Attention entries stay two papers, each naming the other."""
    home = tmp_path / "home"
    assert run(home, "import", str(SITES / "alfolio-lab")) == 0
    tidal = [p for p in Store(home).papers() if p.title.startswith("Tidal Attention")]
    assert sorted(p.venue_short for p in tidal) == ["JMLR 2023", "NeurIPS 2021"]
    a, b = tidal
    assert a.extra["related"] == b.id and b.extra["related"] == a.id
