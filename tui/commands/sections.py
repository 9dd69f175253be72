"""`paperdeck sections`: collections and their sections, in the site's nav order."""

from __future__ import annotations

import argparse
from collections import Counter

import orjson

from store.text import clean_inline
from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "sections"
HELP = "list collections and their sections (tabs) in nav order"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck sections`."""
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def _counts(ctx: Context, sections: list[str]) -> dict[str, int]:
    """Papers per section id, counted by the index (by the library when none can be had)."""
    from store.index.lookup import section_counts

    index = ctx.index() if sections else None
    if index is not None:
        return section_counts(index, sections)
    return dict(Counter(s for row in ctx.store.rows() for s in row.sections))


def run(ctx: Context) -> int:
    """Print every collection with its sections and paper counts."""
    store = ctx.store
    sections = store.sections()  # from the manifest (or nav cache): no paper is read
    counts = _counts(ctx, [s.id for s in sections])
    collections = store.collections()
    if ctx.args.json:
        data = [{**s.to_dict(), "papers": counts.get(s.id, 0)} for s in sections]
        ctx.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return EXIT_OK if data else EXIT_NOTHING
    if not collections:
        ctx.warn("the library has no sections yet (try `paperdeck import PATH`)")
        return EXIT_NOTHING
    for coll in collections:
        own = [s for s in sections if s.collection == coll.id]
        if ctx.tty:
            from rich.text import Text
            from rich.tree import Tree

            tree = Tree(Text(clean_inline(coll.title), style="bold"))
            for s in own:
                line = Text(clean_inline(s.label))
                line.append(f"  {counts.get(s.id, 0)} papers", style="dim")
                if not s.imported:
                    line.append(f"  (not imported: {clean_inline(s.permalink)})", style="yellow")
                tree.add(line)
            ctx.out.print(tree)
        else:
            for s in own:
                state = "" if s.imported else "not-imported"
                cells = [coll.title, s.label, s.permalink, str(counts.get(s.id, 0)), state]
                ctx.write("\t".join(clean_inline(c) for c in cells))
    return EXIT_OK
