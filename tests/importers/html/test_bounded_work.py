"""The structural page reading does bounded work: huge link groups are not read as tabs, tiny
blocks are not read as entries, and the number of blocks tried per page is capped."""

from __future__ import annotations

from datetime import date

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


@pytest.mark.parametrize("body", [
    "<ol><li>A. Smith, B. Jones. <b>Graph Kernels for Molecules</b>. <i>ICML</i>, 2021. "
    '<a href="https://arxiv.org/abs/2101.01234">arXiv</a></li><li>C. Lee. <a href="/p.pdf">'
    "Learning to Fold Proteins Quickly</a>. <em>Nature Methods</em>, 2022.</li></ol>",
    '<div class="pub"><span class="title">Seeing Through Fog</span><div class="author">Ada '
    'Lovelace, Alan Turing</div><span class="venue">CVPR 2023</span></div>' * 2,
    '<nav><a href="/t/a">A</a> <a href="/t/b">B</a></nav><p>x</p>' + "**a** <br>\n" * 50,
    "<table><tr><th>Title</th><th>Authors</th></tr><tr><td>Seeing Through Fog Again</td>"
    "<td>Ada Lovelace, Alan Turing</td></tr><tr><td>Sparse Fields Here</td><td>A. Smith</td>"
    "</tr></table>",
])
def test_a_page_without_few_tags_reads_as_when_all_are_looked_for(body: str) -> None:
    """Skipping the searches for meta, title, headings, pre… on a page that has none of them
    changes nothing."""
    from importers.html import dom

    text = f"<html><body>{body}</body></html>"
    assert not dom.holds_few(dom.parse_html(text))
    forced = dom.parse_html(text)
    forced.few = True  # type: ignore[attr-defined]
    assert read_page(text, source="p.html", path="t/a.html") == read_page(
        text, source="p.html", path="t/a.html", tree=forced)


def _list_page(n: int) -> str:
    """A publications page of n distinct cited papers in one list."""
    items = "".join(f"<li>A. Smith, B. Jones. <b>Paper number {i} on folding</b>. "
                    f"<i>Nature Methods</i>, 2022.</li>" for i in range(n))
    return f"<html><body><h2>Publications</h2><ul>{items}</ul></body></html>"


def test_a_list_longer_than_the_structural_cap_is_list_read_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """More list entries than the structural reading holds: it is not made at all, and its
    "more than 5000 entries" warning (about a reading that was thrown away) is not shown."""
    import importers.html as html

    calls = _counter(monkeypatch, html, "read_page")
    result = html.IMPORTER.parse(_list_page(scan.MAX_ENTRIES + 50), source="p.html",
                                 today=date(2025, 1, 1))
    assert len(result.papers) == scan.MAX_ENTRIES + 50
    assert calls == [] and result.warnings == []


def test_a_page_fully_read_by_structure_is_not_list_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When the structural reading already has as many authored papers as the page has list
    entries, the list reading (the costlier one) is skipped: it could not win."""
    import importers.html as html
    from importers.html import lists

    calls = _counter(monkeypatch, lists, "list_reading")
    result = html.IMPORTER.parse(_list_page(30), source="p.html", today=date(2025, 1, 1))
    assert len(result.papers) == 30 and all(p.authors for p in result.papers)
    assert calls == []
