"""Small pure parts: safe text, URL checks, the browser fallback, results, history, citations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.models import Annotation, Paper
from tests.tui.conftest import browser_script, fresh_webbrowser
from tui import browser
from tui.citation import bibtex, citation_line
from tui.safe import clean, safe_url, text
from tui.screens.note_dialog import parse_tags
from tui.widgets.paper_viewer import render_paper
from tui.widgets.search_bar import SearchBar


@given(st.text())
def test_clean_never_leaves_controls(value: str) -> None:
    """Whatever comes in, no ESC, C0 (but space) or C1 byte goes out, and no newline."""
    out = clean(value)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out)


def test_text_is_never_markup() -> None:
    """Markup-looking strings stay literal text with no styles."""
    t = text("[bold]x[/bold] [@click=app.quit]y[/] a[/]b")
    assert t.plain == "[bold]x[/bold] [@click=app.quit]y[/] a[/]b"
    assert not t.spans


@pytest.mark.parametrize(("url", "ok"), [
    ("https://arxiv.org/abs/1", True), ("http://x.org/a?b=c#d", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("file:///etc/passwd", False),
    ("data:text/html,x", False), ("https://x.org/\x1b]0;t\x07", False), ("https://x y", False),
    ("//x.org", False), ("https://", False), ("", False), ("ftp://x.org", False),
])
def test_safe_url(url: str, ok: bool) -> None:
    """Only plain http(s) URLs pass."""
    assert (safe_url(url) is not None) is ok


def test_open_link_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused, opened with a browser ($BROWSER), and fallback without one."""
    script = browser_script(tmp_path, "fake-browser")
    monkeypatch.setenv("BROWSER", str(script))
    fresh_webbrowser(monkeypatch)
    assert browser.open_link("javascript:x").action == "refused"
    assert browser.open_link("https://a.org").action == "opened"
    res = browser.open_link("https://a.org", {})
    assert res.action == "fallback" and res.url == "https://a.org"
    assert (tmp_path / "fake-browser.log").read_text().split() == ["https://a.org"]


def test_search_bar_history() -> None:
    """remember() keeps order, drops duplicates and blanks."""
    bar = SearchBar(["a", "b"])
    assert bar.remember("c") and not bar.remember("c") and not bar.remember("  ")
    assert bar.remember("a")
    assert bar.history == ["b", "c", "a"]


def test_parse_tags() -> None:
    """Tags split on commas and spaces, de-duplicated, controls stripped."""
    assert parse_tags("a, b c,,a \x1b[2Jd") == ["a", "b", "c", "d"]


def test_citation_and_bibtex() -> None:
    """A one-line citation and a BibTeX entry carrying the fields."""
    paper = Paper(id="p1", title="A Title", authors=["Ann Lee", "Bo Li"], year=2021,
                  venue="CVPR 2021", arxiv_id="2101.00001")
    assert citation_line(paper) == (
        "Ann Lee, Bo Li (2021). A Title. CVPR 2021. https://arxiv.org/abs/2101.00001")
    entry = bibtex(paper)
    assert entry.startswith("@") and "A Title" in entry and "2021" in entry


def test_viewer_highlights_query_matches() -> None:
    """The viewer marks the query's words (accent-insensitive) in the title and abstract."""
    from store.query.highlight import highlight

    paper = Paper(id="p1", title="Vidéo denoising", authors=["Anna Müller"],
                  abstract="A video model.")
    out = render_paper(paper, None, Annotation(), abstract_open=True,
                       spans=lambda s: highlight(s, "video muller"))
    marked = {out.plain[s.start:s.end] for s in out.spans if "reverse" in str(s.style)}
    assert {"Vidéo", "video", "Müller"} <= marked
