"""Venue lines: short form, year and badges, as printed on lab sites and in comments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.venue import (
    cached_venue,
    find_badges,
    parse_venue,
    venue_from_comment,
    venue_from_journal_ref,
)


@pytest.mark.parametrize(
    ("line", "short", "year"),
    [
        ("IEEE/CVF International Conference on Computer Vision (ICCV), 2023", "ICCV 2023", 2023),
        ("Asian Conference on Computer Vision (ACCV) 2024", "ACCV 2024", 2024),
        ("IEEE Transactions on Pattern Analysis and Machine Intelligence (T-PAMI), 2024",
         "T-PAMI 2024", 2024),
        ("Signal Processing: Image Communication, 2022", "SPIC 2022", 2022),
        ("ACM International Conference on Multimedia (MM), 2021", "MM 2021", 2021),
        ("Int. Conf. Medical Image Computing and Computer-Assisted Intervention (MICCAI), 2022",
         "MICCAI 2022", 2022),
        ("CVPR, 2021", "CVPR 2021", 2021),
        ("arXiv preprint, 2023", "arXiv 2023", 2023),
        ("International Conference on 3D Vision (3DV), 2020", "3DV 2020", 2020),
        ("ECCV'22", "ECCV 2022", 2022),
        ("In CVPR, 2021", "CVPR 2021", 2021),
        ("IEEE TPAMI 2023", "TPAMI 2023", 2023),
        ("IEEE/CVF Conference on Computer Vision and Pattern Recognition, 2023", "CVPR 2023",
         2023),
        ("Proceedings of the IEEE International Conference on Computer Vision, 2019",
         "ICCV 2019", 2019),
        ("IEEE Transactions on Image Processing, 2022", "TIP 2022", 2022),
        ("IEEE Transactions on Multimedia, 2021", "TMM 2021", 2021),
        ("*CVPR 2023*", "CVPR 2023", 2023),
        ("_2024, IEEE International Conference on Robotics and Automation (ICRA)_", "ICRA 2024",
         2024),
        ("Journal of Visual Communication and Image Representation, 2020", "JVCIR 2020", 2020),
    ],
)
def test_short_form_and_year(line: str, short: str, year: int) -> None:
    """The acronym in parentheses (or initials) plus the year."""
    venue = parse_venue(line)
    assert (venue.short, venue.year) == (short, year)
    assert venue.printed == line.strip("*_")


def test_badges() -> None:
    """Oral, Early Access and best-paper awards are badges; 'New Orleans' is not 'New'."""
    venue = parse_venue("IEEE Transactions on Multimedia (T-MM), 2023, Early Access")
    assert venue.short == "T-MM 2023" and venue.badges == ["Early Access"]
    assert parse_venue("CVPR (Oral), 2021").badges == ["Oral"]
    assert find_badges("(New!)") == ["New"]
    assert find_badges("Conference held in New Orleans") == []
    assert find_badges("Best Paper Honorable Mention Award") == ["Best Paper Honorable Mention"]


def test_cached_copy_is_independent() -> None:
    """The cached venue hands out copies: changing one never changes the next."""
    first = cached_venue("CVPR (Oral), 2020")
    first.badges.append("X")
    assert cached_venue("CVPR (Oral), 2020").badges == ["Oral"]


def test_comment_venues() -> None:
    """'accepted in CVPR 2020' is a venue; 'submitted to' is not."""
    found = venue_from_comment("Accepted in CVPR 2020; code at github")
    assert found is not None and found.short == "CVPR 2020" and found.year == 2020
    assert venue_from_comment("Submitted to ICCV 2021") is None
    for comment, short in [
        ("Accepted to IEEE Transactions on Image Processing", "TIP"),
        ("Published in IEEE Transactions on Pattern Analysis and Machine Intelligence, 2022",
         "TPAMI 2022"),
        ("To appear in the Proceedings of ICCV 2021", "ICCV 2021"),
        ("Accepted by ECCV'22", "ECCV 2022"),
        ("Accepted by the 3DV 2021", "3DV 2021"),
    ]:
        found = venue_from_comment(comment)
        assert found is not None and found.short == short, comment
    assert venue_from_comment("Accepted in the main track") is None
    oral = venue_from_comment("Oral presentation at ICCV 2023")
    assert oral is not None and (oral.short, oral.badges) == ("ICCV 2023", ["Oral"])


def test_journal_refs() -> None:
    """An arXiv "Journal ref" gives the venue without volume and page numbers."""
    assert venue_from_journal_ref("CVPR 2021, pp. 1234-1243").short == "CVPR 2021"
    ref = venue_from_journal_ref("IEEE Transactions on Image Processing 31 (2022) 1-12")
    assert (ref.name, ref.short, ref.year) == ("IEEE Transactions on Image Processing",
                                               "TIP 2022", 2022)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    """Any text gives a Venue; a year, when found, is plausible."""
    venue = parse_venue(text)
    assert venue.year is None or 1900 <= venue.year <= 2099
    venue_from_comment(text)
