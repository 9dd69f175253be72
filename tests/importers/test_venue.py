"""Venue lines: short form, year and badges, as printed on lab sites and in comments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.venue import cached_venue, find_badges, parse_venue, venue_from_comment


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
    ],
)
def test_short_form_and_year(line: str, short: str, year: int) -> None:
    """The acronym in parentheses (or initials) plus the year."""
    venue = parse_venue(line)
    assert (venue.short, venue.year) == (short, year)
    assert venue.printed == line


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


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    """Any text gives a Venue; a year, when found, is plausible."""
    venue = parse_venue(text)
    assert venue.year is None or 1900 <= venue.year <= 2099
    venue_from_comment(text)
