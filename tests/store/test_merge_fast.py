"""The arXiv fast path of merging (store.merge.similar) gives the library the exhaustive path
gives: the same papers, the same new/merged/updated lists, in either import order."""

from __future__ import annotations

import random

import pytest

from store.merge import merge_papers
from store.models import Paper, Provenance

_TEXT = ("video frame interpolation network motion flow attention learning robust "
         "compression estimation depth scene synthesis transformer diffusion events sensor "
         "optical temporal spatial neural model dataset benchmark accuracy efficient")
WORDS = _TEXT.split()


def _abstract(rng: random.Random) -> str:
    """A ~600-character abstract of random words."""
    return " ".join(rng.choices(WORDS, k=90)).capitalize() + "."


def _edit(rng: random.Random, text: str) -> str:
    """The same abstract with one word changed (a revised version, ~99% similar)."""
    words = text.split()
    words[rng.randrange(len(words))] = "modified"
    return " ".join(words)


def _corpus(seed: int) -> tuple[list[Paper], list[Paper]]:
    """Site records (no arXiv id) and arXiv records: some are the same work with a retitled
    record and an edited abstract, some arXiv pairs are near-identical submissions."""
    rng = random.Random(seed)
    site: list[Paper] = []
    arxiv: list[Paper] = []
    for i in range(60):
        abstract = _abstract(rng)
        title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} study {i}"
        if i % 3 != 2:
            site.append(Paper(title=title, authors=["A. Lab"], year=2024, abstract=abstract,
                              doi=f"10.1/site.{i}" if i % 7 == 0 else "",
                              provenance=[Provenance("site", "jekyll")]))
        if i % 3 != 0:
            arxiv.append(Paper(title=f"{title} (preprint)", authors=["A. Lab", "B. Co"],
                               year=2024, arxiv_id=f"2401.{i:05d}",
                               abstract=_edit(rng, abstract),
                               provenance=[Provenance("arxiv", "oai")]))
        if i % 10 == 0:  # the same work submitted twice under two arXiv ids
            arxiv.append(Paper(title=f"{title} again", year=2024, arxiv_id=f"2402.{i:05d}",
                               abstract=_edit(rng, abstract),
                               provenance=[Provenance("arxiv", "oai")]))
    return site, arxiv


def _same(a: object, b: object) -> None:
    """Two merge outcomes give the same library."""
    assert a.papers == b.papers  # type: ignore[attr-defined]
    for key in ("new", "merged", "updated", "unchanged"):
        assert getattr(a, key) == getattr(b, key), key


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("site_first", [True, False])
def test_fast_path_gives_the_exhaustive_library(seed: int, site_first: bool) -> None:
    """Site then arXiv, or arXiv then site, in one import or two: same papers either way."""
    site, arxiv = _corpus(seed)
    first, second = (site, arxiv) if site_first else (arxiv, site)
    fast = merge_papers(merge_papers([], first).papers, second)
    slow = merge_papers(merge_papers([], first, exhaustive=True).papers, second,
                        exhaustive=True)
    _same(fast, slow)
    one_fast, one_slow = merge_papers([], first + second), merge_papers(
        [], first + second, exhaustive=True)
    _same(one_fast, one_slow)
    # the site and arXiv records of one work did merge (not a vacuous comparison)
    assert len(fast.merged) + len(fast.updated) >= 20
    assert len(fast.papers) < len(site) + len(arxiv)


def test_fast_path_only_drops_notes_between_two_arxiv_papers() -> None:
    """The only thing not looked for: near-duplicate notes between two arXiv submissions (a
    note the fast path adds is one the exhaustive path's top five crowded out)."""
    site, arxiv = _corpus(5)
    fast = merge_papers(merge_papers([], site).papers, arxiv)
    slow = merge_papers(merge_papers([], site, exhaustive=True).papers, arxiv,
                        exhaustive=True)
    arxiv_ids = {p.id for p in fast.papers if p.arxiv_id}
    fast_pairs = {(a, b) for a, b, _ in fast.possible_duplicates}
    slow_pairs = {(a, b) for a, b, _ in slow.possible_duplicates}
    assert slow_pairs - fast_pairs, "the corpus has twice-submitted works"
    assert all(a in arxiv_ids and b in arxiv_ids for a, b in slow_pairs - fast_pairs)
    assert all(a not in arxiv_ids or b not in arxiv_ids for a, b in fast_pairs - slow_pairs)


def test_arxiv_record_still_merges_into_an_untitled_site_twin() -> None:
    """A site record and the arXiv record of the same work (different titles, no shared id)
    merge by abstract when the arXiv record arrives second."""
    rng = random.Random(9)
    abstract = _abstract(rng)
    site = Paper(title="Our paper", year=2024, abstract=abstract,
                 provenance=[Provenance("site", "jekyll")])
    arx = Paper(title="Our paper, extended", year=2024, arxiv_id="2401.00001",
                abstract=_edit(rng, abstract), provenance=[Provenance("arxiv", "oai")])
    out = merge_papers(merge_papers([], [site]).papers, [arx])
    assert len(out.papers) == 1 and out.papers[0].arxiv_id == "2401.00001"
