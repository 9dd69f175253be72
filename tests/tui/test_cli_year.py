"""The viewer shows a paper's year once (issue 8, item 7): `…(ACCV)  2024`, not `… 2024  2024`."""

from __future__ import annotations

from store.models import Paper


def test_viewer_venue_line_has_the_year_once() -> None:
    """The venue line of the viewer's text names 2024 once."""
    from tui.widgets.paper_viewer import render_paper

    paper = Paper(id="p1", title="Burst Denoising", authors=["Ann Lee"], year=2024,
                  venue="Asian Conference on Computer Vision (ACCV) 2024",
                  venue_short="ACCV 2024")
    text = render_paper(paper, None, None, abstract_open=False).plain
    (line,) = [ln for ln in text.splitlines() if "ACCV" in ln]
    assert line.count("2024") == 1 and line.startswith(
        "Asian Conference on Computer Vision (ACCV)")
