"""Texts of the browser screen: the status line, empty states, a page that was not imported."""

from __future__ import annotations

from rich.text import Text

from tui.paging import PagedResults
from tui.results import ALL
from tui.safe import clean
from tui.state import BrowserState
from tui.views import View


def status_text(state: BrowserState, results: PagedResults) -> Text:
    """The status line: tab, exact match count, scope, sort, indexing, notes, query problems."""
    view = state.view(state.view_key)
    label = "All papers" if state.scope_all or state.view_key == ALL else (
        clean(view.label) if view else state.view_key)
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f" {label}", style="bold")
    if not state.ready:
        done, total = state.progress or (0, 0)
        text.append("  Indexing the library", style="bold")
        text.append(f" {done:,} / {total:,}" if total else "…", style="bold")
        text.append(" · results when it is ready", style="dim")
    elif state.query.strip():
        shown = 0 if results.fuzzy else results.total
        text.append(f"  {shown} of {state.tab_size()} match", style="bold")
        if results.fuzzy:
            text.append(f" · {results.total} close matches (typos allowed)", style="yellow")
    else:
        text.append(f"  {results.total} papers")
    text.append(f"  · scope: {'all papers' if state.scope_all else 'this tab'} (w)")
    text.append(f"  · sort: {state.sort_label()}")
    if state.status_note:
        text.append(f"  · {clean(state.status_note)}", style="yellow")
    for err in results.errors[:2]:
        text.append(f"  · {clean(err)}", style="yellow")
    return text


def empty_lines(state: BrowserState, results: PagedResults) -> list[Text]:
    """What an empty table says, so that the user knows what to do next."""
    if not state.ready:
        return [Text("Building the search index…", style="bold"), Text(""),
                Text("Type a search meanwhile: it is answered, exactly, once the index is ready.")]
    if results:
        return []
    if not state.library_size():
        return [
            Text("Your library is empty.", style="bold"),
            Text(""),
            Text("Import your listings: ctrl+p → Import a path… (a site's _pages directory,"),
            Text("a profile or arXiv listing text file, a .bib file), or in a shell:"),
            Text("  paperdeck import PATH", style="bold"),
            Text("  paperdeck demo          (a throwaway demo library)", style="bold"),
        ]
    if state.query.strip():
        where = "the library" if state.scope_all or state.view_key == ALL else "this tab"
        lines = [
            Text.assemble("No paper in ", where, " matches ", (clean(state.query), "bold"), "."),
            Text(""),
            Text("To widen the search:"),
        ]
        if not state.scope_all and state.view_key != ALL:
            lines.append(Text("  w      search all papers, not just this tab"))
        lines += [
            Text("  remove a word or a qualifier (author: year: venue: tag: is: has:)"),
            Text("  Esc    clear the search"),
        ]
        lines += [Text(f"  query problem: {clean(e)}", style="yellow") for e in results.errors]
        return lines
    return [Text("No papers on this tab.", style="bold"),
            Text("] / [ go to the next / previous tab.")]


def missing_page_text(view: View) -> Text:
    """A page tab whose page was not imported: which page, and how to import it."""
    page = view.page or view.key
    return Text.assemble(
        ("This page was not imported.\n\n", "bold"),
        "The site's nav lists ", (clean(view.label), "italic"), ", but its page ",
        (clean(page), "bold"), " is not in the library.\n\nImport it with\n  ",
        (f"paperdeck import <site>/_pages/{clean(page).strip('/').split('/')[0]}/", "bold"),
        "\nor ctrl+p → Import a path.",
    )
