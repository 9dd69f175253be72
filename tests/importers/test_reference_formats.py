"""CSL-JSON and RIS: export then import gives the same papers; Better BibTeX keeps its keys."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.base import ImporterError
from importers.csljson import IMPORTER as CSL
from importers.registry import detect
from importers.ris import IMPORTER as RIS
from store.cite.csl import to_csl_json
from store.cite.ris import to_ris
from store.models import Link, Paper, make_paper_id
from store.repository import Store
from tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "cite"
TODAY = date(2025, 1, 1)
FIELDS = ("id", "title", "authors", "year", "date", "venue", "venue_short", "doi", "arxiv_id",
          "abstract", "comments", "keywords", "badges")


def essence(paper: Paper) -> dict[str, object]:
    """What a round trip must keep: the bibliographic fields, links and the cite key."""
    out: dict[str, object] = {f: getattr(paper, f) for f in FIELDS}
    out["links"] = [link.url for link in paper.links]
    out["citekey"] = paper.extra.get("citekey", "")
    out["literal"] = paper.extra.get("literal_authors", "")
    return out


def library(tmp_path: Path) -> list[Paper]:
    """The papers of the two sample .bib files, with their stable keys."""
    home = tmp_path / "home"
    assert main(["--home", str(home), "import", str(DATA / "small.bib"),
                 str(DATA / "zotero-bbt.bib")]) == 0
    return Store(home).papers()


def test_csl_json_round_trip(tmp_path: Path) -> None:
    papers = library(tmp_path)
    corporate = Paper(title="Global report", authors=["World Health Organization"], year=2021,
                      venue="", extra={"literal_authors":
                                                        "World Health Organization",
                                                        "citekey": "who2021global"})
    corporate.id = make_paper_id(corporate)
    papers.append(corporate)
    text = to_csl_json(papers)
    assert detect(text, "export.json").name == "csl-json"
    back = CSL.parse(text, source="export.json", today=TODAY).papers
    assert [essence(p) for p in back] == [essence(p) for p in papers]
    assert json.loads(text)[-1]["author"] == [{"literal": "World Health Organization"}]


def test_ris_round_trip(tmp_path: Path) -> None:
    papers = library(tmp_path)
    text = to_ris(papers)
    assert detect(text, "").name == "ris"
    back = RIS.parse(text, source="export.ris", today=TODAY).papers
    assert [essence(p) for p in back] == [essence(p) for p in papers]


def test_round_trip_through_the_cli_keeps_keys(tmp_path: Path) -> None:
    first = tmp_path / "first"
    for fmt in ("csljson", "ris"):
        out = tmp_path / f"export.{fmt}"
        assert main(["--home", str(first), "import", str(DATA / "zotero-bbt.bib")]) in (0,)
        assert main(["--home", str(first), "export", "--format", fmt, "-o", str(out)]) == 0
        again = tmp_path / f"again-{fmt}"
        assert main(["--home", str(again), "import", str(out)]) == 0
        a, b = Store(first), Store(again)
        assert a.cite_keys().values() and sorted(a.cite_keys().values()) == sorted(
            b.cite_keys().values())


def test_better_bibtex_keys_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert main(["--home", str(home), "import", str(DATA / "zotero-bbt.bib")]) == 0
    capsys.readouterr()
    assert main(["--home", str(home), "export", "--format", "bibtex"]) == 0
    out = capsys.readouterr().out
    assert [line.split("{", 1)[1].rstrip(",") for line in out.splitlines()
            if line.startswith("@")] == ["nguyenRobustGraspingClutter2022",
                                         "nguyenRobustGraspingClutter2022a",
                                         "dvorakSelfSupervisedTouch2024"]
    assert main(["--home", str(home), "show", "dvorakSelfSupervisedTouch2024"]) == 0
    assert "Self-Supervised Touch" in capsys.readouterr().out


def test_ris_zotero_style_record_and_bad_input() -> None:
    text = (
        "TY  - JOUR\nTI  - Grasping\nAU  - Müller, Jörg\nAU  - Li, Ada, Jr.\n"
        "AU  - World Health Organization\nPY  - 2023///\nDA  - 2023/06/18/\n"
        "T2  - IEEE Robotics and Automation Letters\nDO  - https://doi.org/10.1/X\n"
        "UR  - https://example.org/p\nKW  - robots\nKW  - touch\nAB  - First line\n"
        "  continued.\nER  - \n\nTY  - GEN\nN1  - nothing else\nER  - \nstray text\n"
    )
    result = RIS.parse(text, source="z.ris", today=TODAY)
    [paper] = result.papers
    assert paper.authors == ["Jörg Müller", "Ada Li Jr.", "World Health Organization"]
    assert (paper.year, paper.date, paper.doi) == (2023, "2023-06-18", "10.1/X")
    assert paper.abstract == "First line continued." and paper.keywords == ["robots", "touch"]
    assert [str(w) for w in result.warnings] == [
        "z.ris:20: line outside a record skipped",
        "z.ris:17: record skipped: no title, DOI or arXiv id"]
    with pytest.raises(ImporterError, match="no RIS records"):
        RIS.parse("hello", source="x.ris", today=TODAY)
    with pytest.raises(ImporterError, match=r"x.json:1: not valid JSON"):
        CSL.parse("[{", source="x.json", today=TODAY)


_WORD = st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x17F),
                min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(title=st.lists(_WORD, min_size=1, max_size=5).map(" ".join),
       authors=st.lists(st.tuples(_WORD, _WORD).map(" ".join), max_size=4),
       year=st.none() | st.integers(1900, 2030), doi=st.sampled_from(["", "10.5555/abc.1"]))
def test_csl_and_ris_round_trip_property(title: str, authors: list[str], year: int | None,
                                         doi: str) -> None:
    paper = Paper(title=title, authors=authors, year=year, doi=doi,
                  links=[Link("Paper", "https://example.org/x")])
    paper.id = make_paper_id(paper)
    for importer, text in ((CSL, to_csl_json([paper])), (RIS, to_ris([paper]))):
        [back] = importer.parse(text, source="t", today=TODAY).papers
        assert (back.title, back.authors, back.year, back.doi, back.id) == (
            paper.title, paper.authors, paper.year, paper.doi, paper.id)


_RIS_LINE = st.one_of(
    st.builds(lambda t, v: f"{t}  - {v}", st.sampled_from(
        ["TY", "AU", "TI", "PY", "DA", "T2", "DO", "UR", "KW", "AB", "ER", "ID", "N1", "ZZ"]),
        st.text(max_size=30)),
    st.text(max_size=30),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_RIS_LINE, max_size=30).map("\n".join))
def test_ris_never_fails_but_with_importer_error(text: str) -> None:
    try:
        result = RIS.parse(text, source="fuzz.ris", today=TODAY)
    except ImporterError:
        return
    for paper in result.papers:
        assert paper.id and all("\n" not in a for a in paper.authors)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["type", "title", "author", "issued", "date-parts", "family", "given", "literal",
         "DOI", "URL", "container-title", "id", "keyword", "number"]), inner, max_size=6),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_csl_json_never_fails_but_with_importer_error(data: object) -> None:
    try:
        result = CSL.parse(json.dumps(data), source="fuzz.json", today=TODAY)
    except ImporterError:
        return
    assert all(p.id for p in result.papers)


def test_better_biblatex_keys_dates_and_journaltitle(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert main(["--home", str(home), "import", str(DATA / "zotero-bbt-biblatex.bib")]) == 0
    store = Store(home)
    assert sorted(store.cite_keys().values()) == ["liGraspingTouch2023", "wuTouch2024"]
    paper = store.resolve("liGraspingTouch2023")
    assert paper is not None
    assert (paper.date, paper.year, paper.venue) == (
        "2023-06-18", 2023, "IEEE Robotics and Automation Letters")
    assert store.resolve("wuTouch2024").arxiv_id == "2401.05555"  # type: ignore[union-attr]


def test_name_suffixes_survive_csl_and_ris() -> None:
    """"John Smith II" and "Ada Li Jr." come back whole (the suffix was taken for the family
    name and the family name written twice: "John Smith Smith"); found by the property test."""
    paper = Paper(title="Suffixes", authors=["John Smith II", "Ada Li Jr.", "0 II"],
                  links=[Link("Paper", "https://example.org/x")])
    paper.id = make_paper_id(paper)
    for importer, text in ((CSL, to_csl_json([paper])), (RIS, to_ris([paper]))):
        [back] = importer.parse(text, source="t", today=TODAY).papers
        assert back.authors == paper.authors
