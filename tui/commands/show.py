"""`paperdeck show ID`: one paper in full, as text, JSON or BibTeX."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from store.models import Annotation, Paper
from store.text import clean_block, clean_inline
from store.venue_year import venue_with_year
from tui.commands.context import EXIT_NOTHING, EXIT_OK, Context

if TYPE_CHECKING:
    from rich.text import Text

NAME = "show"
HELP = "show one paper (by id, id prefix, arXiv id or DOI)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck show`."""
    parser.add_argument("id", help="paper id, unique id prefix, cite key, arXiv id or DOI")
    parser.add_argument("--abstract", action="store_true", help="include the abstract")
    parser.add_argument("--bibtex", action="store_true", help="print a BibTeX entry")
    parser.add_argument("--json", action="store_true", help="print a JSON object")


def describe(paper: Paper, ann: Annotation, *, abstract: bool) -> Text:
    """The paper as a plain Text block (data only, never markup)."""
    from rich.text import Text

    text = Text()
    for part, style in parts(paper, ann, abstract=abstract):
        text.append(part, style=style)
    return text


def parts(paper: Paper, ann: Annotation, *, abstract: bool) -> list[tuple[str, str]]:
    """The paper as (cleaned text, Rich style) pieces: styled on a terminal, joined when piped."""
    out: list[tuple[str, str]] = [(clean_inline(paper.display_title) + "\n", "bold")]
    if paper.authors:
        more = " et al." if paper.authors_truncated else ""
        out.append((clean_inline(", ".join(paper.authors)) + more + "\n", "green"))
    venue = venue_with_year(clean_inline(paper.venue or paper.venue_short), paper.year)
    if venue:
        out.append((f"{venue}\n", "cyan"))
    rows = [
        ("id", paper.id),
        ("key", paper.extra.get("citekey", "")),
        ("you set", paper.extra.get("user_fields", "").replace(",", ", ")),
        ("filled by enrich", paper.extra.get("filled_fields", "").replace(",", ", ")),
        ("arXiv", paper.arxiv_id),
        ("DOI", paper.doi),
        ("category", paper.category),
        ("date", paper.date or _yearless(paper)),
        ("badges", ", ".join(paper.badges)),
        ("comments", paper.comments),
        ("sections", ", ".join(ref.label for ref in paper.sections)),
        ("sources", ", ".join(dict.fromkeys(p.source for p in paper.provenance))),
        ("tags", ", ".join(ann.tags)),
        ("note", ann.note),
        ("read", "yes" if ann.read else ""),
        ("starred", "yes" if ann.starred else ""),
    ]
    for label, value in rows:
        if value:
            out += [(f"{label}: ", "dim"), (clean_inline(value) + "\n", "")]
    for n, link in enumerate(paper.links, 1):
        out += [(f"[{n}] ", "dim"), (f"{clean_inline(link.label)}: {clean_inline(link.url)}\n", "")]
    if abstract and paper.abstract:
        out.append(("\n" + clean_block(paper.abstract) + "\n", ""))
    return out


def _yearless(paper: Paper) -> str:
    """A profile's date without a year ("03-19"), said to be so; else empty."""
    month_day = paper.extra.get("month_day", "") if paper.extra else ""
    return f"{month_day} (year unknown)" if month_day else ""


def run(ctx: Context) -> int:
    """Print one paper."""
    from tui.commands import quick

    paper = quick.paper(ctx, ctx.args.id)  # a fresh index answers alone: no store opened
    ann = None if paper is None else quick.annotation(ctx.reader, paper.id)
    if paper is None or ann is None:
        paper = ctx.find_paper(ctx.args.id)
        if paper is None:
            return EXIT_NOTHING
        ann = ctx.store.annotation(paper.id)
    if ctx.args.bibtex:
        from store.bibtex_export import to_bibtex

        ctx.write(to_bibtex([paper], abstract=True))
    elif ctx.args.json:
        import orjson

        from store.export import to_json

        record = orjson.loads(to_json([paper], {paper.id: ann}))[0]
        ctx.write(orjson.dumps(record, option=orjson.OPT_INDENT_2).decode())
    elif ctx.tty:
        from rich.panel import Panel

        ctx.out.print(Panel(describe(paper, ann, abstract=ctx.args.abstract), expand=False))
    else:
        ctx.write("".join(part for part, _ in parts(paper, ann, abstract=ctx.args.abstract)))
    return EXIT_OK
