"""The library's freshness key: every change is seen, and a long-lived process does not stat
every part file per keystroke."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from store import fingerprint
from store.fingerprint import PartsStamp
from store.repository import Store
from tests.store.storehelp import paper, result


def _split(home: Path) -> Store:
    """A store whose library is split into two parts."""
    store = Store(home)
    for source in ("a.md", "b.md"):
        store.apply_import(result(*(paper(f"{source} {i}", source=source) for i in range(3))),
                           source=source, importer="test")
    return store


def _scans(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every scan of the parts folder."""
    seen: list[Path] = []
    real = fingerprint._parts_stamp

    def counted(path: Path) -> str:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(fingerprint, "_parts_stamp", counted)
    return seen


def test_repeated_checks_scan_the_parts_once(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Searches a keystroke apart reuse the parts' stamp while nothing changed."""
    _split(tmp_path)
    store = Store(tmp_path)
    scans = _scans(monkeypatch)
    first = store.library_fingerprint()
    assert all(store.library_fingerprint() == first for _ in range(20))
    assert len(scans) == 1


def test_another_processs_import_is_seen_at_once(tmp_path: Path) -> None:
    """A write by another Store (new part files, a new manifest) changes the key at once."""
    store = _split(tmp_path)
    before = store.library_fingerprint()
    other = Store(tmp_path)
    other.apply_import(result(paper("b.md new", source="b.md")), source="b.md", importer="test")
    assert store.library_fingerprint() != before
    assert store.count() == 7


def test_an_in_place_edit_of_a_part_is_seen_within_max_age(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another tool rewriting a part in place (same size, old mtime) changes the key once the
    memo is older than MAX_AGE; with no memo (one-shot commands) at once."""
    store = _split(tmp_path)
    before = store.library_fingerprint()
    part = sorted((tmp_path / "library.parts").glob("*.json"))[0]
    st = part.stat()
    data = part.read_bytes()
    part.write_bytes(data.replace(b"a.md 0", b"a.md X"))
    os.utime(part, ns=(st.st_atime_ns, st.st_mtime_ns))
    monkeypatch.setattr(PartsStamp, "MAX_AGE", 0.0)
    assert store.library_fingerprint() != before
