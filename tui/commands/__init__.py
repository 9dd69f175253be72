"""The `paperdeck` subcommands, one module each."""

from __future__ import annotations

from types import ModuleType

from tui.commands import (
    demo,
    enrich,
    export,
    import_cmd,
    mark,
    rename,
    search,
    sections,
    show,
    stats,
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
)
