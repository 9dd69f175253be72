"""The `paperdeck` command: the TUI by default, subcommands for imports and lookups."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from tui.commands import BY_NAME, SPECS, load
from tui.commands.context import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, CommandError, Context

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (--help needs none)
if TYPE_CHECKING:
    from typing import NoReturn

    from textual.app import App

DESCRIPTION = (
    "paperdeck: a terminal browser for research-publication listings. "
    "Run without a command to open the browser on your library."
)
EPILOG = (
    "exit codes: 0 ok, 1 nothing found, 2 usage or input error. "
    "PAPERDECK_HOME or --home choose the data directory; NO_COLOR disables colour."
)


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size().columns` gives it ($COLUMNS, else
    stdout's terminal, else 80), without importing shutil and its compression modules."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, given the width it would find itself: argparse makes one for
    every argument added (to check its metavar), and its default width imports shutil."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        """As argparse.HelpFormatter; width defaults to the terminal's less 2, as there."""
        width = terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


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


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: every command when argv is None; else, when argv names a command,
    only that one (so a run imports no other command's module), else every command's name and
    help (for `--help` and for a mistyped command) without their arguments."""
    named = None if argv is None else command_in(argv)
    parser = argparse.ArgumentParser(prog="paperdeck", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=HelpFormatter)
    _global_options(parser, sub=False)
    parser.add_argument("--version", action="version", version="paperdeck 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for spec in SPECS:  # a run of one command makes only its parser (each one costs)
        if argv is None or spec.name == named:
            cmd = sub.add_parser(spec.name, help=spec.help, description=spec.help,
                                 formatter_class=HelpFormatter)
            load(spec.name).add_arguments(cmd)
            _global_options(cmd.add_argument_group("global options"), sub=True)  # type: ignore[arg-type]
        elif named is None:
            _listed(sub, spec.name, spec.help)
    return parser


def _listed(sub: argparse._SubParsersAction, name: str, text: str) -> None:  # type: ignore[type-arg]
    """Name a command in `--help` and among the valid choices without making its parser (a run
    that names a command gets that command's real parser instead)."""
    pseudo = getattr(sub, "_ChoicesPseudoAction", None)
    if pseudo is None:  # an argparse without it: make the parser after all
        sub.add_parser(name, help=text, description=text, formatter_class=HelpFormatter)
        return
    sub._choices_actions.append(pseudo(name, (), text))
    sub._name_parser_map[name] = None  # type: ignore[assignment]


def command_in(argv: Sequence[str]) -> str | None:
    """The command argv names: its first word that is neither an option nor an option's value."""
    words = iter(argv)
    for word in words:
        if _takes_value(word):
            next(words, None)
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word if word in BY_NAME else None
    return None


def _takes_value(word: str) -> bool:
    """True for --home/--library (or an abbreviation argparse accepts) without "=VALUE"."""
    return len(word) > 3 and "=" not in word and any(
        name.startswith(word) for name in ("--home", "--library"))


def user_errors() -> tuple[type[Exception], ...]:
    """The exceptions that are a user's mistake (one line, exit 2), imported when needed."""
    from importers.base import ImporterError
    from store.errors import ArxivError, StoreError
    from tui.inputs import InputError

    return (CommandError, InputError, ImporterError, StoreError, ArxivError)


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


QUICK_EXIT = ("search", "show")  # read-only lookups: nothing to save or release at exit
LEAN = ("search", "show", "stats", "sections", "export")  # leave tui.deferred's modules unused


def quick_exit(code: int) -> NoReturn:
    """End a read-only lookup that never opened the Store now, without the interpreter's
    teardown (freeing every module and the index's maps costs more than the lookup itself):
    the output is flushed and nothing else is left to save or release."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): as main() treats it
        code = EXIT_OK
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, run the command, turn user errors into one line."""
    words = sys.argv[1:] if argv is None else list(argv)
    if command_in(words) in LEAN:
        from tui.deferred import UNUSED_BY_LOOKUPS, defer

        defer(*UNUSED_BY_LOOKUPS)
    args = parse_args(build_parser(words), words)
    ctx = Context(args)
    try:
        if args.command is None:
            return open_browser(ctx)
        code = int(load(args.command).run(ctx))
        if argv is None and args.command in QUICK_EXIT and not ctx.store_opened:
            quick_exit(code)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if isinstance(exc, user_errors()):
            ctx.warn(f"error: {exc}")
            return EXIT_USAGE
        # a bug, not a user's mistake: keep the trace out of sight
        if os.environ.get("PAPERDECK_DEBUG"):
            import traceback

            traceback.print_exc()
        name = type(exc).__name__
        ctx.warn(f"internal error: {name}: {exc} (set PAPERDECK_DEBUG=1 for details)")
        return 3


if __name__ == "__main__":
    sys.exit(main())
