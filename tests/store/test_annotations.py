"""Annotations: mark semantics, text hygiene, corrupt files, and a hypothesis model check."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.annotations import Annotations
from store.errors import StoreError
from store.repository import Store


def test_mark_changes_only_what_is_given(tmp_path: Path) -> None:
    """None leaves a field alone; tags replace, add and remove; the record persists."""
    store = Store(tmp_path)
    store.mark("p1", read=True, tags=["b", "a", "b"])
    store.mark("p1", starred=True, add_tags=["c"], remove_tags=["b"])
    ann = Store(tmp_path).annotation("p1")
    assert (ann.read, ann.starred, ann.tags) == (True, True, ["a", "c"])
    store.mark("p1", note="line one\n\nline two", opened_at=datetime(2024, 5, 1, 12, 0))
    ann = Store(tmp_path).annotation("p1")
    assert ann.note == "line one\n\nline two" and ann.last_opened == "2024-05-01T12:00:00"
    assert ann.read is True


def test_cleared_annotation_is_dropped(tmp_path: Path) -> None:
    """An annotation with nothing left marked is removed from the file."""
    store = Store(tmp_path)
    store.mark("p1", read=True)
    store.mark("p1", read=False)
    assert store.annotations() == {}
    assert store.annotation("p1").is_empty()


def test_escape_sequences_are_stripped(tmp_path: Path) -> None:
    """Tags and notes lose terminal escapes and control bytes."""
    store = Store(tmp_path)
    ann = store.mark("p1", add_tags=["\x1b[31mred\x1b[0m"], note="hi\x1b]0;title\x07 there\x00")
    assert ann.tags == ["red"] and ann.note == "hi there"


@pytest.mark.parametrize("content", [b"{nope", b"[]", b'{"annotations": []}'])
def test_corrupt_annotations_are_never_overwritten(tmp_path: Path, content: bytes) -> None:
    """A corrupt annotations file raises a StoreError naming it, and a mark does not clobber it."""
    path = tmp_path / "annotations.json"
    path.write_bytes(content)
    store = Store(tmp_path)
    with pytest.raises(StoreError, match="annotations.json"):
        store.annotations()
    with pytest.raises(StoreError, match="move it away"):
        store.mark("p1", read=True)
    assert path.read_bytes() == content


def test_newer_annotations_are_refused(tmp_path: Path) -> None:
    """An annotations file from a newer version is refused, untouched."""
    path = tmp_path / "annotations.json"
    path.write_bytes(b'{"schema_version": 99, "annotations": {}}')
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path).mark("p1", read=True)
    assert path.read_bytes() == b'{"schema_version": 99, "annotations": {}}'


_ops = st.lists(
    st.tuples(
        st.sampled_from(["p1", "p2", "1501.00010"]),
        st.one_of(st.none(), st.booleans()),
        st.lists(st.sampled_from(["a", "b", "c"]), max_size=2),
        st.lists(st.sampled_from(["a", "b", "c"]), max_size=2),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(ops=_ops)
def test_marks_match_a_simple_model(tmp_path_factory: pytest.TempPathFactory, ops: list) -> None:
    """Any sequence of marks ends in the state a plain dict model predicts."""
    path = tmp_path_factory.mktemp("ann") / "annotations.json"
    notes = Annotations(path)
    model: dict[str, tuple[bool, list[str]]] = {}
    for pid, read, add, remove in ops:
        notes.mark(pid, read=read, add_tags=add, remove_tags=remove)
        was_read, tags = model.get(pid, (False, []))
        tags = [t for t in dict.fromkeys([*tags, *add]) if t not in remove]
        model[pid] = (was_read if read is None else read, tags)
    fresh = Annotations(path).all()
    expected = {pid: v for pid, v in model.items() if v[0] or v[1]}
    assert {pid: (a.read, a.tags) for pid, a in fresh.items()} == expected
    assert all(isinstance(pid, str) for pid in fresh)
