"""`paperdeck follow`, `follows` and `unfollow`: what `paperdeck update` fetches."""

from __future__ import annotations

import argparse

from importers.arxiv_taxonomy import canonical, category_name, looks_like_category
from store.daily.follows import FollowList
from tui.commands.context import EXIT_OK, CommandError, Context

NAME = "follow"
HELP = "follow arXiv categories (cs.CV), authors (--author) or keywords (--keyword)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck follow`."""
    parser.add_argument("categories", nargs="*", metavar="CATEGORY",
                        help="arXiv category or archive, e.g. cs.CV, cs.LG, math")
    parser.add_argument("--author", action="append", default=[], metavar="NAME",
                        help="watch an author (fetched from the arXiv API, highlighted)")
    parser.add_argument("--keyword", action="append", default=[], metavar="PHRASE",
                        help="watch a phrase in titles and abstracts (highlighted)")


def check_categories(values: list[str]) -> list[str]:
    """Canonical category codes; CommandError naming an unknown one."""
    out: list[str] = []
    for value in values:
        code = canonical(value)
        if code is None:
            hint = "" if looks_like_category(value) else " (authors need --author NAME)"
            raise CommandError(f"{value!r} is not an arXiv category or archive{hint}; "
                               "see https://arxiv.org/category_taxonomy")
        out.append(code)
    return out


def run(ctx: Context) -> int:
    """Add the follows and say what was added."""
    cats = check_categories(ctx.args.categories)
    if not (cats or ctx.args.author or ctx.args.keyword):
        raise CommandError("nothing to follow: give CATEGORY, --author NAME or --keyword PHRASE")
    added = FollowList(ctx.home).add(categories=cats, authors=ctx.args.author,
                                     keywords=ctx.args.keyword)
    for cat in added.categories:
        ctx.write(f"following {cat} ({category_name(cat)})")
    for name in added.authors:
        ctx.write(f"following author {name}")
    for phrase in added.keywords:
        ctx.write(f"watching keyword {phrase!r}")
    if added.is_empty():
        ctx.write("already followed; nothing changed")
    return EXIT_OK

