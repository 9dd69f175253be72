"""Command-palette entries: the key actions plus import, theme switching and export."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.rename_dialog import rename_current_collection

if TYPE_CHECKING:
    from tui.app import PaperDeckApp

ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Import a path…", "do('import_prompt')",
     "Import a file or a site directory into the library"),
    ("Import arXiv id…", "do('import_arxiv_prompt')",
     "Fetch papers by arXiv id from the arXiv API"),
    ("Export current results…", "do('export_prompt', 'paperdeck-export.json')",
     "Write the shown papers (.json, .md or .bib)"),
    ("Export results as BibTeX…", "do('export_prompt', 'paperdeck-export.bib')",
     "Write the shown papers to a .bib file"),
    ("Toggle abstract", "toggle_abstract", "a / Enter / Space"),
    ("Toggle all abstracts", "toggle_all_abstracts", "A"),
    ("Open primary link", "do('open_link', 0)", "o"),
    ("Copy BibTeX", "do('copy_bibtex')", "y"),
    ("Copy URL", "do('copy_url')", "Y"),
    ("Copy formatted reference", "do('copy_reference')", "c (in your citation style)"),
    ("Next citation style", "do('cycle_style')", "C: apa, ieee, acm, chicago, nature"),
    ("Copy \\cite{key}", "do('cite_latex')", "L"),
    ("Copy [@key]", "do('cite_pandoc')", "P (Pandoc / Markdown)"),
    ("Copy plain citation line", "do('copy_citation')", "one line: authors (year). title. venue"),
    ("Mark read / unread", "do('toggle_read')", "r"),
    ("Star / unstar", "do('toggle_star')", "s"),
    ("Edit tags", "do('edit_tags')", "t"),
    ("Edit note", "do('edit_note')", "n"),
    ("Edit record in $EDITOR", "do('edit_record')", "e (YAML; your fields win over re-imports)"),
    ("Edit note in $EDITOR", "do('edit_note_external')", "N (Markdown)"),
    ("Remove paper…", "do('remove_paper')", "X / Delete (asks first; u undoes)"),
    ("Remove this tab's source…", "do('remove_source')",
     "the .bib, site or listing it came from; papers listed elsewhere stay (asks first)"),
    ("Undo last change", "do('undo')", "u (library, marks, edits)"),
    ("Sort by year", "sort('year')", "d"),
    ("Sort by title", "sort('title')", "T"),
    ("Sort by venue", "sort('venue')", "V"),
    ("Sort by first author", "sort('authors')", "click the Authors header"),
    ("Library order", "sort('order')", "O"),
    ("Toggle search scope", "toggle_scope", "w: current tab / all papers"),
    ("Next tab", "next_tab(1)", "]"),
    ("Previous tab", "next_tab(-1)", "["),
    ("Focus the viewer", "focus_viewer", "v"),
    ("Help: every key", "help", "?"),
    ("Quit", "app.quit", "q"),
)


class PaperDeckCommands(Provider):
    """paperdeck's actions, and one "Theme: name" entry per theme."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(name, callback, help) of every command."""
        app = cast("PaperDeckApp", self.app)
        out: list[tuple[str, Callable[[], object], str]] = [
            (name, partial(app.run_action, action, app.browser), help_text)
            for name, action, help_text in ACTIONS
        ]
        out.append(("Rename this collection…", partial(rename_current_collection, app),
                    "Give the current tab's collection your own name (paperdeck rename)"))
        for theme in sorted(app.available_themes):
            out.append((f"Theme: {theme}", partial(setattr, app, "theme", theme),
                        "Switch theme (remembered)"))
        return out

    async def discover(self) -> Hits:
        """Every command, for an empty palette."""
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands fuzzily matching query."""
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
