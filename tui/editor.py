"""Editing text in the user's $EDITOR, and the edit/note flows the CLI and the TUI share."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from store.errors import StoreError
from store.repository import Store


class EditorError(StoreError):
    """The editor could not run or gave up: one line, nothing saved."""


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else vi, split like a shell would."""
    raw = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        parts = shlex.split(raw)
    except ValueError as exc:
        raise EditorError(f"$EDITOR {raw!r} cannot be read ({exc})") from None
    return parts or ["vi"]


def edit_text(text: str, suffix: str) -> str:
    """text after the user edited it in their editor (EditorError when it failed)."""
    fd, name = tempfile.mkstemp(prefix="paperdeck-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        command = [*editor_command(), str(path)]
        try:
            status = subprocess.call(command)
        except OSError as exc:
            raise EditorError(f"cannot run the editor {command[0]!r} ({exc.strerror}); "
                              "set $EDITOR") from None
        if status != 0:
            raise EditorError(f"the editor exited with status {status}; nothing saved")
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)


def edit_paper(store: Store, paper_id: str) -> list[str]:
    """Open a paper as YAML in $EDITOR and keep what the user changed; return the fields
    the user has set now (StoreError, one line, when the paper is unknown or the YAML bad)."""
    from store.edits import changes, from_yaml, to_yaml

    paper = store.get(paper_id)
    imported = store.imported(paper_id)
    if paper is None or imported is None:
        raise StoreError(f"no paper {paper_id!r}")
    text = edit_text(to_yaml(paper), ".yaml")
    fields = changes(imported, from_yaml(text, f"{paper_id}.yaml"))
    store.set_edits(paper_id, fields)
    return list(fields)


def edit_note(store: Store, paper_id: str) -> str:
    """Open a paper's note as Markdown in $EDITOR and save it; return the new note."""
    if store.get(paper_id) is None:
        raise StoreError(f"no paper {paper_id!r}")
    old = store.annotation(paper_id).note
    text = edit_text(old, ".md").rstrip("\n")
    if text != old:
        store.mark(paper_id, note=text)
    return text
