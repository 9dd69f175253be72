"""Two rows of tabs: collections (site topics, profiles, listings) and their pages."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Tab, Tabs

from tui.safe import clean
from tui.views import Group, View

SINGLE_HINT = Text("one page  ·  ] / [ next / previous tab", end="")


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
    SectionTabs Tab { color: $foreground-muted; }
    SectionTabs #group-tabs Tab.-active { text-style: bold; color: $background;
        background: $primary; }
    SectionTabs .page-tabs Tab.-active { text-style: bold underline; color: $text;
        background: $accent 40%; }
    SectionTabs .page-tabs.single Tab, SectionTabs .page-tabs.single Tab.-active {
        color: $foreground-muted; text-style: italic; background: transparent; }
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
        self._echoes: Counter[str] = Counter()  # tab ids we activated: their messages are ours

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
            single = len(group.views) == 1
            labels = [SINGLE_HINT] if single else [_label(v) for v in group.views]
            tabs = Tabs(
                *[Tab(label, id=f"v{i}_{j}") for j, label in enumerate(labels)],
                active=f"v{i}_{v_cur if i == g_cur else 0}",
                id=f"page-tabs-{i}",
                classes="page-tabs single" if single else "page-tabs",
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
        self._activate(self.query_one("#group-tabs", Tabs), f"g{g}")
        for i, _ in enumerate(self.groups):
            row = self.query_one(f"#page-tabs-{i}", Tabs)
            row.display = i == g
            if i == g:
                self._activate(row, f"v{g}_{v}")

    def _activate(self, tabs: Tabs, tab_id: str) -> None:
        """Activate a tab ourselves, remembering that its TabActivated is an echo."""
        if tabs.active != tab_id:
            self._echoes[tab_id] += 1
            tabs.active = tab_id

    def _is_echo(self, tab_id: str) -> bool:
        """Whether a TabActivated for tab_id comes from select(), not from the user."""
        if self._echoes[tab_id] > 0:
            self._echoes[tab_id] -= 1
            return True
        return False

    @on(Tabs.TabActivated, "#group-tabs")
    def _group_activated(self, event: Tabs.TabActivated) -> None:
        """A collection tab was picked: go to its last-used (or first) page."""
        event.stop()
        if self._is_echo(event.tab.id or ""):
            return
        g = int((event.tab.id or "g0")[1:])
        if self._view_index.get(self.current, (-1, 0))[0] == g or not self.groups[g].views:
            return
        self.post_message(self.ViewSelected(self._group_last.get(g, self.groups[g].views[0].key)))

    @on(Tabs.TabActivated, ".page-tabs")
    def _page_activated(self, event: Tabs.TabActivated) -> None:
        """A page tab was picked."""
        event.stop()
        if self._is_echo(event.tab.id or ""):
            return
        g, _, v = (event.tab.id or "v0_0")[1:].partition("_")
        if int(g) != self._view_index.get(self.current, (0, 0))[0]:
            return  # a hidden row settling on mount, not the user
        key = self.groups[int(g)].views[int(v)].key
        if key != self.current:
            self.post_message(self.ViewSelected(key))
