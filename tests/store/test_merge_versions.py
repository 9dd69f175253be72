"""Rule 5: title or abstract similarity never merges different publications; they are linked."""

from __future__ import annotations

from datetime import date

from importers.bibtex import IMPORTER as BIBTEX
from store.merge import merge_papers
from store.merge.versions import related_ids
from store.models import Paper, Provenance, make_paper_id

ABSTRACT = ("We propose a method for estimating optical flow in videos with a learned cost volume "
            "and show strong results on standard benchmarks of motion estimation.")


def paper(source: str, **kw: object) -> Paper:
    """A paper from source with an importer-style id."""
    p = Paper(provenance=[Provenance(source, "test", "x", 1)], **kw)  # type: ignore[arg-type]
    p.id = make_paper_id(p)
    return p


def test_conference_and_journal_version_stay_apart_and_linked() -> None:
    """Same title, different venue and year: two records, each naming the other."""
    conf = paper("a.bib", title="Flow Nets", venue="CVPR", year=2019, abstract=ABSTRACT)
    journal = paper("b.bib", title="Flow Nets", venue="IEEE TPAMI", year=2021, abstract=ABSTRACT)
    out = merge_papers([conf], [journal])
    assert len(out.papers) == 2
    a, b = out.papers
    assert related_ids(a) == [b.id] and related_ids(b) == [a.id]
    assert a.id != b.id
    again = merge_papers(out.papers, [journal])
    assert again.papers == out.papers and again.new == [] and again.merged == []


def test_different_dois_never_merge_on_title() -> None:
    """A different DOI keeps two records apart even in the same year and venue."""
    one = paper("a", title="Flow Nets", doi="10.1/a", year=2020, venue="CVPR")
    two = paper("b", title="Flow Nets", doi="10.1/b", year=2020, venue="CVPR")
    out = merge_papers([], [one, two])
    assert len(out.papers) == 2
    assert related_ids(out.papers[0]) == [out.papers[1].id]


def test_copied_abstract_does_not_merge_a_thesis() -> None:
    """A thesis with a copied abstract is a different publication from the paper."""
    art = paper("a", title="Flow Nets", venue="CVPR", year=2020, abstract=ABSTRACT)
    thesis = paper("b", title="Learning Motion", venue="PhD thesis, Some University", year=2020,
                   abstract=ABSTRACT)
    out = merge_papers([art], [thesis])
    assert len(out.papers) == 2
    assert related_ids(out.papers[1]) == [out.papers[0].id]


def test_same_paper_still_merges() -> None:
    """A preprint and its published version, or one venue spelled two ways, still merge."""
    pre = paper("a", title="Flow Nets", venue="arXiv preprint arXiv:1901.00001", year=2019)
    pub = paper("b", title="Flow Nets", venue="CVPR", year=2020)
    assert len(merge_papers([pre], [pub]).papers) == 1
    one = paper("a", title="Flow Nets", venue="CVPR 2020", year=2020)
    two = paper("b", title="Flow Nets", venue="Proc. IEEE CVPR", year=2021)
    assert len(merge_papers([one], [two]).papers) == 1
    shared = paper("c", title="Flow Nets", venue="ICCV", year=2021, arxiv_id="1901.00001")
    pre.arxiv_id = "1901.00001"
    assert len(merge_papers([pre], [shared]).papers) == 1


def test_two_entries_sharing_a_cite_key_are_both_imported() -> None:
    """A .bib with one cite key used twice keeps both papers, with a warning."""
    text = ("@inproceedings{flow, title={Flow Nets}, booktitle={CVPR}, year=2019}\n"
            "@article{flow, title={Flow Nets}, journal={IEEE TPAMI}, year=2021}\n")
    result = BIBTEX.parse(text, source="refs.bib", today=date(2025, 1, 1))
    assert [p.venue for p in result.papers] == ["CVPR", "IEEE TPAMI"]
    assert any("used twice" in w.message for w in result.warnings)
    assert [p.provenance[0].line for p in result.papers] == [1, 2]
    out = merge_papers([], result.papers)
    assert len(out.papers) == 2
