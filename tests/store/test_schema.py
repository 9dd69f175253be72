"""Schema versions: migration of old stores with a backup, refusal of newer ones."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.errors import StoreError
from store.repository import Store
from store.schema import SCHEMA_VERSION, backup_label, list_backups, prune_backups


def _v0_library(path: Path) -> bytes:
    """A version-0 store: plain TinyDB, no meta, papers missing newer fields, numeric ids."""
    data = {
        "_default": {},
        "papers": {
            "1": {"id": "pold00001", "title": "Old Paper", "authors": ["A. Person"]},
            "2": {"id": "pold00002", "title": "Numeric arXiv", "arxiv_id": 1501.0001},
        },
        "sections": {"1": {"id": "site:x/all", "collection": "site:x", "label": "All"}},
    }
    raw = orjson.dumps(data)
    path.write_bytes(raw)
    return raw


def test_old_store_is_backed_up_then_migrated(tmp_path: Path) -> None:
    """Opening a version-0 store writes a byte-identical backup, then migrates the file."""
    lib = tmp_path / "library.json"
    original = _v0_library(lib)
    store = Store(tmp_path)
    papers = store.papers()
    assert [p.id for p in papers] == ["pold00001", "pold00002"]
    assert papers[0].year is None and papers[0].links == []
    assert isinstance(papers[1].arxiv_id, str)
    backups = list_backups(tmp_path / "backups")
    assert len(backups) == 1 and backups[0].read_bytes() == original
    data = orjson.loads(lib.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert data["papers"]["1"]["venue_short"] == ""
    assert Store(tmp_path).sections()[0].id == "site:x/all"
    assert len(list_backups(tmp_path / "backups")) == 1


def test_newer_store_is_refused(tmp_path: Path) -> None:
    """A store from a newer paperdeck is refused with one line naming the file, untouched."""
    lib = tmp_path / "library.json"
    raw = orjson.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "papers": {}})
    lib.write_bytes(raw)
    with pytest.raises(StoreError) as info:
        Store(tmp_path).papers()
    assert str(lib) in str(info.value) and "newer" in str(info.value)
    assert "\n" not in str(info.value)
    assert lib.read_bytes() == raw


def test_corrupt_library_names_the_last_backup(tmp_path: Path) -> None:
    """A corrupt library is never overwritten; the error names the newest backup."""
    backups = tmp_path / "backups"
    backups.mkdir()
    lib = tmp_path / "library.json"
    label = backup_label(lib)
    (backups / f"{label}-20240101T000000000000Z.json").write_bytes(b"{}")
    (backups / f"{label}-20250101T000000000000Z.json").write_bytes(b"{}")
    lib.write_bytes(b'{"papers": {"1": {"id": "x"')
    store = Store(tmp_path)
    with pytest.raises(StoreError, match=f"{label}-20250101T000000000000Z.json"):
        store.papers()
    with pytest.raises(StoreError, match="corrupt"):
        store.rows()
    assert lib.read_bytes() == b'{"papers": {"1": {"id": "x"'


def test_wrong_shape_is_refused(tmp_path: Path) -> None:
    """Valid JSON that is not tables of records is refused, not overwritten."""
    lib = tmp_path / "library.json"
    lib.write_bytes(b'{"papers": [1, 2, 3]}')
    with pytest.raises(StoreError, match="not a paperdeck library"):
        Store(tmp_path).papers()
    assert lib.read_bytes() == b'{"papers": [1, 2, 3]}'


def test_prune_keeps_newest(tmp_path: Path) -> None:
    """Pruning keeps the newest backups only."""
    for year in range(2020, 2026):
        (tmp_path / f"library-{year}0101T000000000000Z.json").write_bytes(b"{}")
    prune_backups(tmp_path, keep=2)
    assert [p.name[8:12] for p in list_backups(tmp_path)] == ["2024", "2025"]
