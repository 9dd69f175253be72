"""`paperdeck enrich`: fill missing titles and authors of listing entries from arXiv."""

from __future__ import annotations

import argparse

from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "enrich"
HELP = (
    "fill missing titles/authors of arXiv listing entries, and a missing DOI or published "
    "venue of preprints, from the arXiv API"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck enrich`."""
    parser.add_argument("--dry-run", action="store_true", help="report what would change")


def run(ctx: Context) -> int:
    """Fetch metadata for untitled entries and apply it."""
    from tui.arxiv import enrich, make_client
    from tui.enrich_published import enrich_published

    client = make_client()
    report = enrich(ctx.store, client, dry_run=ctx.args.dry_run)
    ctx.write(str(report))
    published = enrich_published(ctx.store, client, dry_run=ctx.args.dry_run)
    if published.candidates:
        ctx.write(str(published))
    return EXIT_OK if getattr(report, "filled", 1) or published.filled else EXIT_NOTHING
