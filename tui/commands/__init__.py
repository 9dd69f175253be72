"""The `paperdeck` subcommands, one module each."""

from __future__ import annotations

from types import ModuleType

from tui.commands import (
    bib,
    cite,
    demo,
    edit,
    enrich,
    export,
    import_cmd,
    mark,
    note,
    rekey,
    remove,
    search,
    sections,
    show,
    stats,
    undo,
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
    enrich,
    rekey,
    bib,
    cite,
    edit,
    note,
    remove,
    undo,
)
