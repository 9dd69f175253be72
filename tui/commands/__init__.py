"""The `paperdeck` subcommands, one module each."""

from __future__ import annotations

from types import ModuleType

from tui.commands import (
    bib,
    cite,
    demo,
    digest,
    edit,
    enrich,
    export,
    follow,
    follows,
    import_cmd,
    mark,
    new,
    note,
    rekey,
    remove,
    rename,
    search,
    sections,
    show,
    snapshot,
    stats,
    undo,
    unfollow,
    update,
)

COMMANDS: tuple[ModuleType, ...] = (
    demo,
    import_cmd,
    search,
    show,
    export,
    mark,
    stats,
    sections,
    rename,
    enrich,
    follow,
    follows,
    unfollow,
    update,
    new,
    digest,
    rekey,
    bib,
    cite,
    edit,
    note,
    remove,
    undo,
    snapshot,
)
