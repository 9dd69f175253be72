"""`paperdeck cite ID…`: formatted references in a citation style (CSL, via citeproc-py)."""

from __future__ import annotations

import argparse

from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

NAME = "cite"
HELP = "print formatted references (apa, ieee, acm, chicago, nature or a .csl file)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck cite`."""
    parser.add_argument("ids", nargs="+", metavar="ID", help="paper id, cite key, arXiv id, DOI")
    parser.add_argument("--style", "-s", help="apa, ieee, acm, chicago, nature, another CSL "
                        "style name or a path to a .csl file (default: the saved style, apa)")
    parser.add_argument("--format", "-f", choices=("text", "markdown", "html"), default="text")
    parser.add_argument("--key", choices=("latex", "pandoc"),
                        help="print \\cite{keys} or [@keys] instead of references")


def run(ctx: Context) -> int:
    """Print the references (or the cite command) of the given papers."""
    from store.cite.styles import cite_command, references
    from tui.citing import current_style

    store = ctx.store
    papers = []
    for ref in ctx.args.ids:
        paper = ctx.find_paper(ref)
        if paper is not None:
            papers.append(paper)
    if not papers:
        return EXIT_NOTHING
    if ctx.args.key:
        ctx.write(cite_command([p.extra.get("citekey") or p.id for p in papers], ctx.args.key))
        return EXIT_OK
    style = ctx.args.style or current_style(store)
    lines = references(papers, style, ctx.args.format)
    ctx.write("\n".join(lines))
    return EXIT_OK if len(papers) == len(ctx.args.ids) else EXIT_NOTHING
