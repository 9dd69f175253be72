"""The importer registry: every format listed, detection picks the right one for each seed."""

from __future__ import annotations

import pytest

from importers import registry
from importers.base import ImporterError
from tests.conftest import SITE_PAGES, seed


def test_known_formats_match_the_importers() -> None:
    """The static format list the CLI prints is the list of importer names, in order."""
    assert list(registry.KNOWN_FORMATS) == registry.names()


@pytest.mark.parametrize(
    ("prefix", "name"), [("000", "profile"), ("001", "arxiv-listing"), ("002", "jekyll")]
)
def test_detect_each_seed(prefix: str, name: str) -> None:
    """Each seed is recognised by its own importer."""
    path = seed(prefix)
    assert registry.detect(path.read_text(encoding="utf-8"), path.name).name == name


def test_detect_every_site_page() -> None:
    """Every manipulation page is a Jekyll page."""
    for path in sorted(SITE_PAGES.rglob("*.md")):
        assert registry.detect(path.read_text(encoding="utf-8"), path.name).name == "jekyll"


def test_unrecognised_text_lists_formats() -> None:
    """Text no importer claims gets an error naming every format."""
    with pytest.raises(ImporterError) as info:
        registry.detect("hello\nworld\n", "notes.txt")
    assert all(name in str(info.value) for name in registry.KNOWN_FORMATS)


def test_every_importer_gives_a_confidence_and_a_reason() -> None:
    """registry.explain: each importer's confidence in [0, 1] and a non-empty reason."""
    text = seed("002").read_text(encoding="utf-8")
    ranked = registry.rank(text, seed("002").name)
    assert [d.importer.name for d in ranked][0] == "jekyll"
    assert sorted(d.importer.name for d in ranked) == sorted(registry.KNOWN_FORMATS)
    for found in ranked:
        assert 0.0 <= found.confidence <= 1.0 and found.reason


def test_people_and_news_lists_are_no_profile() -> None:
    """A YAML list of people or news is not taken by any importer."""
    people = "- name: Ada Okonkwo\n  role: PI\n  email: a@example.org\n" * 3
    news = "- date: 2023-05-01\n  headline: Paper accepted!\n" * 3
    for text, name in ((people, "_data/people.yml"), (news, "_data/news.yml")):
        with pytest.raises(ImporterError):
            registry.detect(text, name, threshold=0.6)
