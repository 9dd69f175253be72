"""Long link URLs in the viewer fold at their separators, not mid-word (render and Pilot)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult

from store.models import Link, Paper
from tui.url_fold import fold_urls, url_pieces
from tui.widgets.paper_viewer import PaperViewer, render_paper

URL = ("https://github.com/some-organisation/a-very-long-repository-name-for-testing/"
       "tree/main/src/models?tab=readme-ov-file#getting-started")
WORD = "a-very-long-repository-name-for-testing"
PAPER = Paper(id="p1", title="Learning to Grasp", authors=["Ada Li"], year=2023,
              links=[Link("Code", URL), Link("Paper", "https://arxiv.org/abs/2301.00001")])


def _url_lines(plain: str) -> list[str]:
    """The indented lines that hold pieces of URL, without their indent."""
    return [line.strip() for line in plain.splitlines()
            if line.startswith("    ") and line.strip() and line.strip() in URL]


def test_pieces_end_at_path_or_query_boundaries() -> None:
    """Each piece but the last ends at `/`, `?`, `&` or `#`; together they are the URL."""
    pieces = url_pieces(URL, 60)
    assert "".join(pieces) == URL and all(len(p) <= 60 for p in pieces)
    assert all(p[-1] in "/?&#" for p in pieces[:-1])
    assert any(WORD in p for p in pieces)
    assert url_pieces("x" * 50, 20) == ["x" * 20, "x" * 20, "x" * 10]  # no separator: cut


def test_render_at_80_columns_folds_only_the_long_url() -> None:
    """At 76 cells (an 80-column viewer) no line is wider; each piece keeps the full link."""
    text = render_paper(PAPER, None, None, abstract_open=False)
    folded = fold_urls(text, 76)
    lines = folded.plain.splitlines()
    assert max(len(line) for line in lines) <= 76
    assert "".join(_url_lines(folded.plain)) == URL
    assert any(WORD in line for line in lines)
    assert "[2] Paper  https://arxiv.org/abs/2301.00001" in lines  # short: as it was
    links = {s.style.link for s in folded.spans if isinstance(s.style, Style) and s.style.link}
    assert URL in links
    pieces = [folded.plain[s.start:s.end] for s in folded.spans
              if isinstance(s.style, Style) and s.style.link == URL]
    assert len(pieces) >= 2 and "".join(pieces) == URL
    assert fold_urls(text, 200) is text


def test_fold_keeps_text_around_the_link() -> None:
    """Text before and after a long link stays, on its own lines."""
    line = Text("see ", end="")
    line.append(URL, style=Style(link=URL))
    line.append(" (code)")
    plain = fold_urls(line, 40).plain
    assert plain.startswith("see\n    https://") and plain.endswith("getting-started (code)")


class ViewerApp(App[None]):
    """Just the viewer, showing one paper."""

    def compose(self) -> ComposeResult:
        """The viewer alone."""
        yield PaperViewer(id="viewer")

    def on_mount(self) -> None:
        """Show the paper."""
        self.query_one(PaperViewer).show(render_paper(PAPER, None, None, abstract_open=False))


async def test_viewer_at_80_columns_and_after_a_resize() -> None:
    """The widget folds for the width it has, and again when the terminal narrows."""
    app = ViewerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.query_one("#viewer-body")
        shown = str(body.render())
        assert max(len(line) for line in shown.splitlines()) <= body.size.width
        assert any(WORD in line for line in shown.splitlines())
        assert "".join(_url_lines(shown)) == URL
        await pilot.resize_terminal(44, 24)
        await pilot.pause()
        narrow = str(body.render())
        assert body.size.width <= 44
        assert max(len(line) for line in narrow.splitlines()) <= body.size.width
        assert "".join(_url_lines(narrow)) == URL
