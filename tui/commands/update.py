"""`paperdeck update`: fetch what is new from followed arXiv categories and authors, and
re-read the sources that came from files."""

from __future__ import annotations

import argparse
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.context import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, CommandError, Context

if TYPE_CHECKING:
    from store.daily.update import Updater, UpdateReport
    from store.repository import Store

NAME = "update"
HELP = "fetch new papers of followed arXiv categories and authors; re-read file sources"
REMOTE_IMPORTERS = {"oai-arxiv", "atom"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck update`."""
    parser.add_argument("--days", type=int, default=1, metavar="N",
                        help="on a category's first update, look back N days (default 1)")
    parser.add_argument("--no-sources", action="store_true",
                        help="skip re-reading sources imported from files")


def build_updater(store: Store, *, today: date, days: int,
                  cancel: threading.Event | None = None,
                  progress: Callable[[str], None] | None = None) -> Updater:
    """The Updater for the user's follows, wired to the importers and the HTTP clients."""
    from importers.arxiv_taxonomy import oai_set
    from importers.atom import parse_feed
    from importers.oai_arxiv import parse_page
    from store.daily.follows import FollowList
    from store.daily.oai import OaiHarvester, oai_policy, oai_url
    from store.daily.update import Updater
    from store.net.http import HttpClient
    from tui.arxiv import make_client

    follows = FollowList(store.home).get()
    url = oai_url()
    client = HttpClient(oai_policy(url), cancel=cancel)
    return Updater(
        store, follows, today=today,
        sets=sorted({oai_set(c) for c in follows.categories}),
        harvester=OaiHarvester(client, url),
        parse_oai=lambda text, source, spec: parse_page(text, source=source, set_spec=spec),
        authors=make_client() if follows.authors else None,
        parse_atom=lambda text, source, cid, title: parse_feed(
            text, source=source, collection_id=cid, title=title).result,
        first_days=max(0, days), cancel=cancel,
        progress=progress or (lambda _m: None),
    )


def refresh_file_sources(store: Store, today: date) -> list[str]:
    """Re-read every source that came from a file still on disk; lines saying what changed."""
    from tui.importing import apply_sources, collect_inputs, parse_inputs

    lines: list[str] = []
    for record in store.sources():
        path = Path(record.path)
        if record.importer in REMOTE_IMPORTERS or not path.is_file():
            continue
        parsed = parse_inputs(collect_inputs([str(path)]), fmt=record.importer, today=today)
        fresh = [p for p in parsed if p.digest != record.digest]
        if not fresh:
            continue
        report = apply_sources(store, fresh)
        lines.append(f"{record.path}: re-read · {report.total('new')} new · "
                     f"{report.total('updated')} updated")
    return lines


def print_report(ctx: Context, report: UpdateReport) -> None:
    """One line per source, then the totals."""
    for source in report.sources:
        ctx.write(source.line())
        for skipped in source.skipped:
            ctx.warn(str(skipped))
    ctx.write(f"update: {report.total('new')} new · {report.total('replaced')} replaced · "
              f"{report.total('venues')} gained a venue · `paperdeck new` lists them")


def run(ctx: Context) -> int:
    """Run the update with progress on stderr; Ctrl-C stops after the current page's commit."""
    store = ctx.store
    from store.atomic import is_writable

    if store.library_path.exists() and not is_writable(store.library_path):
        raise CommandError(f"{store.library_path}: read-only library; `update` stores new "
                           "papers, so run it on your own library (without --library)")

    def progress(message: str) -> None:
        """One progress line on stderr (never markup: author names are the user's text)."""
        if ctx.err.is_terminal:
            from rich.text import Text

            ctx.err.print(Text(f"… {message}", style="dim"))
        else:
            ctx.warn(message)

    cancel = threading.Event()
    updater = build_updater(store, today=date.today(), days=ctx.args.days, cancel=cancel,
                            progress=progress)
    if not (updater.sets or updater.follows.authors) and ctx.args.no_sources:
        ctx.warn("nothing followed; try `paperdeck follow cs.CV`")
        return EXIT_NOTHING
    try:
        report = updater.run()
    except KeyboardInterrupt:
        cancel.set()
        ctx.warn("interrupted; everything up to the last finished page is stored. "
                 "Run `paperdeck update` again to resume.")
        return 130
    print_report(ctx, report)
    if not ctx.args.no_sources:
        for line in refresh_file_sources(store, date.today()):
            ctx.write(line)
    return EXIT_USAGE if report.failed else EXIT_OK
