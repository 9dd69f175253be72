"""`paperdeck digest --since 1d --format markdown`: what arrived lately, for cron and e-mail."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta

from store.daily.follows import FollowList
from store.daily.inbox import Arrivals, InboxItem, build_items
from store.text import clean_inline
from tui.commands.context import EXIT_NOTHING, EXIT_OK, CommandError, Context

NAME = "digest"
HELP = "write a digest of recent arrivals (markdown or text), e.g. for cron and e-mail"
_SPAN = re.compile(r"^(\d+)\s*([hdw])$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})(?:v\d+)?$", re.I)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck digest`."""
    parser.add_argument("--since", default="1d", metavar="SPAN",
                        help="how far back: 12h, 1d, 2w (default 1d)")
    parser.add_argument("--format", choices=("markdown", "text"), default="markdown")


def parse_span(text: str) -> timedelta:
    """"12h", "1d", "2w" as a timedelta; CommandError otherwise."""
    match = _SPAN.match(text.strip().lower())
    if not match:
        raise CommandError(f"--since {text!r}: use a number and h, d or w (e.g. 1d)")
    n, unit = int(match.group(1)), match.group(2)
    return timedelta(hours=n) if unit == "h" else timedelta(days=n * (7 if unit == "w" else 1))


def md(text: str) -> str:
    """Imported text made inert in Markdown (data is never markup)."""
    return _MD_SPECIAL.sub(r"\\\1", clean_inline(text))


def entry(item: InboxItem, markdown: bool) -> str:
    """One digest line."""
    p = item.paper
    tags = [t for t, on in (("cross-list", item.cross_list), ("replaced",
            item.kind == "replaced")) if on]
    authors = ", ".join(p.authors[:4]) + (" et al." if len(p.authors) > 4 else "")
    why = "; ".join(item.reasons)
    if not markdown:
        extra = f" [{', '.join(tags)}]" if tags else ""
        return clean_inline(f"- {p.display_title} — {authors} (arXiv:{p.arxiv_id}){extra}"
                            + (f" — {why}" if why else ""))
    link = (f"[arXiv:{p.arxiv_id}](https://arxiv.org/abs/{p.arxiv_id})"
            if _ARXIV_ID.match(p.arxiv_id) else md(f"arXiv:{p.arxiv_id}"))
    line = f"- **{md(p.display_title)}** — {md(authors)} ({link})"
    line += f" *{', '.join(tags)}*" if tags else ""
    return line + (f" — {md(why)}" if why else "")


def run(ctx: Context) -> int:
    """Print the digest on stdout."""
    cutoff = (datetime.now(UTC) - parse_span(ctx.args.since)).isoformat(timespec="seconds")
    recent = {k: v for k, v in Arrivals(ctx.home).all().items() if v.get("at", "") >= cutoff}
    items = build_items(ctx.store, recent, FollowList(ctx.home).get())
    markdown = ctx.args.format == "markdown"
    today = datetime.now(UTC).date().isoformat()
    head = f"# arXiv digest, {today}" if markdown else f"arXiv digest, {today}"
    lines = [head, "", f"{len(items)} new since {ctx.args.since} ago."]
    watched = [i for i in items if i.watched]
    if watched:
        lines += ["", "## Watched" if markdown else "Watched:"]
        lines += [entry(i, markdown) for i in watched]
    days: dict[str, list[InboxItem]] = {}
    for item in items:
        if not item.watched:
            days.setdefault(item.day or "undated", []).append(item)
    for day, group in days.items():
        lines += ["", f"## {day}" if markdown else f"{day}:"]
        lines += [entry(i, markdown) for i in group]
    ctx.write("\n".join(lines))
    return EXIT_OK if items else EXIT_NOTHING
