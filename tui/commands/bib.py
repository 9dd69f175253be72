"""`paperdeck bib refs.bib --from-tex paper.tex`: exactly the entries a LaTeX file cites."""

from __future__ import annotations

import argparse
from pathlib import Path

from store.models import Paper
from tui.commands.context import EXIT_NOTHING, EXIT_OK, CommandError, Context

NAME = "bib"
HELP = "write the BibTeX entries a LaTeX file cites (\\cite, \\citep, \\nocite, …) to a .bib"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck bib`."""
    parser.add_argument("output", metavar="BIB", help="the .bib file to write")
    parser.add_argument("--from-tex", metavar="TEX", required=True, action="append",
                        help="LaTeX file whose citations to write (repeatable)")
    parser.add_argument("--watch", action="store_true",
                        help="keep BIB current as the library or the .tex files change")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between checks")
    parser.add_argument("--no-abstract", action="store_true", help="leave abstracts out")
    parser.add_argument("--ascii", action="store_true", help="escape non-ASCII as LaTeX")


def _cited(ctx: Context, report: set[tuple[str, str]]) -> list[Paper]:
    """The cited papers in order of first citation; unknown keys warned about once each.
    Papers are read one by one through the index (`\\nocite{*}`: every paper)."""
    from store.cite.texcite import citations
    from tui.commands.select import key_map

    keys = key_map(ctx)
    by_key = {k: pid for pid, k in keys.items()}
    by_folded = {k.lower(): pid for pid, k in keys.items()}
    store = ctx.store
    chosen: list[Paper] = []
    for name in ctx.args.from_tex:
        try:
            tex = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise CommandError(f"{name}: cannot read ({exc.strerror})") from None
        for cite in citations(tex):
            if cite.key == "*":
                chosen.extend(store.overlaid(store.matching("")))
                continue
            pid = by_key.get(cite.key) or by_folded.get(cite.key.lower())
            paper = store.get(pid) if pid else None
            if paper is not None:
                chosen.append(paper)
            elif (name, cite.key) not in report:
                report.add((name, cite.key))
                ctx.warn(f"{name}:{cite.line}: unknown cite key {cite.key!r}")
    return list({p.id: p for p in chosen}.values())


def run(ctx: Context) -> int:
    """Write the cited entries (and keep them current with --watch)."""
    from store.storage import file_stamp
    from tui.commands.bibwatch import bib_renderer, keep_written, store_fingerprint

    reported: set[tuple[str, str]] = set()
    found: list[int] = []

    def choose() -> list[Paper]:
        papers = _cited(ctx, reported)
        found.append(len(papers))
        return papers

    render = bib_renderer(choose, abstract=not ctx.args.no_abstract, ascii=ctx.args.ascii)

    def fingerprint() -> str:
        tex = [file_stamp(Path(n)) for n in ctx.args.from_tex]
        return f"{store_fingerprint(ctx.store)}|{tex}"

    keep_written(ctx, Path(ctx.args.output), render, watch=ctx.args.watch,
                 interval=ctx.args.interval, fingerprint=fingerprint)
    return EXIT_OK if ctx.args.watch or (found and found[-1]) else EXIT_NOTHING
