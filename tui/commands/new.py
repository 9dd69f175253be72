"""`paperdeck new`: the inbox on the command line (what arrived since you last looked)."""

from __future__ import annotations

import argparse
from typing import Any

import orjson

from store.daily.inbox import InboxItem, InboxState
from store.text import clean_inline
from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "new"
HELP = "list papers that arrived since you last looked (watched authors and keywords first)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck new`."""
    parser.add_argument("--json", action="store_true", help="print a JSON array for scripts")
    parser.add_argument("--hide-extras", action="store_true",
                        help="leave out cross-lists and replacements")
    parser.add_argument("--mark-seen", action="store_true",
                        help="then mark everything listed as seen")


def item_dict(item: InboxItem) -> dict[str, Any]:
    """A JSON-ready inbox entry."""
    paper = item.paper
    return {
        "id": paper.id, "arxiv_id": paper.arxiv_id, "title": paper.display_title,
        "authors": paper.authors, "day": item.day, "kind": item.kind,
        "cross_list": item.cross_list, "reasons": item.reasons, "category": paper.category,
        "venue": paper.venue, "url": paper.primary_url,
    }


def item_line(item: InboxItem) -> str:
    """One plain line: marks, arXiv id, title, first author, why."""
    paper = item.paper
    marks = ("★ " if item.watched else "  ") + ("[cross-list] " if item.cross_list else "")
    marks += "[replaced] " if item.kind == "replaced" else ""
    why = f"  ({'; '.join(item.reasons)})" if item.reasons else ""
    return clean_inline(f"{marks}{paper.arxiv_id}  {paper.display_title} — "
                        f"{paper.first_author}{why}")


def run(ctx: Context) -> int:
    """Print the unseen arrivals grouped by day."""
    state = InboxState(ctx.store)
    if ctx.args.hide_extras:
        state.toggle_extras()
    items = state.items()
    if ctx.args.json:
        ctx.write(orjson.dumps([item_dict(i) for i in items], option=orjson.OPT_INDENT_2).decode())
    elif not items:
        ctx.warn("nothing new; run `paperdeck update` to fetch")
    else:
        for day, group in state.groups():
            ctx.write(f"{day or 'undated'}  ({len(group)})")
            for item in group:
                ctx.write(item_line(item))
    if ctx.args.mark_seen:
        state.mark_all_seen()
    return EXIT_OK if items else EXIT_NOTHING
