"""The New tab's rows: plain text whatever the data, kept per item and star."""

from __future__ import annotations

from store.daily.inbox import InboxItem
from store.models import Paper
from tui.widgets.inbox_rows import SEP, Fit, Prompts, item_text


def item(title: str = "A Title", **kw: object) -> InboxItem:
    """An inbox item of a small paper."""
    paper = Paper(id="p1", title=title, authors=["Ann Lee"], category="cs.CV",
                  arxiv_id="2611.00001")
    return InboxItem(paper=paper, day="2026-11-27", kind="new", **kw)  # type: ignore[arg-type]


def test_row_text_is_data_not_markup() -> None:
    """Markup-like titles stay literal; escapes are stripped; fields are set apart."""
    row = item("[b]Bold[/b] \x1b[31mred\x1b[0m [link=https://x]y[/link]",
               reasons=["author: Ann Lee"], cross_list=True)
    text = str(item_text(row, starred=True))
    assert "[b]Bold[/b]" in text and "[link=https://x]y[/link]" in text and "\x1b" not in text
    assert f"{SEP}cs.CV{SEP}[cross-list]" in text
    assert text.endswith("\n    author: Ann Lee") and text.startswith("★ * ")


def test_prompts_are_kept_per_item_and_star() -> None:
    """The same item and star give the same prompt; a star or a re-read item a new one."""
    one = item()
    prompts = Prompts()
    prompts.adopt(Prompts.build([one], lambda pid: False, Fit(40, {})))
    assert prompts.has(one) and prompts.get(one, False) is prompts.get(one, False)
    plain = prompts.get(one, False)
    assert prompts.get(one, True) is not plain and str(prompts.get(one, True)).startswith("  * ")
    again = item()  # the same paper after a re-read: a new item
    assert not prompts.has(again) and prompts.get(again, True) is not plain
