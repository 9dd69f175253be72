"""`paperdeck mark ID`: read, star, tag or annotate a paper."""

from __future__ import annotations

import argparse

import orjson

from store.tags import split_tags
from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "mark"
HELP = "mark a paper read/unread, star it, tag it or attach a note"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck mark`."""
    parser.add_argument("id", help="paper id, unique id prefix, arXiv id or DOI")
    read = parser.add_mutually_exclusive_group()
    read.add_argument("--read", dest="read", action="store_const", const=True, help="mark read")
    read.add_argument(
        "--unread", dest="read", action="store_const", const=False, help="mark unread"
    )
    star = parser.add_mutually_exclusive_group()
    star.add_argument("--star", dest="starred", action="store_const", const=True, help="star")
    star.add_argument("--unstar", dest="starred", action="store_const", const=False, help="unstar")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="T",
        help='add tags; commas or spaces separate them ("to-read, video" is two tags)',
    )
    parser.add_argument(
        "--untag", action="append", default=[], metavar="T", help="remove tags (same rule)"
    )
    parser.add_argument("--json", action="store_true", help="print the marks as a JSON object")
    parser.add_argument("--note", metavar="TEXT", help="set the note ('' clears it)")


def run(ctx: Context) -> int:
    """Apply the marks and print the paper's annotation."""
    paper_id = ctx.find_id(ctx.args.id)
    if paper_id is None:
        return EXIT_NOTHING
    ann = ctx.store.mark(
        paper_id,
        read=ctx.args.read,
        starred=ctx.args.starred,
        add_tags=split_tags(ctx.args.tag),
        remove_tags=split_tags(ctx.args.untag),
        note=ctx.args.note,
    )
    if ctx.args.json:
        ctx.write(orjson.dumps({"id": paper_id, **ann.to_dict()}).decode())
        return EXIT_OK
    state = [
        "read" if ann.read else "unread",
        "starred" if ann.starred else "",
        f"tags: {', '.join(ann.tags)}" if ann.tags else "",
        "note" if ann.note else "",
    ]
    ctx.write(f"{paper_id}\t" + " · ".join(s for s in state if s))
    return EXIT_OK
