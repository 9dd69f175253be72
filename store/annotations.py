"""The user's annotations (read, starred, tags, note, last opened), apart from the library."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from store.jsonfile import JsonFile
from store.models import Annotation
from store.text import clean_inline, strip_controls
from store.typecheck import check_annotations

ANNOTATIONS_VERSION = 1


def _clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags cleaned of controls and spaces, without empties or repeats, order kept."""
    out: list[str] = []
    for tag in tags:
        clean = clean_inline(str(tag))
        if clean and clean not in out:
            out.append(clean)
    return out


class Annotations:
    """annotations.json: one record per annotated paper id; never touches the library."""

    def __init__(self, path: Path) -> None:
        """Manage the annotations file at path (created on first mark)."""
        self.file = JsonFile(path, key="annotations", version=ANNOTATIONS_VERSION)
        self._checked: dict[str, Any] | None = None

    @property
    def path(self) -> Path:
        """The annotations file."""
        return self.file.path

    def _payload(self) -> dict[str, Any]:
        """The stored records, type-checked (StoreError names the file, paper and field)."""
        payload = self.file.read()
        if payload is not self._checked:
            check_annotations(payload, self.path)
            self._checked = payload
        return payload

    def get(self, paper_id: str) -> Annotation:
        """The annotation of a paper (an empty one when it has none)."""
        data = self._payload().get(str(paper_id))
        return Annotation.from_dict(data) if isinstance(data, dict) else Annotation()

    def all(self) -> dict[str, Annotation]:
        """Every stored annotation by paper id."""
        return {
            pid: Annotation.from_dict(rec)
            for pid, rec in self._payload().items()
            if isinstance(rec, dict)
        }

    def mark(
        self,
        paper_id: str,
        *,
        read: bool | None = None,
        starred: bool | None = None,
        tags: Iterable[str] | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
        note: str | None = None,
        opened_at: datetime | str | None = None,
    ) -> Annotation:
        """Change some marks of one paper (None means leave as is) and save atomically."""
        pid = str(paper_id)
        new_tags = None if tags is None else _clean_tags(tags)
        adding = _clean_tags(add_tags)
        removing = set(_clean_tags(remove_tags))
        if isinstance(opened_at, datetime):
            opened_at = opened_at.isoformat(timespec="seconds")

        def change(payload: dict[str, Any]) -> Annotation:
            """Apply the marks to the freshly reloaded payload."""
            rec = payload.get(pid)
            ann = Annotation.from_dict(rec) if isinstance(rec, dict) else Annotation()
            if read is not None:
                ann.read = bool(read)
            if starred is not None:
                ann.starred = bool(starred)
            if new_tags is not None:
                ann.tags = list(new_tags)
            ann.tags = [t for t in _clean_tags([*ann.tags, *adding]) if t not in removing]
            if note is not None:
                ann.note = strip_controls(note).strip()
            if opened_at is not None:
                ann.last_opened = clean_inline(str(opened_at))
            if ann.is_empty():
                payload.pop(pid, None)
            else:
                payload[pid] = ann.to_dict()
            return ann

        self._payload()  # a record of the wrong type is refused, not rewritten
        return self.file.update(change)
