"""`paperdeck search QUERY`: the TUI's query language on the command line."""

from __future__ import annotations

import argparse

import orjson

from tui.commands.context import EXIT_NOTHING, EXIT_OK, CommandError, Context, checked_query

NAME = "search"
HELP = "search the library with the TUI's query language"
DEFAULT_LIMIT = 50


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
    parser.add_argument("--json", action="store_true", help="print a JSON array for scripts")


def run(ctx: Context) -> int:
    """Run a search and print the matching papers."""
    from store.query_text import INDEX_VERSION
    from store.search import search_cached

    if not ctx.args.query:
        raise CommandError("search needs a QUERY (see `paperdeck search --help`)")
    query = checked_query(ctx, " ".join(ctx.args.query))
    store = ctx.store
    annotations = store.annotations()
    found = search_cached(
        store.home / "cache" / "search-index.bin",
        f"{store.library_fingerprint()}:{INDEX_VERSION}",
        store.papers,
        annotations,
        query,
    )
    limit = ctx.args.limit
    if limit is None:
        limit = 0 if ctx.args.json else DEFAULT_LIMIT
    if limit < 0:
        raise CommandError(f"--limit {limit}: give 0 (all) or a positive number")
    ids = found[:limit] if limit else found
    if len(ids) < len(found):
        ctx.warn(f"showing {len(ids)} of {len(found)} (--limit 0 for all)")
    if ctx.args.json:
        from store.export import to_json

        papers = [p for p in (store.get(i) for i in ids) if p is not None]
        ctx.write(to_json(papers, annotations))
    elif ids:
        from tui.commands.render import paper_lines

        by_id = {row.id: row for row in store.rows()}
        paper_lines(ctx, [by_id[i] for i in ids if i in by_id], annotations)
    if not ids:
        if not ctx.args.json:
            ctx.warn(f"no papers match {orjson.dumps(query.text).decode()}")
        return EXIT_NOTHING
    return EXIT_OK
