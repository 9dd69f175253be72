"""The app's key actions: abstracts, sorting, tabs, opening, copying and annotating."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from store.models import Paper
from tui import browser, clipboard
from tui.citation import bibtex, citation_line
from tui.safe import clean
from tui.screens.help import HelpScreen
from tui.screens.note_dialog import NoteDialog, parse_tags, tags_dialog

if TYPE_CHECKING:
    from tui.app import PaperDeckApp

    _Base = PaperDeckApp
else:
    _Base = object


class ActionsMixin(_Base):
    """Key actions of PaperDeckApp (kept apart to keep app.py small)."""

    # -- helpers ------------------------------------------------------------------
    def current_paper(self) -> Paper | None:
        """The highlighted paper in full (from the loaded library, else from the store)."""
        pid = self.current_id
        if not pid:
            return None
        if self.papers is not None and pid in self.papers:
            return self.papers[pid]
        return self.store.get(pid)

    def highlighter(self) -> Any:
        """A spans(text) function highlighting the current query's matches."""
        from store import search

        query = self.query_text
        helper = getattr(self.index, "highlight", None) or getattr(search, "highlight", None)
        if helper is None:
            return None
        return lambda text: list(helper(text, query))

    def _need_paper(self) -> Paper | None:
        """The current paper, or a notice that there is none."""
        paper = self.current_paper()
        if paper is None:
            self.notify("No paper selected.", severity="warning")
        return paper

    # -- abstracts, sort, scope, tabs, focus ---------------------------------------
    def action_toggle_abstract(self) -> None:
        """Open or shut the highlighted paper's abstract."""
        if self.current_id:
            self.abstract_flipped ^= {self.current_id}
            self.refresh_viewer(keep_scroll=True)

    def action_toggle_all_abstracts(self) -> None:
        """Open or shut every abstract; remembered across runs."""
        self.abstracts_all = not self.abstracts_all
        self.abstract_flipped.clear()
        self.store.set_setting("tui.abstracts", self.abstracts_all)
        self.refresh_viewer(keep_scroll=True)
        self.notify("All abstracts shown." if self.abstracts_all else "All abstracts hidden.")

    def action_sort(self, key: str) -> None:
        """Sort by key; the same key again reverses."""
        if key == self.sort_key and key != "order":
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, False
        self.store.set_setting("tui.sort", [self.sort_key, self.sort_reverse])
        self.refresh_results()

    def action_toggle_scope(self) -> None:
        """Search within the current tab or within all papers."""
        self.scope_all = not self.scope_all
        self.refresh_results()

    def action_next_tab(self, step: int) -> None:
        """Go to the next (or previous) tab in nav order."""
        from tui.widgets.section_tabs import SectionTabs

        keys = [v.key for v in self.query_one(SectionTabs).views_in_order()]
        i = keys.index(self.view_key) if self.view_key in keys else 0
        self.show_view(keys[(i + step) % len(keys)])

    def action_focus_search(self) -> None:
        """Focus the search box."""
        from tui.widgets.search_bar import SearchBar

        self.query_one(SearchBar).focus()

    def action_focus_viewer(self) -> None:
        """Focus the viewer (or, from the viewer, the table)."""
        from tui.widgets.paper_table import PaperTable
        from tui.widgets.paper_viewer import PaperViewer

        viewer = self.query_one(PaperViewer)
        (self.query_one(PaperTable) if viewer.has_focus else viewer).focus()

    def action_toggle_full(self) -> None:
        """Show the viewer full screen, or back beside/under the table."""
        self.screen.toggle_class("viewer-full")

    def action_escape(self) -> None:
        """Leave full-screen viewer, clear the search, back to the table."""
        from tui.widgets.paper_table import PaperTable
        from tui.widgets.search_bar import SearchBar

        self.screen.remove_class("viewer-full")
        bar = self.query_one(SearchBar)
        if bar.value:
            bar.action_clear_search()
        self.query_one(PaperTable).focus()

    def action_help(self) -> None:
        """Show every key."""
        self.push_screen(HelpScreen())

    # -- opening and copying -------------------------------------------------------
    def action_open_link(self, n: int) -> None:
        """Open the primary link (n=0) or link n."""
        paper = self._need_paper()
        if paper is None:
            return
        if n == 0:
            url = paper.primary_url
        elif n <= len(paper.links):
            url = paper.links[n - 1].url
        else:
            self.notify(f"This paper has no link {n}.", severity="warning")
            return
        if not url:
            self.notify("This paper has no link.", severity="warning")
            return
        result = browser.open_link(url)
        if result.action == "refused":
            self.notify(f"Refused: {clean(url)[:80]!r} is not an http(s) link.",
                        severity="error", markup=False)
        elif result.action == "opened":
            self.notify(f"Opened {result.url}", markup=False)
        else:
            clipboard.copy(self, result.url)
            self.notify_link(result.message, result.url)

    def notify_link(self, message: str, url: str) -> None:
        """Say the URL was copied; the viewer lists it as a clickable OSC 8 hyperlink."""
        self.notify(f"{message}\n{clean(url)}", title="Link", timeout=8, markup=False)

    def _copied(self, what: str, value: str) -> None:
        """Copy value and confirm with a toast showing it."""
        copied = clipboard.copy(self, value)
        self.notify(f"Copied {what}: {clipboard.preview(copied)}", markup=False)

    def action_copy_bibtex(self) -> None:
        """Copy the paper's BibTeX."""
        paper = self._need_paper()
        if paper is not None:
            self._copied("BibTeX", bibtex(paper))

    def action_copy_url(self) -> None:
        """Copy the paper's primary URL."""
        paper = self._need_paper()
        if paper is None:
            return
        if not paper.primary_url:
            self.notify("This paper has no link.", severity="warning")
            return
        self._copied("URL", paper.primary_url)

    def action_copy_citation(self) -> None:
        """Copy a plain citation line."""
        paper = self._need_paper()
        if paper is not None:
            self._copied("citation", citation_line(paper))

    # -- annotating ----------------------------------------------------------------
    def _marked(self, paper_id: str, **changes: Any) -> None:
        """Write a mark to the annotations store and repaint."""
        from tui.widgets.paper_table import PaperTable

        ann = self.store.mark(paper_id, **changes)
        self.annotations[paper_id] = ann
        if self.index is not None:
            self.index.update_annotation(paper_id, ann)
        self.query_one(PaperTable).refresh()
        self.refresh_viewer(keep_scroll=True)

    def _flip(self, flag: str, on: str, off: str) -> None:
        """Flip one boolean mark (read, starred) of the current paper and say so."""
        pid = self.current_id
        if pid:
            value = not getattr(self.store.annotation(pid), flag)
            self._marked(pid, **{flag: value})
            self.notify(on if value else off)

    def action_toggle_read(self) -> None:
        """Mark read / unread."""
        self._flip("read", "Marked read.", "Marked unread.")

    def action_toggle_star(self) -> None:
        """Star / unstar."""
        self._flip("starred", "Starred.", "Unstarred.")

    def _edit_mark(
        self, field: str, dialog: Callable[[str, Any], Any], parse: Callable[[str], Any]
    ) -> None:
        """Edit one mark of the current paper in a dialog; saved when the dialog is."""
        paper = self._need_paper()
        if paper is None:
            return
        pid = paper.id

        def done(value: str | None) -> None:
            if value is not None:
                self._marked(pid, **{field: parse(value)})

        current = getattr(self.store.annotation(pid), field)
        self.push_screen(dialog(paper.display_title, current), done)

    def action_edit_tags(self) -> None:
        """Edit tags in a dialog."""
        self._edit_mark("tags", tags_dialog, parse_tags)

    def action_edit_note(self) -> None:
        """Edit the note in a dialog."""
        self._edit_mark("note", NoteDialog, str.strip)
