"""`paperdeck demo`: the TUI on a throwaway copy of the bundled demo library."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.context import EXIT_OK, Context

if TYPE_CHECKING:
    from store.repository import Store

NAME = "demo"
HELP = "open the TUI on a throwaway copy of the bundled demo library"


def demo_root() -> Path:
    """The bundled demo documents inside the installed package."""
    return Path(str(files("tui") / "demo"))


def build_demo(home: Path, *, today: date | None = None) -> Store:
    """A store in home filled from the bundled demo documents (lab site, profile, listing)."""
    from store.repository import Store
    from tui.importing import apply_sources, read_and_parse

    store = Store(home)
    root = demo_root()
    parsed = read_and_parse(
        [str(root / "site"), str(root / "profile"), str(root / "listing")], today=today
    )
    apply_sources(store, parsed)
    return store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `paperdeck demo`."""
    parser.add_argument("--keep", metavar="DIR", help="build the demo store in DIR and keep it")


def run(ctx: Context) -> int:
    """Build the demo store in a temporary home and open the app on it."""
    from tui.app import create_app

    if ctx.args.keep:
        store = build_demo(Path(ctx.args.keep))
        create_app(store).run()
        return EXIT_OK
    home = Path(tempfile.mkdtemp(prefix="paperdeck-demo-"))
    try:
        store = build_demo(home)
        create_app(store).run()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return EXIT_OK
