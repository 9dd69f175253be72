"""`paperdeck remove ID|QUERY` and `paperdeck remove --source SOURCE`, after confirmation."""

from __future__ import annotations

import argparse
import sys

from tui.commands.context import EXIT_NOTHING, EXIT_OK, CommandError, Context

NAME = "remove"
HELP = "remove papers (ID, cite key or QUERY) or a whole source from the library (undoable)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck remove`."""
    parser.add_argument("query", nargs="*", help="paper id, cite key, arXiv id, DOI or a query")
    parser.add_argument("--source", metavar="SOURCE",
                        help="remove everything this source (a .bib, a site…) brought")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask (for scripts)")


def confirm(ctx: Context, question: str) -> bool:
    """True when --yes, or when the user says yes at a terminal; CommandError otherwise."""
    if ctx.args.yes:
        return True
    if not sys.stdin.isatty():
        raise CommandError("not a terminal: add --yes to remove without asking")
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes")


def _source(ctx: Context) -> int:
    """Remove one source, after confirmation."""
    store = ctx.store
    known = [s.id for s in store.sources()]
    source = ctx.args.source
    if source not in known:
        hits = [s for s in known if s.endswith(source)]
        if len(hits) != 1:
            raise CommandError(f"no source {source!r}; sources: {', '.join(known) or 'none'}")
        source = hits[0]
    if not confirm(ctx, f"Remove source {source} and the papers only it lists?"):
        ctx.warn("nothing removed")
        return EXIT_NOTHING
    out = store.remove_source(source)
    ctx.write(f"removed source {source}: {len(out.removed)} papers removed, "
              f"{len(out.trimmed)} kept (listed elsewhere too); `paperdeck undo` brings it back")
    return EXIT_OK


def run(ctx: Context) -> int:
    """Remove the chosen papers or source."""
    from tui.commands.select import select_papers

    if ctx.args.source:
        return _source(ctx)
    papers = select_papers(ctx, ctx.args.query)
    for paper in papers[:10]:
        ctx.warn(f"  {paper.id} {paper.display_title[:70]}")
    if len(papers) > 10:
        ctx.warn(f"  … and {len(papers) - 10} more")
    if not confirm(ctx, f"Remove {len(papers)} paper{'s' * (len(papers) != 1)}?"):
        ctx.warn("nothing removed")
        return EXIT_NOTHING
    removed = ctx.store.remove(p.id for p in papers)
    noun = "paper" if len(removed) == 1 else "papers"
    ctx.write(f"removed {len(removed)} {noun}; `paperdeck undo` brings "
              f"{'it' if len(removed) == 1 else 'them'} back")
    return EXIT_OK
