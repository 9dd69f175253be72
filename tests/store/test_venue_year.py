"""The year appears once: venue helpers, BibTeX booktitle/journal (issue 8, item 7)."""

from __future__ import annotations

import pytest

from store.bibtex_export import to_bibtex
from store.models import Paper


@pytest.mark.parametrize(
    ("venue", "year", "bare", "joined"),
    [
        ("CVPR 2019", 2019, "CVPR", "CVPR 2019"),
        ("Asian Conference on Computer Vision (ACCV) 2024", 2024,
         "Asian Conference on Computer Vision (ACCV)",
         "Asian Conference on Computer Vision (ACCV) 2024"),
        ("IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), 2023", 2023,
         "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
         "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) 2023"),
        ("ICCV'19", 2019, "ICCV", "ICCV 2019"),
        ("CVPR 2019 (Oral)", 2019, "CVPR (Oral)", "CVPR (Oral) 2019"),
        ("Proc. (2019)", 2019, "Proc.", "Proc. 2019"),
        ("CVPR 2018", 2019, "CVPR 2018", "CVPR 2018 · 2019"),  # another year is information
        ("ECCV 2020 Workshops", None, "ECCV 2020 Workshops", "ECCV 2020 Workshops"),
        ("arXiv:2019.12345", 2019, "arXiv:2019.12345", "arXiv:2019.12345 · 2019"),
        ("2019", 2019, "", "2019"),
        ("", 2019, "", "2019"),
    ],
)
def test_venue_with_and_without_year(venue: str, year: int | None, bare: str,
                                     joined: str) -> None:
    """The paper's own year is taken out once; anything else stays."""
    from store.venue_year import venue_with_year, venue_without_year

    assert venue_without_year(venue, year) == bare
    assert venue_with_year(venue, year) == joined


def test_bibtex_booktitle_and_journal_never_carry_the_year() -> None:
    """`booktitle = {CVPR}` and `year = {2019}`, not `booktitle = {CVPR 2019}`."""
    conf = Paper(id="p1", title="Depth", authors=["A B"], year=2019, venue="CVPR 2019",
                 venue_short="CVPR 2019")
    journal = Paper(id="p2", title="Maps", authors=["C D"], year=2021,
                    venue="IEEE Transactions on Image Processing, 2021", venue_short="TIP 2021")
    text = to_bibtex([conf, journal])
    assert "booktitle = {CVPR}," in text and "{CVPR 2019}" not in text
    assert "journal = {IEEE Transactions on Image Processing}," in text
    assert "year      = {2019}" in text and "year    = {2021}" in text
