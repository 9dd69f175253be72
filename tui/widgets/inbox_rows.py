"""The New tab's rows as Textual Content: built and sized off the main thread, then kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from textual.content import Content

from store.daily.inbox import InboxItem
from store.text import clean_inline

WATCHED_STYLE = "bold ansi_yellow"
TAG_STYLE = "italic ansi_magenta"
SEP = " · "
INDENT = "    "  # under the title, past the watched and starred marks
Row = tuple[InboxItem, bool, Content]  # a row: its item, the star it shows, its prompt


def item_text(item: InboxItem, starred: bool) -> Content:
    """One row (imported strings are plain text, never markup): the title line with its
    fields apart (" · ", so a wrapped row never runs them together), why on its own line."""
    paper = item.paper
    parts: list[tuple[str, str]] = [
        ("★ " if item.watched else "  ", WATCHED_STYLE), ("* " if starred else "  ", "bold"),
        (clean_inline(paper.display_title), WATCHED_STYLE if item.watched else ""),
        (f" — {clean_inline(paper.first_author)}", "ansi_green"),
    ]
    fields = [(clean_inline(paper.category), "dim"),
              ("[cross-list]" if item.cross_list else "", TAG_STYLE),
              ("[replaced]" if item.kind == "replaced" else "", TAG_STYLE)]
    for text, style in fields:
        if text:
            parts += [(SEP, "dim"), (text, style)]
    if item.reasons:
        parts += [("\n" + INDENT, ""), (clean_inline("; ".join(item.reasons)), "ansi_yellow")]
    return Content.assemble(*parts)


@dataclass(slots=True)
class Fit:
    """The list's text width and wrap rules as last laid out (width 0: not laid out yet)."""

    width: int = 0
    rules: dict[str, object] = field(default_factory=dict)


class Prompts:
    """Row prompts by paper id, each kept for its very item (a re-read makes new items) while
    the star it shows is unchanged."""

    def __init__(self) -> None:
        """An empty cache."""
        self._cache: dict[str, Row] = {}

    @staticmethod
    def build(items: Iterable[InboxItem], starred: Callable[[str], bool],
              fit: Fit) -> dict[str, Row]:
        """Prompts of items with their heights worked out (no widget touched: worker-safe)."""
        out: dict[str, Row] = {}
        width, rules = fit.width, dict(fit.rules)
        for item in items:
            star = starred(item.paper.id)
            content = item_text(item, star)
            if width > 0:
                content.get_height(rules, width)  # cached inside the Content for the list
            out[item.paper.id] = (item, star, content)
        return out

    def adopt(self, built: Mapping[str, Row]) -> None:
        """Use prompts built elsewhere (in a worker)."""
        self._cache = dict(built)

    def update(self, built: Mapping[str, Row]) -> None:
        """Add prompts built elsewhere (the rest of a big day)."""
        self._cache.update(built)

    def has(self, item: InboxItem) -> bool:
        """True when the item's prompt is made (whatever star it shows)."""
        held = self._cache.get(item.paper.id)
        return held is not None and held[0] is item

    def get(self, item: InboxItem, starred: bool) -> Content:
        """The item's prompt (made now when missing or showing another star)."""
        held: Row | None = self._cache.get(item.paper.id)
        if held is None or held[0] is not item or held[1] != starred:
            held = (item, starred, item_text(item, starred))
            self._cache[item.paper.id] = held
        return held[2]
