"""`paperdeck import-snapshot FILE`: stream arXiv's metadata snapshot into the library."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from tui.commands.context import EXIT_OK, CommandError, Context

NAME = "import-snapshot"
HELP = "stream arXiv's metadata snapshot (JSON Lines) into the library; resumable"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck import-snapshot`."""
    parser.add_argument("file", help="arxiv-metadata-oai-snapshot.json (JSON Lines)")
    parser.add_argument("--batch", type=int, default=5000, help="papers per write (5000)")
    parser.add_argument("--restart", action="store_true",
                        help="start from the first line instead of resuming")


def run(ctx: Context) -> int:
    """Import the snapshot in batches, with progress; Ctrl-C stops after the current batch."""
    from importers.arxiv_snapshot import parse_lines
    from store.imports.snapshot import import_snapshot

    path = Path(ctx.args.file).expanduser()
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        """One updating line on a terminal, else nothing."""
        if sys.stderr.isatty():
            sys.stderr.write(f"\r  {done / 2**20:,.0f} / {total / 2**20:,.0f} MiB "
                             f"({100 * done / max(total, 1):.0f}%)")
            sys.stderr.flush()

    try:
        report = import_snapshot(ctx.store, path, lambda lines, src: parse_lines(lines, source=src),
                                 batch=max(1, ctx.args.batch), progress=progress, cancel=stop,
                                 restart=ctx.args.restart)
    except KeyboardInterrupt:
        ctx.warn("interrupted: run the same command again to resume")
        return EXIT_OK
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for line in report.skipped[:20]:
        ctx.warn(f"skipped: {line}")
    if len(report.skipped) > 20:
        ctx.warn(f"... and {len(report.skipped) - 20} more skipped lines")
    start = f" (resumed after line {report.resumed_at})" if report.resumed_at else ""
    ctx.write(f"{path.name}{start}: {report.lines} lines read · {report.new} new papers · "
              f"{len(report.skipped)} skipped")
    return EXIT_OK
