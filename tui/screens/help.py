"""The help screen: every key, grouped, in one scrollable table."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Moving", (
        ("j / k / ↓ / ↑", "next / previous paper"),
        ("PgDn / PgUp", "next / previous page"),
        ("g / Home, G / End", "first / last paper"),
        ("] / [", "next / previous tab (nav order)"),
        ("tab / shift+tab", "move focus"),
        ("v", "focus the viewer (again: back to the table)"),
        ("f", "viewer full screen on / off"),
    )),
    ("Searching", (
        ("/", "focus the search box; results narrow as you type"),
        ("Esc", "clear the search, back to the table"),
        ("↑ / ↓ (in search)", "recall earlier searches"),
        ("w", "search scope: current tab / all papers"),
        ("query", 'words  "phrase"  -word  author: title: venue: year:2019..2022'),
        ("", "cat:CV  tag:x  is:read|unread|starred  has:code|abstract|arxiv"),
    )),
    ("Sorting", (
        ("d / T / V", "sort by year / title / venue (again: reverse)"),
        ("O", "library (nav) order"),
        ("click a header", "sort by that column (Authors: by first author)"),
        ("↓ / ↑", "values fall / rise down the table (year ↓: newest first)"),
    )),
    ("The flag column", (
        ("C", "the paper has code"),
        ("✓", "you marked it read (r)"),
        ("*", "you starred it (s)"),
        ("✎", "it has your note or tags (n, t)"),
        ("·", "not set"),
    )),
    ("Reading", (
        ("a / Enter / Space", "show / hide this paper's abstract"),
        ("A", "show / hide all abstracts (remembered)"),
        ("o", "open the primary link"),
        ("1 … 9", "open link n"),
    )),
    ("Copying and marking", (
        ("y", "copy BibTeX"),
        ("Y", "copy the URL"),
        ("c", "copy a reference in your citation style"),
        ("C", "next citation style (apa, ieee, acm, chicago, nature)"),
        ("L / P", "copy \\cite{key} / [@key] (Pandoc, Markdown)"),
        ("r", "mark read / unread"),
        ("s", "star / unstar"),
        ("t", "edit tags"),
        ("n", "edit the note"),
    )),
    ("New tab", (
        ("★ yellow", "a watched author or keyword brought it (when you `paperdeck follow`)"),
        ("s / r / d", "star (stays) / mark read / skip (seen, not read)"),
        ("x", "hide / show cross-lists and replacements"),
        ("M", "mark all seen: the tab is empty until the next update"),
        ("j / k, Enter", "move; open / shut the abstract in the viewer"),
    )),
    ("Editing", (
        ("e", "edit the record as YAML in $EDITOR (your fields win)"),
        ("N", "edit the note as Markdown in $EDITOR"),
        ("X / Delete", "remove the paper (asks first)"),
        ("u", "undo the last change (library, marks, edits)"),
    )),
    ("App", (
        ("ctrl+p", "command palette: import, export, rename a collection, remove a tab's "
                   "source, theme, screenshot"),
        ("?", "this help"),
        ("q", "quit"),
    )),
)


def help_table() -> Table:
    """A rich Table of every key."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for heading, keys in KEYS:
        table.add_row(Text(heading, style="bold underline"), "")
        for key, what in keys:
            table.add_row(Text(key), Text(what))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 86; max-width: 100%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        """The key table in a scrollable box."""
        with VerticalScroll() as scroll:
            scroll.border_title = "paperdeck keys (Esc closes)"
            yield Static(help_table())
