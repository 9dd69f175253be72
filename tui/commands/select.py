"""Choosing papers on the command line: one id/key/arXiv id/DOI, else a query."""

from __future__ import annotations

from store.models import Paper
from tui.commands.context import CommandError, Context


def select_papers(ctx: Context, words: list[str]) -> list[Paper]:
    """The papers an ID, cite key, arXiv id, DOI or QUERY names (CommandError when none)."""
    from store.query import parse_query

    text = " ".join(words).strip()
    if not text:
        raise CommandError("give a paper ID, cite key or QUERY")
    store = ctx.store
    if len(words) == 1:
        paper = store.resolve(text)
        if paper is not None:
            return [paper]
    query = parse_query(text)
    for problem in query.errors:
        ctx.warn(f"query: {problem}")
    annotations = store.annotations()
    papers = [p for p in store.papers() if query.matches(p, annotations.get(p.id))]
    if not papers:
        raise CommandError(f"no paper matches {text!r}")
    return papers
