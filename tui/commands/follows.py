"""`paperdeck follows`: list what is followed."""

from __future__ import annotations

import argparse

from importers.arxiv_taxonomy import category_name
from store.daily.follows import FollowList
from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "follows"
HELP = "list followed categories, authors and keywords"

def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments."""

def run(ctx: Context) -> int:
    """Print one follow a line, tab-separated kind and value."""
    follows = FollowList(ctx.home).get()
    if follows.is_empty():
        ctx.warn("nothing followed yet; try `paperdeck follow cs.CV`")
        return EXIT_NOTHING
    for cat in follows.categories:
        ctx.write(f"category\t{cat}\t{category_name(cat)}")
    for name in follows.authors:
        ctx.write(f"author\t{name}")
    for phrase in follows.keywords:
        ctx.write(f"keyword\t{phrase}")
    return EXIT_OK
