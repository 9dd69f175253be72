"""The orjson TinyDB storage: round trips through TinyDB, corrupt files, caching."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinydb import TinyDB

from store.errors import StoreError
from store.storage import OrjsonStorage


def test_tinydb_round_trip(tmp_path: Path) -> None:
    """TinyDB on the storage inserts and reads back, with string ids kept as strings."""
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=OrjsonStorage)
    db.table("papers").insert({"id": "1501.00010", "arxiv_id": "1501.00010"})
    db.close()
    again = TinyDB(path, storage=OrjsonStorage)
    docs = again.table("papers").all()
    assert docs == [{"id": "1501.00010", "arxiv_id": "1501.00010"}]
    assert isinstance(docs[0]["arxiv_id"], str)
    assert not list(tmp_path.glob(".*.tmp"))


def test_missing_and_empty_files_read_as_none(tmp_path: Path) -> None:
    """A missing or zero-byte file is an empty database."""
    path = tmp_path / "db.json"
    assert OrjsonStorage(path).read() is None
    path.write_bytes(b"")
    assert OrjsonStorage(path).read() is None


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\x00\x01\x02binary"])
def test_corrupt_file_raises_and_is_untouched(tmp_path: Path, content: bytes) -> None:
    """A corrupt file gives a one-line StoreError naming it, and stays byte-identical."""
    path = tmp_path / "library.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        OrjsonStorage(path, backups=tmp_path / "backups").read()
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    assert "move the file away" in message
    assert path.read_bytes() == content


def test_cached_read_sees_outside_changes(tmp_path: Path) -> None:
    """A cached parse is dropped when another writer replaces the file."""
    path = tmp_path / "db.json"
    first = OrjsonStorage(path)
    first.write({"t": {"1": {"v": 1}}})
    assert first.read() == {"t": {"1": {"v": 1}}}
    OrjsonStorage(path).write({"t": {"1": {"v": 2}}})
    assert first.read() == {"t": {"1": {"v": 2}}}


def test_read_only_storage_refuses_writes(tmp_path: Path) -> None:
    """A storage opened read-only raises a clear StoreError on write and keeps the file."""
    path = tmp_path / "db.json"
    path.write_bytes(b'{"t": {}}')
    storage = OrjsonStorage(path, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        storage.write({"t": {"1": {}}})
    assert path.read_bytes() == b'{"t": {}}'
