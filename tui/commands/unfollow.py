"""`paperdeck unfollow ITEM…`: stop following categories, authors or keywords."""

from __future__ import annotations

import argparse

from importers.arxiv_taxonomy import canonical
from store.daily.follows import FollowList
from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "unfollow"
HELP = "stop following a category, author or keyword"

def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The items to drop."""
    parser.add_argument("items", nargs="+", metavar="ITEM",
                        help="a followed category, author name or keyword")

def run(ctx: Context) -> int:
    """Remove the items; exit 1 when none was followed."""
    items = [canonical(i) or i for i in ctx.args.items]
    removed = FollowList(ctx.home).remove(items)
    for item in removed:
        ctx.write(f"unfollowed {item}")
    missing = [i for i in ctx.args.items if (canonical(i) or i).casefold()
               not in {r.casefold() for r in removed}]
    for item in missing:
        ctx.warn(f"{item!r} was not followed")
    return EXIT_OK if removed else EXIT_NOTHING
