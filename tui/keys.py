"""The app's key bindings: one list, shown in the Footer and on the help screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("slash", "focus_search", "Search"),
    Binding("escape", "escape", "Clear"),
    Binding("a,enter,space", "toggle_abstract", "Abstract"),
    Binding("A", "toggle_all_abstracts", "All abs."),
    Binding("o", "open_link(0)", "Open"),
    Binding("1", "open_link(1)", "Link n", key_display="1-9"),
    *[Binding(str(n), f"open_link({n})", f"Link {n}", show=False) for n in range(2, 10)],
    Binding("y", "copy_bibtex", "BibTeX"),
    Binding("Y", "copy_url", "URL"),
    Binding("c", "copy_citation", "Cite"),
    Binding("r", "toggle_read", "Read"),
    Binding("s", "toggle_star", "Star"),
    Binding("t", "edit_tags", "Tags"),
    Binding("n", "edit_note", "Note"),
    Binding("d", "sort('year')", "Year↕"),
    Binding("T", "sort('title')", "Title↕"),
    Binding("V", "sort('venue')", "Venue↕"),
    Binding("O", "sort('order')", "Nav order"),
    Binding("w", "toggle_scope", "Scope"),
    Binding("right_square_bracket", "next_tab(1)", "Next tab"),
    Binding("left_square_bracket", "next_tab(-1)", "Prev tab"),
    Binding("v", "focus_viewer", "Viewer"),
    Binding("f", "toggle_full", "Full"),
    Binding("question_mark", "help", "Help"),
    Binding("q", "quit", "Quit"),
]
