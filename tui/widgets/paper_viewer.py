"""The paper viewer: every field of the highlighted paper, with its abstract toggled."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.models import Annotation, Paper, Row
from store.venue_year import venue_without_year
from tui.safe import clean, clean_multiline, safe_url
from tui.url_fold import fold_urls

Spans = Callable[[str], list[tuple[int, int]]]


def _highlighted(value: str, spans: Spans | None, style: str = "") -> Text:
    """Text of an already-cleaned value with the query's matches highlighted."""
    text = Text(value, style=style, end="")
    if spans is not None and value:
        for start, end in spans(value):
            if 0 <= start < end <= len(value):
                text.stylize("bold reverse", start, end)
    return text


def _append_abstract(out: Text, paper: Paper, abstract_open: bool, spans: Spans | None) -> None:
    """The abstract, open or as a one-line toggle, right under the venue like the site's."""
    if not paper.abstract:
        out.append("(no abstract)\n", style="dim")
    elif abstract_open:
        out.append("▾ Abstract", style="bold underline")
        out.append("  (a hides)\n", style="dim")
        out.append_text(_highlighted(clean_multiline(paper.abstract), spans))
        out.append("\n")
    else:
        out.append("▸ Abstract", style="bold underline")
        out.append("  (a, Enter or Space shows it)\n", style="dim")


def render_paper(
    paper: Paper | None,
    row: Row | None,
    annotation: Annotation | None,
    *,
    abstract_open: bool,
    spans: Spans | None = None,
    section_labels: dict[str, str] | None = None,
) -> Text:
    """The viewer's text for a paper (or, while the library loads, for its row)."""
    out = Text(end="")
    if paper is None and row is None:
        out.append("No paper selected.", style="dim")
        return out
    labels = section_labels or {}
    title = clean(paper.display_title if paper else row.title if row else "")
    out.append_text(_highlighted(title, spans, "bold"))
    out.append("\n")
    if paper is None:
        assert row is not None
        out.append_text(_highlighted(clean(row.first_author), spans, "italic"))
        out.append(f"\n{clean(row.venue_short)} {row.year or ''}\n\n", style="dim")
        out.append("Loading the full record…", style="dim")
        return out
    authors = ", ".join(clean(a) + clean(paper.author_marks.get(a, "")) for a in paper.authors)
    if paper.authors_truncated:
        authors += " et al."
    out.append_text(_highlighted(authors, spans, "italic"))
    out.append("\n")
    for note in paper.author_notes:
        out.append(clean(note) + "\n", style="dim")
    venue = clean(venue_without_year(paper.venue or paper.venue_short, paper.year))
    if venue:
        out.append_text(_highlighted(venue, spans))
        out.append("  ")
    if paper.year:
        out.append(str(paper.year), style="bold")
    if paper.category:
        out.append(f"  [{clean(paper.category)}]", style="dim")
    out.append("\n")
    if paper.badges:
        out.append("  ".join(f"⟨{clean(b)}⟩" for b in paper.badges) + "\n", style="yellow")
    if paper.arxiv_id or paper.doi:
        ids = [f"arXiv:{clean(paper.arxiv_id)}"] if paper.arxiv_id else []
        ids += [f"doi:{clean(paper.doi)}"] if paper.doi else []
        out.append("  ".join(ids) + "\n", style="dim")
    _append_abstract(out, paper, abstract_open, spans)
    if paper.links:
        out.append("\n")
        for n, link in enumerate(paper.links, 1):
            good = safe_url(link.url)
            out.append(f"[{n}] " if n <= 9 else "    ", style="bold")
            out.append(clean(link.label) or "Link", style="underline" if good else "strike")
            out.append("  ")
            if good:
                out.append(good, style=Style(dim=True, link=good))
            else:
                out.append(clean(link.url) + "  (not http: will not open)", style="dim")
            out.append("\n")
    if paper.comments:
        out.append("\nComments: ", style="bold")
        out.append_text(_highlighted(clean(paper.comments), spans))
        out.append("\n")
    related = paper.extra.get("related", "").split()
    if related:
        out.append("\nOther versions: ", style="bold")
        out.append(", ".join(clean(pid) for pid in related) + "  (open with their id)\n",
                   style="dim")
    sources = [labels.get(ref.section, clean(ref.label)) for ref in paper.sections]
    if sources:
        out.append("\nIn: ", style="bold")
        out.append("; ".join(s for s in sources if s) + "\n", style="dim")
    files = sorted({clean(p.source) for p in paper.provenance if p.source})
    if files:
        out.append("From: ", style="bold")
        out.append("; ".join(files) + "\n", style="dim")
    if annotation and (annotation.tags or annotation.note or annotation.read or annotation.starred):
        marks = [m for m, on in (("read", annotation.read), ("starred", annotation.starred)) if on]
        out.append("\nYou: ", style="bold")
        out.append(", ".join(marks) + ("  " if marks else ""))
        if annotation.tags:
            out.append("tags: " + ", ".join(clean(t) for t in annotation.tags), style="green")
        if annotation.note:
            out.append("\nNote: ", style="bold")
            out.append(clean_multiline(annotation.note))
        out.append("\n")
    return out


class PaperBody(Static):
    """The viewer's text, its long link URLs folded at separators for the width it has."""

    def __init__(self, content: Text, *, id: str | None = None) -> None:  # noqa: A002
        """Start with content (folded once the width is known)."""
        super().__init__(content, id=id)
        self._source = content
        self._folded_at = 0

    def show(self, content: Text) -> None:
        """Show content, folded for the current width (the same text again is not redrawn).
        A text as many lines high as the one shown is repainted without a relayout of the
        screen (a keystroke's new top paper costs the viewer's lines only)."""
        if self._folded_at == self.size.width and content == self._source:
            return
        self._source = content
        self._folded_at = self.size.width
        self.update(fold_urls(content, self._folded_at), layout=False)
        width = self.content_region.width
        if not width or self.get_content_height(self.size, self.size, width) != self.size.height:
            self.refresh(layout=True)

    def on_resize(self, event: events.Resize) -> None:
        """Fold again for the new width."""
        if event.size.width != self._folded_at:
            self._folded_at = event.size.width
            self.update(fold_urls(self._source, self._folded_at))


class PaperViewer(VerticalScroll, can_focus=True):
    """A scrollable pane showing one paper."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Scroll down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Scroll up", show=False),
    ]

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll by lines at once, so that every press of a held key counts."""
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def compose(self) -> ComposeResult:
        """One Static holding the rendered Text."""
        yield PaperBody(Text("No paper selected.", style="dim"), id="viewer-body")

    def show(self, content: Text, *, keep_scroll: bool = False) -> None:
        """Replace what the viewer shows, scrolling back to the top unless keep_scroll."""
        self.query_one("#viewer-body", PaperBody).show(content)
        if not keep_scroll and self.scroll_offset != (0, 0):
            self.scroll_home(animate=False)
