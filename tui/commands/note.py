"""`paperdeck note ID [--edit]`: print a paper's note, or edit it as Markdown in $EDITOR."""

from __future__ import annotations

import argparse

from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "note"
HELP = "print a paper's note, or edit it in $EDITOR with --edit"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck note`."""
    parser.add_argument("id", help="paper id, cite key, arXiv id or DOI")
    parser.add_argument("--edit", action="store_true", help="edit the note in $EDITOR")


def run(ctx: Context) -> int:
    """Print or edit one note."""
    from store.text import clean_block
    from tui.editor import edit_note

    paper_id = ctx.find_id(ctx.args.id)
    if paper_id is None:
        return EXIT_NOTHING
    if ctx.args.edit:
        edit_note(ctx.store, paper_id)
        ctx.warn(f"note of {paper_id} saved")
        return EXIT_OK
    note = ctx.store.annotation(paper_id).note
    if note:
        ctx.write(clean_block(note))
    return EXIT_OK if note else EXIT_NOTHING
