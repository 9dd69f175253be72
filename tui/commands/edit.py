"""`paperdeck edit ID`: fix a paper's record in $EDITOR (as YAML); your values win."""

from __future__ import annotations

import argparse

from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "edit"
HELP = "edit a paper's record as YAML in $EDITOR (your values win over later imports)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck edit`."""
    parser.add_argument("id", help="paper id, cite key, arXiv id or DOI")


def run(ctx: Context) -> int:
    """Edit one paper."""
    from tui.editor import edit_paper

    paper_id = ctx.find_id(ctx.args.id)
    if paper_id is None:
        return EXIT_NOTHING
    fields = edit_paper(ctx.store, paper_id)
    ctx.write(f"{paper_id}: you set {', '.join(fields)}" if fields
              else f"{paper_id}: no fields of yours (imported values shown)")
    return EXIT_OK
