"""The `paperdeck` command: the TUI by default, subcommands for imports and lookups."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING

from importers.base import ImporterError
from store.errors import ArxivError, StoreError
from tui.commands import COMMANDS
from tui.commands.context import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, CommandError, Context
from tui.inputs import InputError

if TYPE_CHECKING:
    from textual.app import App

DESCRIPTION = (
    "paperdeck: a terminal browser for research-publication listings. "
    "Run without a command to open the browser on your library."
)
EPILOG = (
    "exit codes: 0 ok, 1 nothing found, 2 usage or input error. "
    "PAPERDECK_HOME or --home choose the data directory; NO_COLOR disables colour."
)


def _global_options(parser: argparse.ArgumentParser, *, sub: bool) -> None:
    """--home and --library; on a subcommand they default to "not given" (keep the main's)."""
    default = argparse.SUPPRESS if sub else None
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=default,
        help="data directory (default: $PAPERDECK_HOME or the user data dir)",
    )
    parser.add_argument(
        "--library",
        metavar="PATH",
        default=default,
        help="use this library file (may be a shared, read-only file)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="paperdeck", description=DESCRIPTION, epilog=EPILOG)
    _global_options(parser, sub=False)
    parser.add_argument("--version", action="version", version="paperdeck 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        _global_options(cmd.add_argument_group("global options"), sub=True)  # type: ignore[arg-type]
        cmd.set_defaults(run=module.run)
    return parser


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse argv; an unknown option after a subcommand is reported with that one's usage."""
    args, extra = parser.parse_known_args(argv)
    if (
        extra
        and isinstance(getattr(args, "query", None), list)
        and extra[0].startswith("-")
        and not any(x.startswith("--") for x in extra)
    ):  # `search video -compression`, `-(a OR b)`: negated words, not options
        args.query = [*args.query, *extra]
        extra = []
    if extra:
        command = getattr(args, "command", None)
        sub = _subparser(parser, command) if command else None
        (sub or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser | None:
    """The subparser of a command name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found = action.choices.get(name)
            return found if isinstance(found, argparse.ArgumentParser) else None
    return None


def open_browser(ctx: Context) -> int:
    """Open the TUI on the user's store; an empty store offers the demo."""
    from tui.app import create_app

    store = ctx.store
    if store.is_empty():
        ctx.warn(f"your library ({store.library_path}) is empty.")
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            ctx.warn("try `paperdeck demo`, or `paperdeck import PATH` to add your listings.")
            return EXIT_NOTHING
        answer = input("Open the bundled demo library instead? [Y/n] ").strip().lower()
        if answer in ("", "y", "yes"):
            from tui.commands import demo

            ctx.args.keep = None
            return demo.run(ctx)
    return app_exit(ctx, create_app(store))


def app_exit(ctx: Context, app: App[object]) -> int:
    """Run the app; exit code 3 (and one line) when it stopped on an unhandled error."""
    app.run()
    if app.return_code:
        ctx.warn("internal error: the app stopped on an unexpected error (exit 3)")
        return 3
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, run the command, turn user errors into one line."""
    parser = build_parser()
    args = parse_args(parser, argv)
    ctx = Context(args)
    try:
        if args.command is None:
            return open_browser(ctx)
        return int(args.run(ctx))
    except (CommandError, InputError, ImporterError, StoreError, ArxivError) as exc:
        ctx.warn(f"error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug, not a user's mistake: keep the trace out of sight
        if os.environ.get("PAPERDECK_DEBUG"):
            traceback.print_exc()
        name = type(exc).__name__
        ctx.warn(f"internal error: {name}: {exc} (set PAPERDECK_DEBUG=1 for details)")
        return 3


if __name__ == "__main__":
    sys.exit(main())
