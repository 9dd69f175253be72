"""The structural page reading does bounded work: huge link groups are not read as tabs, tiny
blocks are not read as entries, and the number of blocks tried per page is capped."""

from __future__ import annotations

import pytest

from importers.html import nav, scan
from importers.html.page import read_page


def _counter(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Count calls of module.name (still calling the real one)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_huge_link_group_is_not_resolved_as_tabs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thousand links in one block are a link list: no link of it is resolved as a tab."""
    calls = _counter(monkeypatch, nav, "resolve")
    links = "".join(f'<a href="/t/p{i}">p{i}</a> ' for i in range(1000))
    page = read_page(f"<html><body><div>{links}</div></body></html>", source="l.html",
                     path="t/p1.html")
    assert calls == []
    assert page.nav == []


def test_small_tabs_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real tab bar (a few links under the page's topic) is still the page's nav."""
    tabs = "".join(f'<a href="/t/p{i}.html">Tab {i}</a> ' for i in range(4))
    page = read_page(f"<html><body><div>{tabs}</div><p>x</p></body></html>", source="t.html",
                     path="t/p1.html")
    assert [item.permalink for item in page.nav] == [f"/t/p{i}" for i in range(4)]


def test_tiny_table_cells_are_never_read_as_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cells of a letter each cannot hold a title and authors: no block is read."""
    calls = _counter(monkeypatch, scan, "read_block")
    rows = "<tr><td>a</td><td>b</td></tr>\n" * 2000
    page = read_page(f"<html><body><table>{rows}</table></body></html>", source="t.html")
    assert calls == []
    assert page.papers == []


def test_blocks_tried_are_capped_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_TRIED blocks a page stops being read and says so."""
    monkeypatch.setattr(scan, "MAX_TRIED", 5)
    calls = _counter(monkeypatch, scan, "read_block")
    items = "".join(f"<p>Some words that are not a paper, number {i}.</p>" for i in range(50))
    page = read_page(f"<html><body><div>{items}</div></body></html>", source="w.html")
    assert len(calls) == 5
    assert any("more than 5 blocks" in w.message for w in page.warnings)


def test_meta_lookup_keeps_its_order() -> None:
    """Names in order, then name/property/itemprop; the first tag of a name counts; an empty
    one falls through (as the one query per name and attribute did)."""
    from importers.html import dom

    page = dom.parse_html(
        '<html><head><meta name="a" content=""><meta property="a" content="pa">'
        '<meta name="b" content="first b"><meta name="b" content="second b">'
        '<meta itemprop="c" content="ic"></head><body></body></html>')
    assert dom.meta_content(page, "a") == "pa"
    assert dom.meta_content(page, "b", "a") == "first b"
    assert dom.meta_content(page, "z", "c") == "ic"
    assert dom.meta_content(page, "z") == ""


def test_a_page_is_parsed_once_for_both_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The structural reading and the list reading share one document tree."""
    from datetime import date

    from importers.html import IMPORTER, dom

    calls = _counter(monkeypatch, dom, "check_depth")  # run once per tree built
    items = "".join(f"<li>A. Smith, B. Jones. <b>A Paper Title Number {i}</b>. <i>CVPR</i>, "
                    f"2020.</li>" for i in range(3))
    result = IMPORTER.parse(f"<html><body><h2>Publications</h2><ol>{items}</ol></body></html>",
                            source="p.html", today=date(2024, 1, 1))
    assert len(result.papers) == 3
    assert len(calls) == 1


def test_meta_tags_are_gathered_once_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """However many meta names a page reading asks for, its meta tags are gathered once."""
    from importers.html import dom

    page = dom.parse_html('<html><head><meta name="a" content="x"></head><body></body></html>')
    real = type(page).css
    asked: list[str] = []

    def css(self: object, query: str) -> object:
        asked.append(query)
        return real(self, query)  # type: ignore[arg-type]

    monkeypatch.setattr(type(page), "css", css)
    assert [dom.meta_content(page, name) for name in ("a", "b", "a")] == ["x", "", "x"]
    assert asked.count("meta") == 1
