"""Follows on disk and the matching of watched authors and keywords."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from store.daily.follows import FollowList, Follows
from store.daily.matching import author_matches, is_cross_list, reasons
from store.models import Paper


def test_follows_round_trip_and_dedupe(tmp_path: Path) -> None:
    """Added once (case- and accent-blind), kept in order, removed by any spelling."""
    follows = FollowList(tmp_path)
    added = follows.add(categories=["cs.CV", "cs.LG"], authors=["Zhiwei Xiong"])
    assert added.categories == ["cs.CV", "cs.LG"]
    again = follows.add(categories=["cs.CV"], authors=["ZHIWEI XIONG"], keywords=["NeRF"])
    assert again.categories == [] and again.authors == [] and again.keywords == ["NeRF"]
    assert FollowList(tmp_path).get() == Follows(["cs.CV", "cs.LG"], ["Zhiwei Xiong"], ["NeRF"])
    assert follows.remove(["nerf", "cs.lg"]) == ["cs.LG", "NeRF"]
    assert FollowList(tmp_path).get() == Follows(["cs.CV"], ["Zhiwei Xiong"], [])
    assert (tmp_path / "follows.json").exists()


def test_author_matching() -> None:
    """Full names, "Family, Given" and initials match; other people do not."""
    assert author_matches("Zhiwei Xiong", "Zhiwei Xiong")
    assert author_matches("Zhiwei Xiong", "Xiong, Zhiwei")
    assert author_matches("Zhiwei Xiong", "Z. Xiong")
    assert author_matches("José Müller", "Jose Muller")
    assert not author_matches("Zhiwei Xiong", "Zhiyong Xiong")
    assert not author_matches("Zhiwei Xiong", "Wei Xiong")


def test_reasons_and_cross_lists() -> None:
    """Why a paper is highlighted; a cross-list's primary category is not followed."""
    follows = Follows(["cs.CV"], ["Zhiwei Xiong"], ["video frame interpolation"])
    paper = Paper(title="Event-based Video Frame-Interpolation", authors=["Z. Xiong"],
                  category="eess.IV", extra={"arxiv_categories": "eess.IV cs.CV"})
    assert reasons(paper, follows) == ["author: Zhiwei Xiong",
                                       "keyword: video frame interpolation"]
    assert is_cross_list(paper, follows)
    paper.category, paper.extra["arxiv_categories"] = "cs.CV", "cs.CV eess.IV"
    assert not is_cross_list(paper, follows)
    assert is_cross_list(Paper(category="math.OC", extra={"arxiv_categories": "math.OC cs.LG"}),
                         Follows(["cs"]))


@given(st.text(max_size=40), st.text(max_size=40))
def test_matching_never_fails(watched: str, author: str) -> None:
    """Any names: a bool, and a name always matches itself."""
    assert isinstance(author_matches(watched, author), bool)
    if watched.strip():
        assert author_matches(watched, watched)
