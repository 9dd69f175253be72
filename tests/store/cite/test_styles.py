"""APA 7 and IEEE references through citeproc-py, against strings written from the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.cite.styles import cite_command, next_style, reference, references, style_path
from store.errors import StoreError
from store.models import Paper

JOURNAL = "IEEE Transactions on Robotics"
TITLE = "Learning to grasp unknown objects"


def journal_paper(authors: list[str], year: int | None = 2023, **extra: str) -> Paper:
    """A journal article with a DOI."""
    return Paper(id="p1", title=TITLE, authors=authors, year=year, venue=JOURNAL,
                 doi="10.1109/TRO.2023.1", extra=dict(extra))


def names(n: int) -> list[str]:
    """n authors Given1 Family1 … Givenn Familyn."""
    return [f"Given{i} Family{i}" for i in range(1, n + 1)]


TAIL_APA = f"(2023). {TITLE}. {JOURNAL}. https://doi.org/10.1109/TRO.2023.1"
TAIL_IEEE = f"“{TITLE},” {JOURNAL}, 2023, doi: 10.1109/TRO.2023.1."
APA_19 = ", ".join(f"Family{i}, G." for i in range(1, 20))
APA_20 = ", ".join(f"Family{i}, G." for i in range(1, 20)) + ", & Family20, G."

CASES = [
    # (authors, year, extra, APA 7, IEEE)
    (["Ada Li"], 2023, {}, f"Li, A. {TAIL_APA}", f"A. Li, {TAIL_IEEE}"),
    (["Ada Li", "Bo Wu"], 2023, {}, f"Li, A., & Wu, B. {TAIL_APA}",
     f"A. Li and B. Wu, {TAIL_IEEE}"),
    (["Ada Li", "Bo Wu", "Chen Zhu"], 2023, {}, f"Li, A., Wu, B., & Zhu, C. {TAIL_APA}",
     f"A. Li, B. Wu, and C. Zhu, {TAIL_IEEE}"),
    # APA 7: up to 20 authors are all listed; from 21, the first 19, an ellipsis, the last.
    # IEEE (ieee.csl: et-al-min 7, et-al-use-first 1): six are listed, seven and more: et al.
    (names(20), 2023, {}, f"{APA_20} {TAIL_APA}", f"G. Family1 et al., {TAIL_IEEE}"),
    (names(25), 2023, {}, f"{APA_19}, … Family25, G. {TAIL_APA}",
     f"G. Family1 et al., {TAIL_IEEE}"),
    (names(6), 2023, {},
     "Family1, G., Family2, G., Family3, G., Family4, G., Family5, G., & Family6, G. "
     + TAIL_APA,
     "G. Family1, G. Family2, G. Family3, G. Family4, G. Family5, and G. Family6, "
     + TAIL_IEEE),
    # a corporate author is written whole, never inverted or initialised
    (["World Health Organization"], 2023, {"literal_authors": "World Health Organization"},
     f"World Health Organization. {TAIL_APA}", f"World Health Organization, {TAIL_IEEE}"),
    # no year: APA writes (n.d.); IEEE leaves the date out
    (["Ada Li"], None, {},
     f"Li, A. (n.d.). {TITLE}. {JOURNAL}. https://doi.org/10.1109/TRO.2023.1",
     f"A. Li, “{TITLE},” {JOURNAL}, doi: 10.1109/TRO.2023.1."),
    # non-ASCII names keep their letters, initials included
    (["Jörg Müller", "Zoë Dvořák", "Łukasz Wąsowski"], 2023, {},
     f"Müller, J., Dvořák, Z., & Wąsowski, Ł. {TAIL_APA}",
     f"J. Müller, Z. Dvořák, and Ł. Wąsowski, {TAIL_IEEE}"),
]


@pytest.mark.parametrize(("authors", "year", "extra", "apa", "ieee"), CASES)
def test_apa_and_ieee(authors: list[str], year: int | None, extra: dict[str, str], apa: str,
                      ieee: str) -> None:
    paper = journal_paper(authors, year, **extra)
    assert reference(paper, "apa") == apa
    assert reference(paper, "ieee") == ieee


def test_markdown_and_html_mark_the_journal_and_escape_data() -> None:
    paper = journal_paper(["Ada Li"])
    paper.title = "Grasping <b>objects</b> *fast*"
    md = reference(paper, "apa", "markdown")
    assert md == ("Li, A. (2023). Grasping \\<b\\>objects\\</b\\> \\*fast\\*. "
                  f"*{JOURNAL}*. https://doi.org/10.1109/TRO.2023.1")
    html = reference(paper, "ieee", "html")
    assert html.startswith("A. Li, “Grasping &lt;b&gt;objects&lt;/b&gt; *fast*,” <i>IEEE")


def test_numbered_list_and_other_styles() -> None:
    papers = [journal_paper(["Ada Li"]), journal_paper(["Bo Wu"])]
    listed = references(papers, "ieee")
    assert [r[:8] for r in listed] == ["[1] A. L", "[2] B. W"]
    for style in ("acm", "chicago", "nature"):
        assert "Li" in reference(papers[0], style)
    assert next_style("apa") == "ieee" and next_style("nature") == "apa"
    assert cite_command(["a", "b"]) == "\\cite{a,b}"
    assert cite_command(["a", "b"], "pandoc") == "[@a; @b]"


def test_custom_csl_file_and_bad_styles(tmp_path: Path) -> None:
    custom = tmp_path / "mine.csl"
    custom.write_text(style_path("apa").read_text("utf-8"), "utf-8")
    assert reference(journal_paper(["Ada Li"]), str(custom)).startswith("Li, A. (2023).")
    with pytest.raises(StoreError, match="unknown citation style 'nosuch'"):
        reference(journal_paper(["Ada Li"]), "nosuch")
    broken = tmp_path / "broken.csl"
    broken.write_text("<style", "utf-8")
    with pytest.raises(StoreError, match="not a usable CSL style"):
        reference(journal_paper(["Ada Li"]), str(broken))
