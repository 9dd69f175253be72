"""`paperdeck search QUERY`: the TUI's query language on the command line."""

from __future__ import annotations

import argparse

import orjson

from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "search"
HELP = "search the library with the TUI's query language"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck search`."""
    parser.add_argument(
        "query", nargs="+", help='query, e.g. video author:li year:2019..2022 -"frame"'
    )
    parser.add_argument("--limit", type=int, default=50, help="show at most N results (default 50)")
    parser.add_argument("--json", action="store_true", help="print a JSON array for scripts")


def run(ctx: Context) -> int:
    """Run a search and print the matching papers."""
    from store.search import search_cached

    store = ctx.store
    query = " ".join(ctx.args.query)
    annotations = store.annotations()
    ids = search_cached(
        store.home / "cache" / "search-index.bin",
        store.library_fingerprint() + store.overlay.stamp(),
        store.papers,
        annotations,
        query,
        ctx.args.limit if ctx.args.limit and ctx.args.limit > 0 else None,
    )
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
            ctx.warn(f"no papers match {orjson.dumps(query).decode()}")
        return EXIT_NOTHING
    return EXIT_OK
