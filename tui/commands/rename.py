"""`paperdeck rename COLLECTION NEW-TITLE`: give a collection (a tab) your own name."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

import orjson

from store.text import clean_inline
from tui.commands.context import EXIT_OK, Context

if TYPE_CHECKING:
    from store.models import Collection
    from store.repository import Store

NAME = "rename"
HELP = "rename a collection (by id, title or a unique start of either); '' restores its name"
GROUPS_KEY = "tui.groups"  # the browser's cached tabs (tui.views), rebuilt after a rename


def rename(store: Store, ref: str, title: str) -> Collection:
    """Rename a collection and drop the browser's cached tabs so they show the new name."""
    found = store.rename_collection(ref, title)
    store.set_setting(GROUPS_KEY, None)
    return found


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck rename`."""
    parser.add_argument("collection", help="collection id or title (see `paperdeck sections`)")
    parser.add_argument("title", help="the new name ('' restores the imported one)")
    parser.add_argument("--json", action="store_true", help="print the collection as JSON")


def run(ctx: Context) -> int:
    """Rename and print the collection's id and new title."""
    found = rename(ctx.store, ctx.args.collection, ctx.args.title)
    if ctx.args.json:
        ctx.write(orjson.dumps({"id": found.id, "title": found.title}).decode())
    else:
        ctx.write(f"{found.id}\t{clean_inline(found.title)}")
    return EXIT_OK
