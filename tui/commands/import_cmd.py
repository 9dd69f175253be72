"""`paperdeck import PATH…`: files, directories, stdin and arXiv ids into the library."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from importers.registry import KNOWN_FORMATS
from tui.commands.context import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, CommandError, Context
from tui.inputs import DEFAULT_MAX_SIZE

if TYPE_CHECKING:
    from tui.importing import ImportReport, ParsedSource


NAME = "import"
HELP = (
    "import listings: files, directories (a site root or _pages/), - for stdin, arxiv:ID, "
    "doi:10.…, URL"
)
PROGRESS_THRESHOLD = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck import`."""
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="file, directory, -, arxiv:ID, doi:10.… or URL"
    )
    parser.add_argument(
        "--format", metavar="NAME", help="force an importer: " + ", ".join(KNOWN_FORMATS)
    )
    parser.add_argument("--dry-run", action="store_true", help="parse and report; store nothing")
    parser.add_argument(
        "-v", "--verbose", action="store_true",
        help="list files read or skipped (and why) and every possible duplicate",
    )
    parser.add_argument(
        "--max-size",
        type=int,
        default=DEFAULT_MAX_SIZE,
        metavar="BYTES",
        help=f"largest file accepted (default {DEFAULT_MAX_SIZE // 1024 // 1024} MB)",
    )
    parser.add_argument(
        "--arxiv-author", metavar="NAME", help="fetch an author's papers from arXiv"
    )
    parser.add_argument("--max-results", type=int, default=200, help="cap for --arxiv-author")
    from tui.web_import import add_url_arguments

    add_url_arguments(parser)  # URL, --max-pages, --max-depth, --delay


def _fetch_remote(ctx: Context, ids: list[str]) -> list[ParsedSource]:
    """Fetch arXiv ids and an author query through the arXiv API."""
    from tui.arxiv import fetch_author, fetch_ids, make_client
    from tui.importing import ParsedSource

    client = make_client()
    parsed: list[ParsedSource] = []
    if ids:
        result = fetch_ids(ids, client)
        parsed.append(ParsedSource("arxiv:" + ",".join(ids), "atom", "", result))
    if ctx.args.arxiv_author:
        result = fetch_author(ctx.args.arxiv_author, client, ctx.args.max_results)
        parsed.append(ParsedSource(f"arxiv-author:{ctx.args.arxiv_author}", "atom", "", result))
    return parsed


def _parse_local(ctx: Context, paths: list[str]) -> list[ParsedSource]:
    """Read and parse local paths, with a progress bar when there are many files."""
    from rich.progress import Progress

    from tui.importing import collect_inputs, parse_inputs

    docs = collect_inputs(paths, max_size=ctx.args.max_size)
    today = date.today()
    if len(docs) < PROGRESS_THRESHOLD or not ctx.err.is_terminal:
        return parse_inputs(docs, fmt=ctx.args.format, today=today)
    with Progress(console=ctx.err, transient=True) as progress:
        task = progress.add_task("parsing", total=len(docs))
        return parse_inputs(
            docs, fmt=ctx.args.format, today=today, advance=lambda n: progress.advance(task, n)
        )


def _label(ctx: Context, paper_id: str) -> str:
    """`id "Title…"` for a report line (the id alone in a dry run)."""
    paper = None if ctx.args.dry_run else ctx.store.get(paper_id)
    if paper is None:
        return paper_id
    title = paper.display_title
    return f'{paper_id} "{title[:50]}{"…" if len(title) > 50 else ""}"'


def _plural(n: int, word: str) -> str:
    """"1 warning", "2 warnings"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def print_summary(ctx: Context, report: ImportReport, *, dry_run: bool) -> None:
    """The closing summary: new, updated, merged, unchanged, skipped with reasons; possible
    duplicates as one line (each one with --verbose), counted among the warnings."""
    for warning in report.warnings:
        ctx.warn(f"{'skipped' if warning.is_skip else 'warning'}: {warning}")
    pairs = [pair for summary in report.summaries for pair in summary.possible_duplicates]
    if pairs and getattr(ctx.args, "verbose", False):
        for a, b, score in pairs:
            names = " ~ ".join(_label(ctx, pid) for pid in (a, b))
            ctx.warn(f"possible duplicate, not merged ({score:.0f}% similar): {names}")
    elif pairs:
        ctx.warn(
            f"{_plural(len(pairs), 'possible duplicate')} not merged; `--verbose` lists them"
        )
    print_reads(ctx, report, dry_run=dry_run)
    skipped = sum(1 for w in report.warnings if w.is_skip)
    doubts = len(report.warnings) - skipped + len(pairs)
    head = "dry run, nothing stored: " if dry_run else ""
    ctx.write(
        f"{head}{len(report.sources)} sources · {report.total('new')} new · "
        f"{report.total('updated')} updated · {report.total('merged')} merged · "
        f"{report.total('unchanged')} unchanged · {skipped} skipped · {_plural(doubts, 'warning')}"
    )


def print_reads(ctx: Context, report: ImportReport, *, dry_run: bool) -> None:
    """Which importer read which file and how many papers it found; files left out."""
    verbose = bool(getattr(ctx.args, "verbose", False))
    for parsed in report.sources:
        if dry_run or verbose:
            why = f" ({parsed.confidence:.2f}: {parsed.reason})" if parsed.reason else ""
            found = _plural(len(parsed.result.papers), "paper")
            ctx.write(f"read {parsed.source} with {parsed.importer}: {found}{why}")
        if parsed.skipped_files:
            built = sum(1 for _, why in parsed.skipped_files if why.startswith("build output"))
            count = len(parsed.skipped_files) - built
            more = "" if verbose else " (--verbose lists them)"
            also = (f" and {built} build-output or theme {'entry' if built == 1 else 'entries'}"
                    if built else "")
            verb = "holds" if count == 1 else "hold"
            ctx.warn(f"skipped {_plural(count, 'file')} that {verb} no publications{also}{more}")
            if verbose:
                for path, why in parsed.skipped_files:
                    ctx.warn(f"  skipped {path}: {why}")


def run(ctx: Context) -> int:
    """Import every input, then print the summary."""
    from tui.web_import import is_url

    urls = [p for p in ctx.args.paths if is_url(p)]
    dois = [p for p in ctx.args.paths if p.lower().startswith("doi:")]
    paths = [p for p in ctx.args.paths
             if not p.startswith("arxiv:") and not is_url(p) and p not in dois]
    ids = [p.split(":", 1)[1] for p in ctx.args.paths if p.startswith("arxiv:")]
    if not paths and not ids and not urls and not dois and not ctx.args.arxiv_author:
        raise CommandError("nothing to import: give a PATH, '-', arxiv:ID or --arxiv-author NAME")
    if ctx.args.format and ctx.args.format not in KNOWN_FORMATS:
        raise CommandError(
            f"unknown format {ctx.args.format!r}; known formats: {', '.join(KNOWN_FORMATS)}"
        )
    from tui.importing import apply_sources

    parsed = _parse_local(ctx, paths) if paths else []
    parsed += _fetch_remote(ctx, ids) if (ids or ctx.args.arxiv_author) else []
    if urls:
        from tui.web_import import fetch_urls, site_papers

        parsed += fetch_urls(ctx.args, urls, site_papers(ctx.store, urls), ctx.warn)
    if dois:
        from tui.doi_import import fetch_dois

        parsed += fetch_dois(ctx.store, dois, warn=lambda text: ctx.warn(f"skipped: {text}"))
    report = apply_sources(ctx.store, parsed, dry_run=ctx.args.dry_run)
    print_summary(ctx, report, dry_run=ctx.args.dry_run)
    if not report.sources:
        return EXIT_USAGE
    seen = sum(report.total(k) for k in ("new", "updated", "merged", "unchanged"))
    if not seen:
        ctx.warn("nothing was imported: no papers found in the input")
        return EXIT_NOTHING
    return EXIT_OK
