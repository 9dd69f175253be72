"""`paperdeck demo`: the TUI on a throwaway copy of the bundled demo library."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from tui.commands.context import Context

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


@contextlib.contextmanager
def removed_on_signal(directory: Path) -> Iterator[None]:
    """Delete directory if SIGHUP (an SSH drop) or SIGTERM ends the process meanwhile."""

    def handler(signum: int, frame: FrameType | None) -> None:
        """Remove the directory, then die of the same signal as before."""
        shutil.rmtree(directory, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    caught = (signal.SIGHUP, signal.SIGTERM)
    previous = {sig: signal.signal(sig, handler) for sig in caught}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(ctx: Context) -> int:
    """Build the demo store in a temporary home and open the app on it."""
    from tui.app import create_app
    from tui.cli import app_exit

    if ctx.args.keep:
        store = build_demo(Path(ctx.args.keep))
        return app_exit(ctx, create_app(store))
    home = Path(tempfile.mkdtemp(prefix="paperdeck-demo-"))
    with removed_on_signal(home):
        try:
            store = build_demo(home)
            return app_exit(ctx, create_app(store))
        finally:
            shutil.rmtree(home, ignore_errors=True)
