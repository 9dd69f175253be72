"""Shared helpers of the site-importer tests: fixture paths and parsing a fixture file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from importers.base import ImportResult
from importers.registry import get
from store.models import Paper

SITES = Path(__file__).resolve().parents[2] / "data" / "sites"
TODAY = date(2025, 6, 1)


def parse(importer: str, site: str, rel: str) -> ImportResult:
    """Parse one fixture file with the named importer."""
    text = (SITES / site / rel).read_text(encoding="utf-8")
    return get(importer).parse(text, source=f"{site}/{rel}", today=TODAY)


def by_title(result: ImportResult) -> dict[str, Paper]:
    """The result's papers by title."""
    return {p.title: p for p in result.papers}


def links(paper: Paper) -> dict[str, str]:
    """label -> url of a paper's links."""
    return {link.label: link.url for link in paper.links}
