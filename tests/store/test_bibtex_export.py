"""BibTeX export: valid output, stable unique keys, entry types, escaping, round trips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.bibtex import IMPORTER
from importers.venue import parse_venue
from store.bibtex_export import cite_key, cite_keys, entry_fields, escape_text, to_bibtex
from store.models import Link, Paper, make_paper_id
from store.repository import Store
from store.venue_year import venue_without_year

TODAY = date(2024, 6, 1)
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "bibtex" / "sample.bib"
COMPARED = ("title", "authors", "authors_truncated", "year", "venue", "venue_short", "arxiv_id",
            "doi", "id", "abstract", "comments", "keywords")


def make(title: str, authors: list[str], year: int | None = 2023, venue: str = "",
         arxiv_id: str = "", doi: str = "", **kw: object) -> Paper:
    """A paper the way an importer would build it (venue_short via parse_venue, id set)."""
    paper = Paper(title=title, authors=authors, year=year, venue=venue, arxiv_id=arxiv_id,
                  doi=doi, **kw)
    if venue:
        parsed = parse_venue(venue)
        paper.venue_short = parsed.short if parsed.year or not year else f"{parsed.short} {year}"
        paper.year = year or parsed.year
    paper.id = make_paper_id(paper)
    return paper


def reimport(text: str) -> list[Paper]:
    """Parse exported text back with the BibTeX importer."""
    result = IMPORTER.parse(text, source="export.bib", today=TODAY)
    assert result.warnings == []
    return result.papers


def assert_same(before: list[Paper], after: list[Paper]) -> None:
    """Same papers, field by field, in the same order."""
    assert len(before) == len(after)
    for a, b in zip(before, after, strict=True):
        for name in COMPARED:
            x, y = _compared(a, name), _compared(b, name)
            assert x == y, (name, x, y)


def _compared(paper: Paper, name: str) -> object:
    """A field as compared after a round trip: the venue without the year (booktitle and
    journal never repeat the year, which has a field of its own)."""
    if name == "venue":
        return venue_without_year(paper.venue, paper.year)
    return getattr(paper, name)


def test_cite_key_shape_and_stopwords() -> None:
    """first author's last name + year + first significant title word, ASCII."""
    paper = make("Learning Fine-Grained Features for Pixel-Wise Video Correspondences",
                 ["Rui Li", "Shenglong Zhou"])
    assert cite_key(paper) == "li2023learning"
    assert cite_key(make("On the Ünïque Things", ["Jörg Müller"], 2021)) == "muller2021unique"
    assert cite_key(make("", [], None, arxiv_id="2002.12259")) == "anonndarxiv200212259"


def test_collisions_get_suffixes_independent_of_order() -> None:
    """a/b suffixes; the same key for the same paper whatever the input order."""
    papers = [make(f"Learning things {i}", ["Rui Li"], doi=f"10.1/{i}") for i in range(3)]
    keys = dict(zip([p.id for p in papers], cite_keys(papers), strict=True))
    assert sorted(keys.values()) == ["li2023learning", "li2023learninga", "li2023learningb"]
    reverse = list(reversed(papers))
    assert dict(zip([p.id for p in reverse], cite_keys(reverse), strict=True)) == keys
    assert to_bibtex(papers) == to_bibtex(papers)


def test_own_citekey_is_kept() -> None:
    """A key that came from the user's .bib file is reused."""
    paper = make("X", ["A B"], extra={"citekey": "Li:2023:fgvc"})
    assert cite_key(paper) == "Li:2023:fgvc"
    assert cite_key(make("X", ["A B"], extra={"citekey": "bad key,"})) == "b2023x"


def test_entry_types_follow_the_venue() -> None:
    """inproceedings for conferences, article for journals, misc for arXiv-only."""
    iccv = "IEEE/CVF International Conference on Computer Vision (ICCV), 2023"
    conf = make("A", ["A B"], venue=iccv)
    journal = make("B", ["A B"], venue="IEEE Transactions on Image Processing")
    letters = make("C", ["A B"], venue="IEEE Signal Processing Letters")
    workshop = make("D", ["A B"], venue="CVPR Workshops")
    preprint = make("E", ["A B"], arxiv_id="2002.12259", category="cs.CV")
    kinds = {p.title: entry_fields(p)[0] for p in (conf, journal, letters, workshop, preprint)}
    assert kinds == {"A": "inproceedings", "B": "article", "C": "article", "D": "inproceedings",
                     "E": "misc"}
    fields = dict(entry_fields(preprint)[1])
    assert fields["eprint"] == "2002.12259"
    assert fields["archivePrefix"] == "arXiv"
    assert fields["primaryClass"] == "cs.CV"
    assert "booktitle" in dict(entry_fields(conf)[1])
    assert "journal" in dict(entry_fields(journal)[1])


def test_fields_doi_url_note_and_no_abstract() -> None:
    """doi, url, note written; --no-abstract leaves the abstract out."""
    paper = make("T", ["A B", "C D"], venue="CVPR 2020", doi="10.1109/x_y",
                 comments="Oral", abstract="Some text.", links=[Link("Paper", "https://e.org/a_b")])
    text = to_bibtex([paper])
    assert "doi       = {10.1109/x_y}," in text
    assert "url       = {https://e.org/a_b}," in text
    assert "note      = {Oral}," in text
    assert "author    = {A B and C D}," in text
    assert "abstract" in text
    assert "abstract" not in to_bibtex([paper], abstract=False)


def test_special_characters_are_escaped_and_reparse_cleanly() -> None:
    """& % $ # _ { } ~ ^ \\ are escaped; bibtexparser finds no failed block."""
    paper = make("R&D 50% $5 #1 a_b {x} ~ ^ \\ -- `` ''", ["A B"], venue="CVPR 2020")
    text = to_bibtex([paper])
    assert r"{R\&D} 50\% \$5 \#1 a\_b \{x\}" in text
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert reimport(text)[0].title == paper.title


def test_unicode_kept_by_default_and_ascii_escapes_it() -> None:
    """Unicode stays; ascii=True gives pure ASCII LaTeX that re-imports to the same text."""
    paper = make("Étude naïve – Łódź ß “q”", ["Jörg Müller", "Zoë Ağaoğlu"], venue="CVPR 2020")
    assert "Étude" in to_bibtex([paper])
    ascii_text = to_bibtex([paper], ascii=True)
    assert ascii_text.isascii()
    assert r"{\'E}tude" in ascii_text and r"M{\"u}ller" in ascii_text
    assert_same([paper], reimport(ascii_text))


def test_sample_file_round_trip() -> None:
    """Import the sample .bib, export, import again: same papers."""
    first = IMPORTER.parse(SAMPLE.read_text(encoding="utf-8"), source="s.bib", today=TODAY).papers
    for ascii in (False, True):
        assert_same(first, reimport(to_bibtex(first, ascii=ascii)))


def test_empty_export() -> None:
    """No papers, empty text."""
    assert to_bibtex([]) == ""


def test_escape_text_separates_ligatures() -> None:
    """-- and '' are kept apart so they do not become dashes or quotes."""
    assert escape_text("a--b''") == "a-{}-b'{}'"


_ODD = st.text(
    alphabet=st.sampled_from(list("abcXYZ éüßøÅłŁñç{}\\&%$#_~^-'`\",;.()[]@=αβ中文ゃ")),
    min_size=1,
    max_size=30,
).map(lambda s: " ".join(s.split()))
_NAME = st.one_of(
    st.builds(lambda a, b: f"{a} {b}", _ODD, _ODD),
    st.sampled_from(["Barnes and Noble", "Smith, Jr", "van der Berg", "O'Neil", "others"]),
).map(lambda s: " ".join(s.split())).filter(bool)
_VENUES = st.sampled_from([
    "", "CVPR 2020", "IEEE Transactions on Image Processing",
    "IEEE/CVF International Conference on Computer Vision (ICCV), 2023",
    "Advances in Neural Information Processing Systems (NeurIPS)", "arXiv preprint",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    papers=st.lists(
        st.builds(
            make,
            title=_ODD.filter(bool),
            authors=st.lists(_NAME, max_size=4),
            year=st.one_of(st.none(), st.integers(1950, 2030)),
            venue=_VENUES,
            arxiv_id=st.sampled_from(["", "2002.12259", "hep-th/9901001"]),
            doi=st.sampled_from(["", "10.1109/CVPR.2020.00516"]),
            abstract=st.one_of(st.just(""), _ODD),
            comments=st.one_of(st.just(""), _ODD),
        ),
        min_size=1,
        max_size=4,
    ),
    ascii=st.booleans(),
)
def test_round_trip_property(papers: list[Paper], ascii: bool) -> None:
    """export -> bibtexparser (no failures) -> import gives the same papers."""
    text = to_bibtex(papers, ascii=ascii)
    assert bibtexparser.parse_string(text).failed_blocks == []
    keys = [line.split("{", 1)[1].rstrip(",") for line in text.splitlines() if line.startswith("@")]
    assert len(set(keys)) == len(keys)
    unique = [p for i, p in enumerate(papers) if p.id not in {q.id for q in papers[:i]}]
    assert_same(unique, reimport(text))


def demo_store(home: Path) -> Store:
    """The bundled demo library (site pages, profile, listing) imported with the importers."""
    from importers.arxiv_listing import IMPORTER as LISTING
    from importers.jekyll.site import parse_site
    from importers.profile import IMPORTER as PROFILE

    demo = Path(__file__).resolve().parents[2] / "tui" / "demo"
    store = Store(home)
    pages = [(str(p), p.read_text(encoding="utf-8"))
             for p in sorted((demo / "site" / "_pages").rglob("*.md"))]
    store.apply_import(parse_site(pages, today=TODAY), source="site", importer="jekyll")
    for importer, path in ((PROFILE, demo / "profile" / "zhiyong-gao.txt"),
                           (LISTING, demo / "listing" / "arxiv-listing.txt")):
        result = importer.parse(path.read_text(encoding="utf-8"), source=str(path), today=TODAY)
        store.apply_import(result, source=str(path), importer=importer.name)
    return store


def test_demo_library_round_trip(tmp_path: Path) -> None:
    """Export the demo library, import into an empty store: the same papers come back."""
    source = demo_store(tmp_path / "a")
    papers = source.papers()
    assert len(papers) > 20
    for ascii in (False, True):
        text = to_bibtex(papers, ascii=ascii)
        assert bibtexparser.parse_string(text).failed_blocks == []
        target = Store(tmp_path / f"b{ascii}")
        result = IMPORTER.parse(text, source="demo.bib", today=TODAY)
        assert result.warnings == []
        target.apply_import(result, source="demo.bib", importer="bibtex")
        back = target.papers()
        assert len(back) == len(papers)
        by_key = {(p.arxiv_id, p.doi, p.title): p for p in back}
        for paper in papers:
            other = by_key[(paper.arxiv_id, paper.doi, paper.title)]
            for name in ("title", "authors", "authors_truncated", "year", "venue", "arxiv_id",
                         "doi", "abstract", "comments"):
                assert _compared(paper, name) == _compared(other, name), (name, paper.id)
            assert other.venue_short == paper.venue_short or not paper.venue, paper.id
            if paper.id == make_paper_id(paper):
                assert other.id == paper.id


def _escape_by_loop(text: str, *, ascii: bool = False) -> str:
    """The character loop escape() used for every value (the oracle of its fast path)."""
    from store.bibtex_export import _SPECIAL, _ascii_char

    return "".join(_SPECIAL[ch] if ch in _SPECIAL else _ascii_char(ch)
                   if ascii and not ch.isascii() else ch for ch in text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \\{}&%$#_~^`é-'ñ\u00fc\u2013") + ["\x00"]),
               max_size=40) | st.text(max_size=40), st.booleans())
def test_escape_fast_path_is_the_loops_answer(text: str, ascii: bool) -> None:
    """escape() without --ascii (or on ASCII text) is one translate: same text as the loop."""
    from store.bibtex_export import escape

    assert escape(text, ascii=ascii) == _escape_by_loop(text, ascii=ascii)
