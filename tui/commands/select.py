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
    ctx.index()  # built first when missing, so that ids resolve through it
    if len(words) == 1:
        paper = store.resolve(text)
        if paper is not None:
            return [paper]
    query = parse_query(text)
    for problem in query.errors:
        ctx.warn(f"query: {problem}")
    papers = store.overlaid(store.matching(query))  # through the index
    if not papers:
        raise CommandError(f"no paper matches {text!r}")
    return papers


def key_map(ctx: Context) -> dict[str, str]:
    """Cite key by paper id from the key file; only when it holds fewer keys than the library
    has papers (some were never given one) are the missing ones assigned (reads the library)."""
    store = ctx.store
    keys = store.overlay.keys.all()
    return keys if len(keys) >= store.count() else store.cite_keys()
