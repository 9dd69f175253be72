"""Index documents are built from stored dicts exactly as from the Paper they decode to."""

from __future__ import annotations

from benchmarks.synth import make_papers
from store.index.documents import _has_code, _values, slot_text
from store.models import Link
from store.query.text import has_code, paper_values
from store.records import paper_from_raw, paper_to_raw


def test_values_from_raw_equal_values_of_the_paper() -> None:
    """Every text field and the code flag, for varied papers (links, keywords, no abstract)."""
    papers = make_papers(300)
    papers[0].keywords = ["Vidéo", "x|y"]
    papers[1].links.append(Link("Source code", "  "))
    papers[2].abstract = ""
    papers[3].extra["citekey"] = "wang2024"
    papers[4].authors = ["Zoë Ünal", "李 伟"]
    for paper in papers:
        raw = paper_to_raw(paper)
        decoded = paper_from_raw(raw)
        assert _values(raw, list(decoded.authors)) == paper_values(decoded)
        assert _has_code(raw) == has_code(decoded)


def test_slot_text() -> None:
    """Each folded word followed by its 1-3 letter prefixes; "|" between values."""
    assert slot_text(["Vidéo AB", "c"]) == "video >v >vi >vid ab >a >ab >ab | | | | c >c >c >c"
