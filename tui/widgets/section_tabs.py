"""Two rows of tabs: collections (site topics, profiles, listings) and their pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Tab, Tabs

from tui.safe import clean


@dataclass(slots=True)
class View:
    """One page tab: a section, or the "All papers" view."""

    key: str
    label: str
    imported: bool = True
    page: str = ""


@dataclass(slots=True)
class Group:
    """One collection tab and its page tabs, in nav order."""

    key: str
    label: str
    views: list[View] = field(default_factory=list)


def _label(view: View) -> Text:
    """A tab label: the nav label, marked when the page was not imported."""
    text = Text(clean(view.label) or "?", end="")
    if not view.imported:
        text.stylize("dim italic")
        text.append(" ∅", style="dim")
    return text


class SectionTabs(Vertical):
    """The collection switcher row above the page tab row of the active collection."""

    DEFAULT_CSS = """
    SectionTabs { height: auto; }
    SectionTabs Tabs { height: 1; }
    SectionTabs Tabs .underline--bar { display: none; }
    SectionTabs #group-tabs Tab.-active { text-style: bold reverse; }
    """

    class ViewSelected(Message):
        """The user picked a page tab (or a collection, which picks its page)."""

        def __init__(self, key: str) -> None:
            """Carry the view key."""
            super().__init__()
            self.key = key

    def __init__(self, groups: list[Group], current: str, *, id: str | None = None) -> None:
        """Tabs for groups, with the view keyed current active."""
        super().__init__(id=id)
        self.groups = groups
        self.current = current
        self._view_index: dict[str, tuple[int, int]] = {}
        for g, group in enumerate(groups):
            for v, view in enumerate(group.views):
                self._view_index[view.key] = (g, v)
        self._group_last: dict[int, str] = {}

    def views_in_order(self) -> list[View]:
        """Every view, in nav order across collections."""
        return [view for group in self.groups for view in group.views]

    def view(self, key: str) -> View | None:
        """The view with this key."""
        where = self._view_index.get(key)
        return None if where is None else self.groups[where[0]].views[where[1]]

    def compose(self) -> ComposeResult:
        """The group row and one page row per group (only the active one shown)."""
        g_cur, v_cur = self._view_index.get(self.current, (0, 0))
        yield Tabs(
            *[Tab(Text(clean(g.label), end=""), id=f"g{i}") for i, g in enumerate(self.groups)],
            active=f"g{g_cur}",
            id="group-tabs",
        )
        for i, group in enumerate(self.groups):
            tabs = Tabs(
                *[Tab(_label(v), id=f"v{i}_{j}") for j, v in enumerate(group.views)],
                active=f"v{i}_{v_cur if i == g_cur else 0}",
                id=f"page-tabs-{i}",
                classes="page-tabs",
            )
            tabs.display = i == g_cur
            yield tabs

    def select(self, key: str) -> None:
        """Make the view keyed key active (no message is sent for it)."""
        if key not in self._view_index:
            return
        self.current = key
        g, v = self._view_index[key]
        self._group_last[g] = key
        self.query_one("#group-tabs", Tabs).active = f"g{g}"
        for i, _ in enumerate(self.groups):
            row = self.query_one(f"#page-tabs-{i}", Tabs)
            row.display = i == g
            if i == g:
                row.active = f"v{g}_{v}"

    @on(Tabs.TabActivated, "#group-tabs")
    def _group_activated(self, event: Tabs.TabActivated) -> None:
        """A collection tab was picked: go to its last-used (or first) page."""
        event.stop()
        g = int((event.tab.id or "g0")[1:])
        if self._view_index.get(self.current, (-1, 0))[0] == g or not self.groups[g].views:
            return
        self.post_message(self.ViewSelected(self._group_last.get(g, self.groups[g].views[0].key)))

    @on(Tabs.TabActivated, ".page-tabs")
    def _page_activated(self, event: Tabs.TabActivated) -> None:
        """A page tab was picked."""
        event.stop()
        g, _, v = (event.tab.id or "v0_0")[1:].partition("_")
        if int(g) != self._view_index.get(self.current, (0, 0))[0]:
            return  # a hidden row settling on mount, not the user
        key = self.groups[int(g)].views[int(v)].key
        if key != self.current:
            self.post_message(self.ViewSelected(key))
