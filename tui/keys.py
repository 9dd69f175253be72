"""The browser's key bindings: one list, checked against the help screen by a test.

The Footer shows the first entries; `?` and `q` come right after `/` so that they stay
visible at 80 columns. Every key is on the help screen (`?`).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BROWSER_BINDINGS: list[BindingType] = [
    Binding("slash", "focus_search", "Search"),
    Binding("question_mark", "help", "Help"),
    Binding("q", "app.quit", "Quit"),
    Binding("escape", "escape", "Clear", show=False),
    Binding("a,enter,space", "toggle_abstract", "Abstract"),
    Binding("o", "do('open_link', 0)", "Open"),
    Binding("y", "do('copy_bibtex')", "BibTeX"),
    Binding("r", "do('toggle_read')", "Read"),
    Binding("s", "do('toggle_star')", "Star"),
    Binding("right_square_bracket", "next_tab(1)", "Next tab"),
    Binding("left_square_bracket", "next_tab(-1)", "Prev tab", show=False),
    Binding("A", "toggle_all_abstracts", "All abs."),
    Binding("1", "do('open_link', 1)", "Link n", key_display="1-9", show=False),
    *[Binding(str(n), f"do('open_link', {n})", f"Link {n}", show=False) for n in range(2, 10)],
    Binding("Y", "do('copy_url')", "URL", show=False),
    Binding("c", "do('copy_reference')", "Cite"),
    Binding("C", "do('cycle_style')", "Style", show=False),
    Binding("L", "do('cite_latex')", "\\cite", show=False),
    Binding("P", "do('cite_pandoc')", "[@key]", show=False),
    Binding("t", "do('edit_tags')", "Tags"),
    Binding("n", "do('edit_note')", "Note"),
    Binding("d", "sort('year')", "Year↕", show=False),
    Binding("T", "sort('title')", "Title↕", show=False),
    Binding("V", "sort('venue')", "Venue↕", show=False),
    Binding("O", "sort('order')", "Nav order", show=False),
    Binding("w", "toggle_scope", "Scope", show=False),
    Binding("v", "focus_viewer", "Viewer", show=False),
    Binding("f", "toggle_full", "Full"),
    Binding("e", "do('edit_record')", "Edit"),
    Binding("N", "do('edit_note_external')", "Note $EDITOR", show=False),
    Binding("X,delete", "do('remove_paper')", "Remove", show=False),
    Binding("u", "do('undo')", "Undo"),
]
