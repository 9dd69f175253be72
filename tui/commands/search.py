"""`paperdeck search QUERY`: the TUI's query language on the command line."""

from __future__ import annotations

import argparse

from tui.commands.context import (
    EXIT_NOTHING,
    EXIT_OK,
    CommandError,
    Context,
    annotation_marks,
    checked_query,
    index_progress,
)

NAME = "search"
HELP = "search the library with the TUI's query language"
DEFAULT_LIMIT = 50
SORTS = ("relevance", "order", "year", "title", "venue", "author")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck search`."""
    parser.add_argument(
        "query", nargs="*", help='query, e.g. video author:li year:2019..2022 -"frame"'
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help=f"show at most N results (default {DEFAULT_LIMIT} on screen, all with --json; "
        "0 for all)",
    )
    parser.add_argument("--sort", choices=SORTS, default="relevance",
                        help="result order (default: relevance, best match first)")
    parser.add_argument("--json", action="store_true", help="print a JSON array for scripts")


def run(ctx: Context) -> int:
    """Run a search through the index and print the matching papers."""
    if not ctx.args.query:
        raise CommandError("search needs a QUERY (see `paperdeck search --help`)")
    query = checked_query(ctx, " ".join(ctx.args.query))
    limit = ctx.args.limit
    if limit is None:
        limit = 0 if ctx.args.json else DEFAULT_LIMIT
    if limit < 0:
        raise CommandError(f"--limit {limit}: give 0 (all) or a positive number")
    page = None
    if not ctx.args.json:  # a fresh index answers alone: the store is not even opened
        from tui.commands.quick import search_page

        page = search_page(ctx, query, sort=ctx.args.sort, limit=limit or 1_000_000)
    if page is not None:
        rows, marks = page.rows, ctx.reader.marks
    else:
        store = ctx.store
        page = store.search(query.text, sort=ctx.args.sort, limit=limit or 1_000_000,
                            progress=index_progress(ctx))
        # the index holds papers as imported: rows of papers the user (or enrich) edited are
        # rebuilt with the edits on top, as the TUI shows them
        rows = [] if page.fuzzy and ctx.args.json else store.with_edits(page.rows)
        marks = annotation_marks(store.annotations())  # (read now: a broken file is an error)
    if rows and not page.fuzzy and len(rows) < page.total:
        ctx.warn(f"showing {len(rows)} of {page.total} (--limit 0 for all)")
    if ctx.args.json:
        from store.export import to_json

        store = ctx.store
        annotations = store.annotations()
        papers = [p for p in (store.get(r.id) for r in rows) if p is not None]
        ctx.write(to_json(papers, annotations))
    elif rows:
        from tui.commands.render import paper_lines

        if page.fuzzy:
            ctx.warn(f"no exact matches for {quoted(query.text)}; close matches:")
        paper_lines(ctx, rows, marks)
    if not rows:
        if not ctx.args.json:
            ctx.warn(f"no papers match {quoted(query.text)}")
        return EXIT_NOTHING
    return EXIT_OK


def quoted(text: str) -> str:
    """text as a JSON string (quotes and controls escaped), for messages."""
    import json

    return json.dumps(text, ensure_ascii=False)
