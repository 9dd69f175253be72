"""Merging the profile seed (000) and the arXiv-listing seed (001), in either order."""

from __future__ import annotations

from datetime import date

import pytest

from importers.arxiv_listing import IMPORTER as LISTING
from importers.profile import IMPORTER as PROFILE
from store.merge import merge_papers
from store.models import Paper
from tests.conftest import seed

TODAY = date(2025, 9, 1)
PSN = "Perceptron Synthesis Network: Rethinking the Action Scale Variances in Videos"
MATCHED = {
    "2003.11282": "Content Adaptive and Error Propagation Aware Deep Video Compression",
    "2002.12259": "Blurry Video Frame Interpolation",
    "2002.04829": "Uniform Interpolation Constrained Geodesic Learning on Data Manifold",
    "1904.00830": "Depth-Aware Video Frame Interpolation",
    "1812.00101": "DVC: An End-to-end Deep Video Compression Framework",
    "1810.08768": (
        "MEMC-Net: Motion Estimation and Motion Compensation Driven Neural Network "
        "for Video Interpolation and Enhancement"
    ),
}


def _both() -> tuple[list[Paper], list[Paper]]:
    """The parsed profile and listing papers."""
    profile = PROFILE.parse(seed("000").read_text(encoding="utf-8"), source="000", today=TODAY)
    listing = LISTING.parse(seed("001").read_text(encoding="utf-8"), source="001", today=TODAY)
    return profile.papers, listing.papers


@pytest.mark.parametrize("profile_first", [True, False])
def test_seed_merge_in_either_order(profile_first: bool) -> None:
    """18 profile papers, 6 gain arXiv id and comments, the 7th entry stays apart, reported."""
    profile, listing = _both()
    first, second = (profile, listing) if profile_first else (listing, profile)
    out = merge_papers(merge_papers([], first).papers, second)
    titled = [p for p in out.papers if p.title]
    assert len(titled) == 18
    assert len({p.title for p in titled}) == 18
    assert len(out.merged) == 6
    gained = {p.arxiv_id: p for p in titled if p.arxiv_id}
    assert {k: p.title for k, p in gained.items()} == MATCHED
    for p in gained.values():
        assert {x.source for x in p.provenance} == {"000", "001"}
        assert p.authors and p.abstract and p.date
    assert gained["1904.00830"].comments.startswith("This work is accepted in CVPR 2019")
    assert gained["1904.00830"].venue_short == "CVPR 2019"
    assert gained["2002.12259"].comments == "This work is accepted in CVPR 2020"
    assert gained["2003.11282"].comments == "First two authors contributed equally"
    # the earlier version of the Perceptron Synthesis Network paper is kept apart ...
    (early,) = [p for p in out.papers if not p.title]
    assert early.arxiv_id == "2007.11460"
    assert len(out.papers) == 19
    (psn,) = [p for p in out.papers if p.title == PSN]
    assert psn.arxiv_id == "" and psn.abstract.startswith("Video action recognition")
    # ... and reported as a possible duplicate of it, and of nothing else
    assert [(a, b) for a, b, _ in out.possible_duplicates] == [tuple(sorted((early.id, psn.id)))]
    ids_before = {p.id for p in first}
    assert ids_before <= {p.id for p in out.papers}


@pytest.mark.parametrize("profile_first", [True, False])
def test_seed_reimport_is_idempotent(profile_first: bool) -> None:
    """Re-importing either seed after both changes nothing."""
    profile, listing = _both()
    first, second = (profile, listing) if profile_first else (listing, profile)
    both = merge_papers(merge_papers([], first).papers, second).papers
    for again in (first, second):
        out = merge_papers(both, again)
        assert out.papers == both
        assert out.new == [] and out.updated == [] and out.merged == []
        assert len(out.unchanged) == len(again)
