"""find_twins: every stored paper a merge could meet, however many (one search when they fit
its first page, a second when they do not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.imports import partial as partial_mod
from store.index.twins import find_twins
from store.merge.keys import norm_title
from tests.store.storehelp import paper, result


@pytest.mark.parametrize("shared", [3, 150])  # within the first page; beyond it
def test_twins_are_all_papers_sharing_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            shared: int) -> None:
    from store.repository import Store

    monkeypatch.setattr(partial_mod, "PARTIAL_MIN", 0)
    store = Store(tmp_path / "home")
    same = [paper("Learning to see in the dark", source="a.md", doi=f"10.9/{i}")
            for i in range(shared)]
    other = [paper(f"Unrelated work number {i}", source="a.md", doi=f"10.8/{i}")
             for i in range(40)]
    store.apply_import(result(*other[:20], *same, *other[20:]), source="a.md",
                       importer="test")
    index = store.search_index.open()
    assert index is not None
    incoming = [paper("Learning to see in the dark", source="b.md", doi="10.7/1"),
                paper("Unrelated work number 7", source="b.md", doi="10.7/2")]
    twins = find_twins(index, incoming)
    found = [raw["title"] for _, raw in twins.found]
    assert [pos for pos, _ in twins.found] == sorted(pos for pos, _ in twins.found)
    want = {norm_title(p.title) for p in incoming}
    assert len(found) == shared + 1 and all(norm_title(t) in want for t in found)
