"""merge_papers: match order, field merging, idempotence, near misses, purity and speed."""

from __future__ import annotations

import copy
import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from store.merge import merge_papers
from store.models import Link, Paper, Provenance, SectionRef, make_paper_id

WORDS = [
    "video",
    "frame",
    "interpolation",
    "network",
    "motion",
    "depth",
    "compression",
    "residual",
    "learning",
    "model",
    "temporal",
    "spatial",
    "feature",
    "fusion",
    "adaptive",
    "efficient",
    "benchmark",
    "dataset",
    "results",
    "method",
    "propose",
    "novel",
    "approach",
    "quality",
    "estimation",
    "synthesis",
    "recurrent",
    "pyramid",
    "module",
    "training",
]


def abstract(seed: int, n: int = 60) -> str:
    """A deterministic pseudo-abstract."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paper(source: str = "a", line: int = 1, **kw: object) -> Paper:
    """A paper from source with an id made the importers' way."""
    p = Paper(provenance=[Provenance(source, "test", f"line {line}", line)], **kw)  # type: ignore[arg-type]
    p.id = make_paper_id(p)
    return p


def test_match_by_arxiv_id_ignoring_version_and_prefix() -> None:
    """arXiv ids match across versions; fields fill in; the existing id is kept."""
    old = paper("profile", title="A Paper", authors=["A B"], authors_truncated=True)
    old.arxiv_id = "2007.11460"
    new = paper("listing", arxiv_id="arXiv:2007.11460v3", comments="accepted in X", year=2020)
    out = merge_papers([old], [new])
    (merged,) = out.papers
    assert merged.id == old.id
    assert (merged.title, merged.comments, merged.year) == ("A Paper", "accepted in X", 2020)
    assert out.merged == [old.id] and out.new == [] and out.updated == []
    assert [p.source for p in merged.provenance] == ["profile", "listing"]


def test_match_by_doi_then_title() -> None:
    """A DOI match, and a normalised-title match despite case and punctuation."""
    a = paper("s1", title="Deep Things", doi="10.1/ABC")
    b = paper("s2", title="Other", doi="10.1/abc")
    c = paper("s3", title="deep   things!")
    out = merge_papers([a], [b, c])
    assert len(out.papers) == 1
    assert {p.source for p in out.papers[0].provenance} == {"s1", "s2", "s3"}


def test_abstract_match_tolerates_punctuation_and_small_edits() -> None:
    """An untitled entry whose abstract differs only slightly joins the titled paper."""
    text = abstract(1)
    titled = paper("profile", title="Some Title", abstract=text)
    edited = text.replace(" ", ", ", 3).replace("video", "videos", 1).upper()
    untitled = paper("listing", arxiv_id="2101.00001", abstract=edited)
    out = merge_papers([titled], [untitled])
    assert len(out.papers) == 1
    assert out.papers[0].arxiv_id == "2101.00001"
    assert out.papers[0].abstract == text
    # and in the other order, the title arrives through the merge
    out = merge_papers([untitled], [titled])
    assert len(out.papers) == 1 and out.papers[0].title == "Some Title"
    assert out.papers[0].id == untitled.id


def test_near_miss_is_reported_not_merged() -> None:
    """An abstract 80-95% similar is reported as a possible duplicate and kept apart."""
    text = abstract(2, 40)
    words = text.split()
    for i in range(0, len(words), 6):
        words[i] = "changed"
    other = " ".join(words)
    a = paper("s1", title="One", abstract=text)
    b = paper("s2", arxiv_id="2101.00002", abstract=other)
    out = merge_papers([a], [b])
    assert len(out.papers) == 2
    ((x, y, score),) = out.possible_duplicates
    assert {x, y} == {a.id, b.id} and 80 <= score < 95


def test_title_prefix_near_miss_is_reported() -> None:
    """Same long title prefix, different titles: reported, not merged."""
    a = paper("s1", title="Learning Complementary Maps for Light Field Detection")
    b = paper("s2", title="Learning Complementary Maps for Light Field Saliency, Extended")
    out = merge_papers([a], [b])
    assert len(out.papers) == 2
    assert [(x, y) for x, y, _ in out.possible_duplicates] == [tuple(sorted((a.id, b.id)))]


def test_conflicting_arxiv_ids_never_merge() -> None:
    """Same title but different arXiv ids are two papers (reported)."""
    a = paper("s1", title="Same", arxiv_id="2101.00001")
    b = paper("s2", title="Same", arxiv_id="2101.00002")
    out = merge_papers([a], [b])
    assert len(out.papers) == 2 and len({p.id for p in out.papers}) == 2
    assert out.possible_duplicates


def test_short_abstracts_are_not_matched_by_similarity() -> None:
    """Placeholders such as "Coming soon." never merge by abstract."""
    a = paper("s1", title="A", abstract="Coming soon.")
    b = paper("s2", arxiv_id="2101.00003", abstract="Coming soon.")
    assert len(merge_papers([a], [b]).papers) == 2


def test_full_author_list_beats_truncated() -> None:
    """A full list replaces "et al." in either order, and is not undone by a re-import."""
    short = paper("profile", title="T", authors=["A", "B"], authors_truncated=True)
    full = paper("site", title="T", authors=["A", "B", "C", "D"], author_marks={"A": "*"})
    for first, second in ((short, full), (full, short)):
        out = merge_papers([first], [second])
        assert out.papers[0].authors == ["A", "B", "C", "D"]
        assert not out.papers[0].authors_truncated
    again = merge_papers(merge_papers([short], [full]).papers, [short])
    assert again.papers[0].authors == ["A", "B", "C", "D"] and again.unchanged


def test_lists_are_unioned_in_order() -> None:
    """Links by URL, badges, sections by id, has_code or-ed."""
    a = paper(
        "s1", title="T", links=[Link("Paper", "u1")], badges=["Oral"],
        sections=[SectionRef("c", "c/1", "One")],
    )  # fmt: skip
    b = paper(
        "s2", title="T", links=[Link("PDF", "u1"), Link("Code", "u2")], badges=["Oral", "New"],
        sections=[SectionRef("c", "c/1", "One"), SectionRef("d", "d/all", "D")], has_code=True,
    )  # fmt: skip
    (m,) = merge_papers([a], [b]).papers
    assert m.links == [Link("Paper", "u1"), Link("Code", "u2")]
    assert m.badges == ["Oral", "New"]
    assert [s.section for s in m.sections] == ["c/1", "d/all"]
    assert m.has_code


def test_incoming_duplicates_merge_among_themselves() -> None:
    """The same paper twice in one import (two pages) becomes one with both sections."""
    a = paper("site", 3, title="T", sections=[SectionRef("c", "c/1", "1")])
    b = paper("site", 9, title="T", sections=[SectionRef("c", "c/2", "2")])
    out = merge_papers([], [a, b])
    assert out.new == [a.id] and len(out.papers) == 1
    assert [p.locator for p in out.papers[0].provenance] == ["line 3", "line 9"]
    again = merge_papers(out.papers, [a, b])
    assert again.unchanged == [a.id] and again.papers == out.papers


def test_reimport_with_corrected_title_updates_that_field() -> None:
    """A source's own corrected value replaces what it gave before; others' values stay."""
    text = abstract(3)
    site = paper("site", 5, title="Old Titel", abstract=text, venue_short="ICCV 2023")
    out = merge_papers([], [site])
    fixed = paper("site", 6, title="Old Title", abstract=text)
    out2 = merge_papers(out.papers, [fixed])
    (p,) = out2.papers
    assert out2.updated == [site.id]
    assert (p.id, p.title, p.venue_short) == (site.id, "Old Title", "ICCV 2023")
    assert [x.locator for x in p.provenance] == ["line 6"]


def test_other_source_does_not_override() -> None:
    """A second source only fills empty fields."""
    a = paper("s1", title="T", year=2020, venue_short="CVPR 2020")
    b = paper("s2", title="T", year=2020, venue_short="CVPR", venue="IEEE/CVF CVPR",
              doi="10.1/x")
    (m,) = merge_papers([a], [b]).papers
    assert (m.year, m.venue_short, m.doi) == (2020, "CVPR 2020", "10.1/x")
    (m2,) = merge_papers([m], [b]).papers
    assert (m2.year, m2.venue_short) == (2020, "CVPR 2020")


def test_inputs_are_not_mutated() -> None:
    """merge_papers is pure."""
    a = paper("s1", title="T", links=[Link("a", "1")])
    b = paper("s2", title="T", links=[Link("b", "2")], arxiv_id="2101.00009")
    before = copy.deepcopy((a, b))
    merge_papers([a], [b])
    assert (a, b) == before


TRUE_PAPERS = [
    ("Alpha Study of Things", "2101.00001", 11),
    ("Beta", "2101.00002", 12),
    ("Gamma Things", "", 13),
    ("Delta Nets", "2102.00003", 14),
]


@st.composite
def record(draw: st.DrawFn) -> Paper:
    """One source's view of a true paper: some fields dropped, the title restyled."""
    title, arxiv_id, text = draw(st.sampled_from(TRUE_PAPERS))
    keep_title = draw(st.booleans())
    return paper(
        draw(st.sampled_from(["s1", "s2", "s3"])),
        draw(st.integers(1, 4)),
        title=draw(st.sampled_from([title, title.upper() + "!"])) if keep_title else "",
        arxiv_id=draw(st.sampled_from([arxiv_id, arxiv_id + "v2" if arxiv_id else ""])),
        abstract=abstract(text) if draw(st.booleans()) or not keep_title else "",
        authors=draw(st.sampled_from([[], ["A"], ["A", "B"]])),
        authors_truncated=draw(st.booleans()),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(record(), max_size=8), st.lists(record(), max_size=8))
def test_merge_is_idempotent(existing: list[Paper], incoming: list[Paper]) -> None:
    """Merging the same incoming twice changes nothing, and ids stay unique."""
    first = merge_papers([], existing)
    once = merge_papers(first.papers, incoming)
    twice = merge_papers(once.papers, incoming)
    assert twice.papers == once.papers
    assert twice.new == [] and twice.updated == [] and twice.merged == []
    assert len({p.id for p in once.papers}) == len(once.papers)
    for p in once.papers:
        provs = [(x.source, x.importer, x.locator) for x in p.provenance]
        assert len(provs) == len(set(provs))


def test_large_library_merge_is_fast() -> None:
    """20k existing papers plus 2k incoming (half needing abstract matching) stays quick."""
    existing = [
        paper("big", i, title=f"Paper number {i}", abstract=abstract(i, 40)) for i in range(20_000)
    ]
    incoming = [
        paper("listing", i, arxiv_id=f"2101.{i:05d}", abstract=abstract(i * 20, 40))
        for i in range(1_000)
    ] + [paper("other", i, title=f"Fresh {i}") for i in range(1_000)]
    start = time.perf_counter()
    out = merge_papers(existing, incoming)
    assert time.perf_counter() - start < 10
    assert len(out.merged) == 1_000 and len(out.new) == 1_000


def test_field_origin_survives_a_change_of_first_source() -> None:
    """When a re-import drops a source's first entry, the fields it gave stay its own."""
    text = abstract(4)
    s2_line1 = paper("s2", 1, title="True Title", arxiv_id="2101.00005")
    s2_line2 = paper("s2", 2, title="True Title", arxiv_id="2101.00005", abstract=text)
    s3 = paper("s3", 1, title="Other Title", arxiv_id="2101.00005")
    lib = merge_papers([], [s2_line1]).papers
    lib = merge_papers(lib, [s3]).papers
    lib = merge_papers(lib, [s2_line1, s2_line2]).papers
    lib = merge_papers(lib, [s2_line2]).papers  # s2 now lists it on line 2 only
    assert [p.source for p in lib[0].provenance] == ["s3", "s2"]
    again = merge_papers(lib, [s3])  # s3 did not give the title: it must not replace it
    assert again.papers[0].title == "True Title" and again.unchanged == [lib[0].id]


def test_two_records_of_one_paper_in_one_import_are_idempotent() -> None:
    """One source listing a paper twice (truncated and full author lists) settles at once."""
    stored = paper("s1", title="T", arxiv_id="2101.00006", authors=["A"])
    first = paper("s2", 1, title="T", arxiv_id="2101.00006", authors=["B", "A", "C"],
                  authors_truncated=True)  # fmt: skip
    second = paper("s2", 2, title="T", arxiv_id="2101.00006", authors=["A", "B"])
    once = merge_papers([stored], [first, second])
    twice = merge_papers(once.papers, [first, second])
    assert twice.papers == once.papers and twice.unchanged == [stored.id]


def test_record_title_leads_its_twin_to_the_same_paper() -> None:
    """A record merged under another title still catches its twin with the same title."""
    text = abstract(5)
    stored = paper("s1", title="Stored Title", abstract=text)
    with_abstract = paper("s2", 1, title="Page Title", abstract=text)
    without = paper("s2", 2, title="Page Title")
    once = merge_papers([stored], [with_abstract, without])
    assert len(once.papers) == 1
    assert merge_papers(once.papers, [with_abstract, without]).papers == once.papers
