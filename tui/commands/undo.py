"""`paperdeck undo`: revert the last change to the library, marks, edits or keys."""

from __future__ import annotations

import argparse
from datetime import datetime

from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "undo"
HELP = "revert the last change (import, removal, mark, edit, rekey); --list shows the journal"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck undo`."""
    parser.add_argument("--list", action="store_true", help="list the changes undo can revert")


def run(ctx: Context) -> int:
    """Undo the newest change, or list the journal."""
    journal = ctx.store.journal
    if ctx.args.list:
        entries = journal.entries()
        for _, doc in reversed(entries):
            when = datetime.fromtimestamp(float(doc.get("time", 0))).strftime("%Y-%m-%d %H:%M")
            ctx.write(f"{when}  {doc.get('label', '')}")
        return EXIT_OK if entries else EXIT_NOTHING
    done = journal.undo()
    if done is None:
        ctx.warn("nothing to undo")
        return EXIT_NOTHING
    for path in done.changed_since:
        ctx.warn(f"note: {path} had changed since; those later changes were reverted too")
    ctx.write(f"undid: {done.label}")
    return EXIT_OK
