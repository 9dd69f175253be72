"""Helpers of Store.apply_import: the import-result protocol, record upserts, source records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from store.models import Collection, Paper, Section, SourceRecord


class ImportLike(Protocol):
    """What apply_import needs from an importer's result (importers.base.ImportResult fits)."""

    @property
    def papers(self) -> Sequence[Paper]:
        """Parsed papers."""
        ...

    @property
    def sections(self) -> Sequence[Section]:
        """Parsed sections."""
        ...

    @property
    def collections(self) -> Sequence[Collection]:
        """Parsed collections."""
        ...

    @property
    def warnings(self) -> Sequence[object]:
        """Things skipped, each printable as one line."""
        ...


def upsert(old: Iterable[Any], new: Iterable[Any]) -> list[dict[str, Any]]:
    """Records by id: new ones replace old ones in place, unseen ones are appended."""
    merged = {str(r.id): r.to_dict() for r in old}
    for rec in new:
        data = rec.to_dict()
        before = merged.get(str(rec.id))
        if before and before.get("imported") and data.get("imported") is False:
            # A page imported earlier stays imported when a sibling page lists it in its nav.
            data.update({k: before[k] for k in ("imported", "page", "heading") if k in before})
        merged[str(rec.id)] = data
    return list(merged.values())


def source_record(
    known: Iterable[SourceRecord], source: str, importer: str, digest: str, count: int
) -> SourceRecord:
    """The source's record; the old one (and its date) is kept when nothing changed."""
    for old in known:
        if (old.id, old.importer, old.digest, old.papers) == (source, importer, digest, count):
            return old
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return SourceRecord(
        id=source, importer=importer, path=source, digest=digest, imported_at=now, papers=count
    )
