"""`paperdeck rekey ID|QUERY`: give papers new cite keys from the pattern, on purpose."""

from __future__ import annotations

import argparse

from tui.commands.context import EXIT_OK, Context

NAME = "rekey"
HELP = "recompute cite keys of papers (ID, cite key or QUERY) from the key pattern"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck rekey`."""
    parser.add_argument("query", nargs="+", help="paper id, cite key, arXiv id, DOI or a query")
    parser.add_argument(
        "--pattern",
        help="key pattern, e.g. [auth:lower][year][shorttitle2] (default: the saved one)",
    )
    parser.add_argument("--save", action="store_true", help="save --pattern as the default")
    parser.add_argument("--dry-run", action="store_true", help="say what would change")


def run(ctx: Context) -> int:
    """Rekey the chosen papers and list the keys that changed."""
    from store.cite.pattern import DEFAULT_PATTERN, SETTING, check_pattern
    from tui.commands.select import key_map, select_papers

    store = ctx.store
    pattern = ctx.args.pattern or store.setting(SETTING) or DEFAULT_PATTERN
    check_pattern(pattern)
    papers = select_papers(ctx, ctx.args.query)
    key_map(ctx)  # every paper has its key before any changes
    with store.journal.change("rekey"):
        changes = store.overlay.keys.rekey(papers, pattern, dry_run=ctx.args.dry_run)
    if ctx.args.save and ctx.args.pattern and not ctx.args.dry_run:
        store.set_setting(SETTING, pattern)
    changed = [c for c in changes if c.changed]
    for c in changed:
        ctx.write(f"{c.paper_id}: {c.old or '(none)'} -> {c.new}")
    verb = "would change" if ctx.args.dry_run else "changed"
    ctx.warn(f"{verb} {len(changed)} of {len(changes)} keys")
    return EXIT_OK
