"""Same papers either way: the rendered lab site and its Markdown source (#10 item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.base import ImportResult
from store.repository import Store
from tests.conftest import SHARED
from tui.importing import ParsedSource, apply_sources, read_and_parse

RENDERED = SHARED / "samples" / "vidar-site-rendered"
SOURCE = SHARED / "samples" / "vidar-site"
SECTION_FIELDS = ("id", "collection", "label", "heading", "order", "permalink", "imported")


@pytest.fixture(scope="module")
def rendered() -> ParsedSource:
    """The rendered site read through the ordinary import path (a directory of .html)."""
    (parsed,) = read_and_parse([str(RENDERED)])
    assert parsed.importer == "html"
    return parsed


@pytest.fixture(scope="module")
def source() -> ParsedSource:
    """The Markdown source read by the existing Jekyll importer."""
    (parsed,) = read_and_parse([str(SOURCE)])
    assert parsed.importer == "jekyll"
    return parsed


def _by_id(result: ImportResult) -> dict[str, dict[str, object]]:
    """Papers as dicts by id, provenance left out (it names different files)."""
    papers = {}
    for paper in result.papers:
        data = paper.to_dict()
        data.pop("provenance")
        papers[paper.id] = data
    return papers


def test_same_papers_field_by_field(rendered: ParsedSource, source: ParsedSource) -> None:
    """38 papers on both sides, every field equal (titles, authors, venue, links, abstracts…)."""
    html, markdown = _by_id(rendered.result), _by_id(source.result)
    assert len(markdown) == 38
    assert sorted(html) == sorted(markdown)
    for pid, expected in markdown.items():
        got = html[pid]
        for name, value in expected.items():
            assert got[name] == value, f"{expected['title']!r}: {name} differs"


def test_the_three_papers_left_as_raw_markdown_in_a_hidden_block_are_found(
    rendered: ParsedSource,
) -> None:
    """2024-New has an unclosed abstract <div>; the entries after it are still papers."""
    titles = {p.title for p in rendered.result.papers}
    assert "Mask-Based Modeling for Neural Radiance Fields" in titles
    assert "TSA2: Temporal Segment Adaptation and Aggregation for Video Harmonization" in titles
    leaky = next(p for p in rendered.result.papers if p.title.startswith("Decomposition"))
    assert "**" not in leaky.abstract and leaky.abstract.endswith("solutions.")


def test_same_tabs(rendered: ParsedSource, source: ParsedSource) -> None:
    """Sections (tabs) in the same nav order with the same labels, headings and permalinks."""
    def tabs(result: ImportResult) -> list[tuple[object, ...]]:
        return [tuple(getattr(s, f) for f in SECTION_FIELDS) for s in result.sections]

    assert tabs(rendered.result) == tabs(source.result)
    assert [s.label for s in rendered.result.sections] == [
        "2024 New", "Generation", "Enhancement", "Denoising", "Low4High"]
    (html_topic,), (md_topic,) = rendered.result.collections, source.result.collections
    assert (html_topic.id, html_topic.kind, html_topic.title, html_topic.meta) == (
        md_topic.id, md_topic.kind, md_topic.title, md_topic.meta)


def test_home_page_without_papers_is_reported(rendered: ParsedSource) -> None:
    """index.html holds no publications: skipped, and the import says so."""
    assert any("index.html" in str(w) and "no publications" in str(w)
               for w in rendered.result.warnings)


def test_both_imported_merge_into_one_record_each(
    rendered: ParsedSource, source: ParsedSource, tmp_path: Path
) -> None:
    """Importing the source then the rendered pages: 38 papers, 5 tabs, two provenances each."""
    store = Store(tmp_path / "home")
    apply_sources(store, [source])
    report = apply_sources(store, [rendered])
    assert report.total("new") == 0 and report.total("merged") == 38
    papers = store.papers()
    assert len(papers) == 38
    assert len(store.sections()) == 5
    for paper in papers:
        importers = {p.importer for p in paper.provenance}
        assert importers == {"jekyll", "html"}, paper.title
