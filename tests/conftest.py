"""Shared fixtures: paths to the sample documents in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SITE_PAGES = SHARED / "samples" / "vidar-site" / "_pages"


def seed(prefix: str) -> Path:
    """The seed file whose name starts with prefix ("000", "001", "002")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def profile_text() -> str:
    """The profile-page seed."""
    return seed("000").read_text(encoding="utf-8")


@pytest.fixture
def listing_text() -> str:
    """The arXiv-listing seed."""
    return seed("001").read_text(encoding="utf-8")


@pytest.fixture
def topic_text() -> str:
    """The lab-site topic page seed."""
    return seed("002").read_text(encoding="utf-8")
