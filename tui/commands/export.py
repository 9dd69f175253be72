"""`paperdeck export [QUERY]`: papers as JSON, BibTeX or Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.context import EXIT_NOTHING, EXIT_OK, CommandError, Context, checked_query

NAME = "export"
HELP = "export papers (all, or those matching QUERY) as json, bibtex or markdown"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck export`."""
    parser.add_argument("query", nargs="*", help="optional query; default: every paper")
    parser.add_argument(
        "--format",
        "-f",
        choices=("json", "bibtex", "markdown"),
        default="json",
        help="output format",
    )
    parser.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--no-abstract", action="store_true", help="leave abstracts out (BibTeX)")
    parser.add_argument("--ascii", action="store_true", help="escape non-ASCII as LaTeX (BibTeX)")


def run(ctx: Context) -> int:
    """Export the selected papers."""
    from store.bibtex_export import to_bibtex
    from store.export import to_json, to_markdown

    store = ctx.store
    annotations = store.annotations()
    papers = store.papers()
    if ctx.args.query:
        query = checked_query(ctx, " ".join(ctx.args.query))
        papers = [p for p in papers if query.matches(p, annotations.get(p.id))]
    if not papers:
        what = f"match {' '.join(ctx.args.query)!r}" if ctx.args.query else "are in the library"
        where = f"; {ctx.args.output} was not written" if ctx.args.output else ""
        ctx.warn(f"nothing to export: no papers {what}{where}")
        return EXIT_NOTHING
    fmt = ctx.args.format
    if fmt == "json":
        text = to_json(papers, annotations)
    elif fmt == "markdown":
        text = to_markdown(papers, annotations)
    else:
        text = to_bibtex(papers, abstract=not ctx.args.no_abstract, ascii=ctx.args.ascii)
    if ctx.args.output:
        try:
            Path(ctx.args.output).write_text(text if text.endswith("\n") else text + "\n", "utf-8")
        except OSError as exc:
            raise CommandError(f"{ctx.args.output}: cannot write ({exc.strerror})") from None
        ctx.warn(f"exported {len(papers)} papers to {ctx.args.output}")
    else:
        ctx.write(text)
    return EXIT_OK
