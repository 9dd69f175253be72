"""`paperdeck stats`: counts for the library and the user's annotations."""

from __future__ import annotations

import argparse

import orjson

from tui.commands.context import EXIT_OK, Context

NAME = "stats"
HELP = "show library and annotation counts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck stats`."""
    parser.add_argument("--json", action="store_true", help="print a JSON object")


def run(ctx: Context) -> int:
    """Print the store's statistics."""
    stats = ctx.store.stats()
    if ctx.args.json:
        ctx.write(orjson.dumps(stats, option=orjson.OPT_INDENT_2).decode())
        return EXIT_OK
    width = max((len(k) for k in stats), default=0)
    for key, value in stats.items():
        ctx.write(f"{key.replace('_', ' '):<{width}}  {value}")
    return EXIT_OK
