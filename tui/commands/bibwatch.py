"""Shared by `export --watch` and `bib`: render a .bib from the store and keep it current."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.models import Paper
from store.repository import Store
from tui.commands.context import EXIT_OK, CommandError, Context


def store_fingerprint(store: Store) -> str:
    """Changes whenever the library, the marks or the user's layer (keys, edits) change."""
    from store.paths import annotations_file
    from store.storage import file_stamp

    marks = file_stamp(annotations_file(store.home))
    return f"{store.library_fingerprint()}|{marks}|{store.overlay.stamp()}"


def bib_renderer(
    choose: Callable[[], list[Paper]], *, abstract: bool, ascii: bool
) -> Callable[[str], str]:
    """A function from the file's previous text to its new text (order and bytes kept)."""
    from store.cite.bibfile import entries, ordered

    return lambda previous: ordered(previous, entries(choose(), abstract=abstract, ascii=ascii))


def keep_written(ctx: Context, path: Path, render: Callable[[str], str], *,
                 watch: bool, interval: float,
                 fingerprint: Callable[[], str] | None = None) -> int:
    """Write path once, or (watching) now and after every change, until Ctrl-C."""
    from store.atomic import read_bytes
    from store.cite.bibfile import watch as watch_loop
    from store.cite.bibfile import write_if_changed
    from store.errors import StoreError

    def said(text: str) -> None:
        count = text.count("\n@") + text.startswith("@")
        ctx.warn(f"wrote {path} ({count} entries)")

    try:
        if not watch:
            previous = (read_bytes(path) or b"").decode("utf-8", "replace")
            text = render(previous)
            if write_if_changed(path, text):
                said(text)
            return EXIT_OK
        ctx.warn(f"watching the library; {path} is rewritten on changes (Ctrl-C stops)")
        watch_loop(path, render, fingerprint or (lambda: store_fingerprint(ctx.store)),
                   interval=interval, on_write=said)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    except KeyboardInterrupt:
        ctx.warn("stopped watching")
    return EXIT_OK
