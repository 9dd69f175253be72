"""BibTeX importer: macros, LaTeX, names, eprints, broken entries, detection."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers import registry
from importers.base import ImporterError
from importers.bibtex import IMPORTER, authors_of, evaluate, month_of
from importers.latex import _pylatexenc, latex_to_text
from tests.conftest import SITE_PAGES, seed

DATA = Path(__file__).resolve().parents[1] / "data" / "bibtex"
TODAY = date(2024, 6, 1)


@pytest.fixture(scope="module")
def sample() -> dict[str, object]:
    """The sample .bib parsed once, papers keyed by cite key."""
    path = DATA / "sample.bib"
    result = IMPORTER.parse(path.read_text(encoding="utf-8"), source=str(path), today=TODAY)
    return {"result": result, **{p.extra["citekey"]: p for p in result.papers}}


def test_sample_counts_and_broken_entry_line(sample: dict[str, object]) -> None:
    """Four good entries imported; the broken one is skipped with file:line."""
    result = sample["result"]
    assert [p.extra["citekey"] for p in result.papers] == [
        "shen2020blurry", "bao2019memc", "muller2021accents", "lu2019dvc",
    ]
    assert len(result.warnings) == 1
    warning = str(result.warnings[0])
    assert warning.startswith(f"{DATA / 'sample.bib'}:40: ")
    assert "broken2022" in warning


def test_string_macros_and_concatenation(sample: dict[str, object]) -> None:
    """@STRING (quoted, braced, unquoted number) and # concatenation resolve."""
    paper = sample["shen2020blurry"]
    assert paper.venue == (
        "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
    )
    assert paper.venue_short == "CVPR 2020"
    assert paper.year == 2020
    assert paper.date == "2020-06"
    journal = sample["bao2019memc"]
    assert journal.venue == "IEEE Transactions on Pattern Analysis and Machine Intelligence"


def test_last_first_names_eprint_keywords(sample: dict[str, object]) -> None:
    """"Last, First" names flip; eprint gives the arXiv id; keywords split on , and ;."""
    paper = sample["shen2020blurry"]
    assert paper.authors == [
        "Wang Shen", "Wenbo Bao", "Guangtao Zhai", "Li Chen", "Xiongkuo Min", "Zhiyong Gao",
    ]
    assert paper.arxiv_id == "2002.12259"
    assert paper.category == "cs.CV"
    assert paper.keywords == ["video", "frame interpolation", "deblurring"]
    assert paper.comments == "Oral"
    assert "Oral" in paper.badges
    assert paper.extra == {"citekey": "shen2020blurry", "entrytype": "inproceedings"}
    assert paper.provenance[0].line == 7
    assert paper.sections[0].collection == "bibtex:sample"
    assert paper.id.startswith("p") and len(paper.id) == 10


def test_latex_accents_braces_corporate_names(sample: dict[str, object]) -> None:
    """Accents and commands become Unicode; braces go; {Corporate} names stay whole."""
    paper = sample["muller2021accents"]
    assert paper.title == "Étude de la régularité – Über Café naïve ß & co. 50%"
    assert paper.authors == ["Jörg Müller", "Łukasz Šimon", "The CMS Collaboration",
                             "Ana de la Fuente"]
    assert paper.authors_truncated is True
    assert paper.arxiv_id == "2103.00001"
    assert paper.date == "2021-03"
    assert sample["bao2019memc"].title.startswith("MEMC-Net: Motion Estimation")


def test_doi_url_abstract_and_arxiv_from_journal(sample: dict[str, object]) -> None:
    """doi, url (a Link), abstract; an "arXiv preprint arXiv:…" journal gives the id."""
    memc = sample["bao2019memc"]
    assert memc.doi == "10.1109/TPAMI.2019.2941941"
    assert memc.links[0].url == "https://doi.org/10.1109/TPAMI.2019.2941941"
    assert memc.abstract.startswith("Motion estimation (ME)")
    assert sample["lu2019dvc"].arxiv_id == "1812.00101"


def test_collection_and_section(sample: dict[str, object]) -> None:
    """One bibtex collection with one section."""
    result = sample["result"]
    assert [c.id for c in result.collections] == ["bibtex:sample"]
    assert result.collections[0].kind == "bibtex"
    assert [s.id for s in result.sections] == ["bibtex:sample/all"]


def test_unquoted_macro_and_month_forms() -> None:
    """Unquoted macros, month names and numbers."""
    macros = {"acm": "ACM", "jan": "jan"}
    assert evaluate("acm", macros) == "ACM"
    assert evaluate('acm # " Press"', macros) == "ACM Press"
    assert evaluate("{A {B} C}", macros) == "A {B} C"
    assert evaluate("2020", macros) == "2020"
    assert [month_of(v) for v in ("jan", "February", "3", "12", "13", "x")] == [
        1, 2, 3, 12, None, None,
    ]


def test_author_forms() -> None:
    """von parts, Jr parts, braces around "and", "others"."""
    value = r"van Beethoven, Ludwig and Smith, Jr., John and {Simon and Schuster}"
    names, truncated = authors_of(value)
    assert names == ["Ludwig van Beethoven", "John Smith Jr.", "Simon and Schuster"]
    assert truncated is False


def test_escape_sequences_and_controls_are_cleaned() -> None:
    """Terminal escapes inside a field never survive the import."""
    text = '@misc{k, title = {Evil \x1b[2J\x1b]0;pwned\x07 title}, year = 2020}'
    paper = IMPORTER.parse(text, source="x.bib", today=TODAY).papers[0]
    assert paper.title == "Evil title"


def test_not_bibtex_raises_importer_error() -> None:
    """Text with no entries at all is an ImporterError, not an empty import."""
    with pytest.raises(ImporterError):
        IMPORTER.parse("just some words\nand more", source="notes.txt", today=TODAY)


def test_all_broken_entries_give_warnings_not_errors() -> None:
    """A file whose only entry is broken imports nothing, with a warning."""
    result = IMPORTER.parse("@article{a,\n title = {x\n", source="a.bib", today=TODAY)
    assert result.papers == []
    assert len(result.warnings) == 1 and str(result.warnings[0]).startswith("a.bib:1:")


def test_detect_bib_high_and_others_low() -> None:
    """High for .bib files and @article text; low for the seeds and site pages."""
    assert IMPORTER.detect("", "refs.bib") >= 0.9
    assert IMPORTER.detect((DATA / "sample.bib").read_text(encoding="utf-8")) >= 0.9
    for prefix in ("000", "001", "002"):
        assert IMPORTER.detect(seed(prefix).read_text(encoding="utf-8"), seed(prefix).name) < 0.3
    for page in sorted(SITE_PAGES.rglob("*.md")):
        assert IMPORTER.detect(page.read_text(encoding="utf-8"), page.name) < 0.3


def test_registry_picks_bibtex_for_bib_files() -> None:
    """The registry routes .bib text to this importer."""
    text = (DATA / "sample.bib").read_text(encoding="utf-8")
    assert registry.detect(text, "sample.bib").name == "bibtex"


@pytest.mark.parametrize(
    "latex",
    [
        r"{\'e}", r"Caf\'e -- {BERT} --- ``x'' \& \% \textit{plug} $x^2$ {\"o} \ss{}",
        r"{\L}ukasz \v{S}imon {\aa}", r"Naïve {{CNN}}s", r"\unknowncmd{X} 50\% \$5 \# \{a\}",
        r"{\'\i}", r"\c{c}a \c c", r"\'{E}cole", r"{\'{\^e}}", r"\textbackslash{}x -{}-",
        r"a\\b", r"\ensuremath{\alpha}", r"$\alpha$ and \$5", r"\H{o} \k{a} \r{u} \=a \.z \~n",
    ],
)
def test_fast_latex_decoder_agrees_with_pylatexenc(latex: str) -> None:
    """The fast path gives what bibtexparser's LatexDecodingMiddleware (pylatexenc) gives."""
    assert latex_to_text(latex) == _pylatexenc().latex_to_text(latex)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_importer_error(text: str) -> None:
    """Any input either parses or raises ImporterError."""
    with contextlib.suppress(ImporterError):
        IMPORTER.parse(text, source="h.bib", today=TODAY)


_FIELD = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(title=_FIELD, author=_FIELD, key=st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True))
def test_mutated_entries_raise_only_importer_error(title: str, author: str, key: str) -> None:
    """Entries with arbitrary field bodies never crash the importer."""
    text = f"@article{{{key},\n title = {{{title}}},\n author = {{{author}}},\n year = 2020\n}}\n"
    try:
        result = IMPORTER.parse(text, source="m.bib", today=TODAY)
    except ImporterError:
        return
    for paper in result.papers:
        assert "\x1b" not in paper.title and "\x1b" not in "".join(paper.authors)
