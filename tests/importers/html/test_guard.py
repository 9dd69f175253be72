"""Pathological HTML is refused before a tree is built, and the list reading stops at the
entry cap and says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers import registry
from importers.base import ImporterError
from importers.html import guard, lists
from importers.html.guard import MAX_DEPTH, bounded_depth, check_depth

DATA = Path(__file__).parents[2] / "data"
TODAY = date(2026, 11, 29)


def test_deep_divs_are_refused_in_one_line_without_a_tree(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A flood of unclosed <div> is refused naming what is wrong; the tree builder never runs."""
    built: list[str] = []
    monkeypatch.setattr("importers.html.dom.LexborHTMLParser",
                        lambda text: built.append("tree"))  # type: ignore[func-returns-value]
    text = "<html><body>" + "<div class=abs>\n" * (MAX_DEPTH + 10)
    with pytest.raises(ImporterError) as caught:
        registry.get("html").parse(text, source="deep.html", today=TODAY)
    message = str(caught.value)
    assert message.startswith("deep.html: elements nested more than 1,000 deep")
    assert "\n" not in message
    assert built == []


def test_every_real_page_passes_the_check() -> None:
    """No fixture page (themes, lab sites, the samples) comes near the limit."""
    pages = [*DATA.rglob("*.htm*"), *Path(__file__).parent.joinpath("fixtures").rglob("*.htm*")]
    shared = Path(__file__).parents[3] / ".." / "shared"
    pages += list(shared.rglob("*.htm*")) if shared.exists() else []
    assert len(pages) > 10
    for page in pages:
        assert bounded_depth(page.read_text(encoding="utf-8", errors="replace")) < 200, page


def test_balanced_nesting_of_many_tags_passes() -> None:
    """Many containers in sequence (a long list) are not deep: only open ones count."""
    text = "<div><span>a</span><b>b</b></div>\n" * 100_000
    check_depth(text)
    assert bounded_depth(text) < guard.MAX_DEPTH


_TOKEN = st.sampled_from(["<div>", "</div>", "<span class=x>", "</span>", "<B>", "</B>",
                          "<p>", "<li>", "<br>", "text ", "<img src=a>", "</p>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKEN, max_size=200))
def test_the_bound_is_never_below_the_true_depth(tokens: list[str]) -> None:
    """For text within one chunk the bound is at least the real nesting of containers."""
    depth = deepest = 0
    for token in tokens:
        if token.startswith("</") and token[2:4].lower() in ("di", "sp", "b>"):
            depth = max(0, depth - 1)
        elif token[1:3].lower() in ("di", "sp", "b>"):
            depth += 1
            deepest = max(deepest, depth)
    text = "".join(tokens)
    assert bounded_depth(text) >= deepest
    if deepest > 5:
        with pytest.raises(guard.TooDeep):
            check_depth(text, limit=5)


def _page(entries: int) -> str:
    """A hand-written list page with entries citations under one heading."""
    items = "".join(f'<li>A. Smith, B. Jones. <b>Paper number {i}</b>. <i>CVPR</i>, 2020.</li>'
                    for i in range(entries))
    return f"<html><body><h2>Publications</h2><ul>{items}</ul></body></html>"


def test_the_list_reading_stops_at_the_cap_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries past the cap are never read; the result warns that the rest was skipped."""
    monkeypatch.setattr(lists, "MAX_ENTRIES", 30)
    read: list[int] = []
    real = lists.entry_paper

    def counted(children: list) -> object:
        read.append(1)
        return real(children)

    monkeypatch.setattr(lists, "entry_paper", counted)
    result = lists.list_reading(_page(100), source="pubs.html")
    assert result is not None
    assert len(result.papers) == 30
    assert len(read) == 31  # one past the cap shows there is more
    assert any("more than 30 entries" in w.message for w in result.warnings)


def test_a_page_under_the_cap_reads_whole() -> None:
    """Below the cap every entry is a paper and nothing is said about a limit."""
    result = registry.get("html").parse(_page(40), source="pubs.html", today=TODAY)
    assert len(result.papers) == 40
    assert not any("more than" in w.message for w in result.warnings)
