"""Store.imported_many: stored papers by id, through the index or the library, alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import lookups
from store.repository import Store
from tests.store.storehelp import paper, result


def test_imported_many_through_index_equals_library(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Same papers either way; unknown ids are left out; the index path parses nothing."""
    store = Store(tmp_path)
    papers = [paper(f"Paper {i}", arxiv=f"2401.{i:05d}") for i in range(5)]
    store.apply_import(result(*papers), source="src", importer="test")
    store.set_edits(papers[1].id, {"title": "Edited"})
    ids = [papers[1].id, papers[3].id, "nope"]
    store.search_index.open()
    fresh = Store(tmp_path)
    monkeypatch.setattr(Store, "_lib", lambda self: pytest.fail("parsed the library"))
    via_index = fresh.imported_many(ids)
    monkeypatch.undo()
    assert set(via_index) == {papers[1].id, papers[3].id}
    assert via_index[papers[1].id].title == "Paper 1"  # as imported, not as edited
    fresh.drop_index()
    via_library = Store(tmp_path).imported_many(ids)
    assert via_index == via_library
    assert via_library[papers[3].id] == Store(tmp_path).imported(papers[3].id)
    assert lookups.imported_many(store, []) == {}
