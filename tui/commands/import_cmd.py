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
HELP = "import listings: files, directories (a site root or _pages/), - for stdin, arxiv:ID"
PROGRESS_THRESHOLD = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck import`."""
    parser.add_argument("paths", nargs="*", metavar="PATH", help="file, directory, - or arxiv:ID")
    parser.add_argument(
        "--format", metavar="NAME", help="force an importer: " + ", ".join(KNOWN_FORMATS)
    )
    parser.add_argument("--dry-run", action="store_true", help="parse and report; store nothing")
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
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every possible duplicate not merged"
    )


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
    skipped = sum(1 for w in report.warnings if w.is_skip)
    doubts = len(report.warnings) - skipped + len(pairs)
    head = "dry run, nothing stored: " if dry_run else ""
    ctx.write(
        f"{head}{len(report.sources)} sources · {report.total('new')} new · "
        f"{report.total('updated')} updated · {report.total('merged')} merged · "
        f"{report.total('unchanged')} unchanged · {skipped} skipped · {_plural(doubts, 'warning')}"
    )


def run(ctx: Context) -> int:
    """Import every input, then print the summary."""
    paths = [p for p in ctx.args.paths if not p.startswith("arxiv:")]
    ids = [p.split(":", 1)[1] for p in ctx.args.paths if p.startswith("arxiv:")]
    if not paths and not ids and not ctx.args.arxiv_author:
        raise CommandError("nothing to import: give a PATH, '-', arxiv:ID or --arxiv-author NAME")
    if ctx.args.format and ctx.args.format not in KNOWN_FORMATS:
        raise CommandError(
            f"unknown format {ctx.args.format!r}; known formats: {', '.join(KNOWN_FORMATS)}"
        )
    from tui.importing import apply_sources

    parsed = _parse_local(ctx, paths) if paths else []
    parsed += _fetch_remote(ctx, ids) if (ids or ctx.args.arxiv_author) else []
    report = apply_sources(ctx.store, parsed, dry_run=ctx.args.dry_run)
    print_summary(ctx, report, dry_run=ctx.args.dry_run)
    if not report.sources:
        return EXIT_USAGE
    seen = sum(report.total(k) for k in ("new", "updated", "merged", "unchanged"))
    if not seen:
        ctx.warn("nothing was imported: no papers found in the input")
        return EXIT_NOTHING
    return EXIT_OK
