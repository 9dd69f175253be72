"""`paperdeck export [QUERY]`: papers as JSON, BibTeX or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.context import EXIT_NOTHING, EXIT_OK, CommandError, Context, checked_query

if TYPE_CHECKING:
    from store.models import Paper

NAME = "export"
HELP = "export papers (all, or those matching QUERY) as json, bibtex, markdown, csljson or ris"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck export`."""
    parser.add_argument("query", nargs="*", help="optional query; default: every paper")
    parser.add_argument(
        "--format",
        "-f",
        choices=("json", "bibtex", "markdown", "csljson", "ris"),
        default="json",
        help="output format",
    )
    parser.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--no-abstract", action="store_true", help="leave abstracts out (BibTeX)")
    parser.add_argument("--ascii", action="store_true", help="escape non-ASCII as LaTeX (BibTeX)")
    parser.add_argument("--watch", action="store_true",
                        help="with -o and bibtex: rewrite FILE whenever the result changes")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between checks")


def chosen(ctx: Context) -> list[Paper]:
    """The papers the query names (every paper without one), in library order, read through
    the index with the user's layer on top."""
    query = checked_query(ctx, " ".join(ctx.args.query)) if ctx.args.query else ""
    return ctx.store.overlaid(ctx.store.matching(query))


def run(ctx: Context) -> int:
    """Export the selected papers, a chunk at a time (an export of any size holds one)."""
    from itertools import chain

    from tui.commands.export_stream import pieces, write_all

    store = ctx.store
    if ctx.args.watch:
        return _watch(ctx)
    query = checked_query(ctx, " ".join(ctx.args.query)) if ctx.args.query else ""
    annotations = store.annotations()
    chunks = store.overlaid_chunks(query)
    first = next(chunks, None)
    if first is None:
        what = f"match {' '.join(ctx.args.query)!r}" if ctx.args.query else "are in the library"
        where = f"; {ctx.args.output} was not written" if ctx.args.output else ""
        ctx.warn(f"nothing to export: no papers {what}{where}")
        return EXIT_NOTHING
    markdown = ctx.args.format == "markdown"  # (only its header states the total)
    # only Markdown looks at the next chunk first (one chunk alone needs no count); the
    # others hold one chunk at a time, not two
    second = next(chunks, None) if markdown else None
    total = store.count(query=query) if second is not None else len(first)
    written = [0]

    def counted() -> Iterator[list[Paper]]:
        for chunk in chain([first], [second] if second else [], chunks):
            written[0] += len(chunk)
            yield chunk

    text = pieces(counted(), ctx.args.format, annotations, total,
                  abstract=not ctx.args.no_abstract, ascii=ctx.args.ascii)
    if ctx.args.output:
        try:
            with open(ctx.args.output, "w", encoding="utf-8") as out:
                write_all(text, out.write)
        except OSError as exc:
            raise CommandError(f"{ctx.args.output}: cannot write ({exc.strerror})") from None
        ctx.warn(f"exported {written[0]} papers to {ctx.args.output}")
    else:
        from store.text import clean_output

        write_all(map(clean_output, text), sys.stdout.write)
    return EXIT_OK


def _watch(ctx: Context) -> int:
    """`--watch`: keep the output .bib current (entries keep their order, keys and bytes)."""
    from tui.commands.bibwatch import bib_renderer, keep_written

    if ctx.args.format != "bibtex" or not ctx.args.output:
        raise CommandError("--watch needs --format bibtex and -o FILE")
    chosen(ctx)  # a bad query is a usage error before watching starts
    render = bib_renderer(lambda: chosen(ctx), abstract=not ctx.args.no_abstract,
                          ascii=ctx.args.ascii)
    return keep_written(ctx, Path(ctx.args.output), render, watch=True,
                        interval=ctx.args.interval)
