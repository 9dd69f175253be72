"""Cite-key lookups that skip parsing the whole key map give the answers the parsed map gives."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.cite.keys import KEYS_FILE, CiteKeys

KEYS = {"p1": "lee2020video", "p2": "Kim2021Low", "p3": "lee2020videoa", "video": "chen2019x"}


def keys_in(tmp_path: Path, *, pretty: bool = False) -> CiteKeys:
    """A key file holding KEYS (compact as paperdeck writes it, or pretty-printed)."""
    doc = {"schema_version": 1, "keys": KEYS}
    option = orjson.OPT_INDENT_2 if pretty else 0
    (tmp_path / KEYS_FILE).write_bytes(orjson.dumps(doc, option=option))
    return CiteKeys(tmp_path)


@pytest.mark.parametrize("pretty", [False, True])
@pytest.mark.parametrize("key", ["lee2020video", "kim2021low", "KIM2021LOW", "lee2020videoa",
                                 "lee2020vide", "video", "p1", "chen2019x", "nothing"])
def test_paper_id_is_the_parsed_maps_answer(tmp_path: Path, pretty: bool, key: str) -> None:
    """Exact or case-insensitive keys are found; an id ("video", "p1") or a key's start is not
    a key; a pretty-printed file gives the same answers."""
    fast = keys_in(tmp_path, pretty=pretty).paper_id(key)
    expected = {"lee2020video": "p1", "kim2021low": "p2", "KIM2021LOW": "p2",
                "lee2020videoa": "p3", "chen2019x": "video"}.get(key, "")
    assert fast == expected


def test_keys_of_a_few_ids(tmp_path: Path) -> None:
    """A few ids' keys by byte search; None (parse instead) for an unknown id or a file whose
    layout the search does not know."""
    keys = keys_in(tmp_path)
    assert keys.keys_of(["p2", "p1"]) == {"p2": "Kim2021Low", "p1": "lee2020video"}
    assert keys.keys_of(["video"]) == {"video": "chen2019x"}
    assert keys.keys_of(["p9"]) is None
    assert keys.keys_of(['p"1']) is None
    assert keys_in(tmp_path, pretty=True).keys_of(["p1"]) is None
    assert CiteKeys(tmp_path / "missing").keys_of(["p1"]) is None


@pytest.mark.parametrize("key", ["lee2020video", "KIM2021LOW", "lee2020vide", "video", "nothing"])
def test_warm_lookups_answer_from_the_parsed_map(tmp_path: Path, key: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """After warm() (the TUI, in a thread) lookups are the parsed map's answers with no byte
    search of the file; a rewritten file is seen at once."""
    keys = keys_in(tmp_path)
    expected = keys.paper_id(key)
    keys.warm()

    def no_scan(*_: object) -> bool:
        raise AssertionError("byte search after warm()")

    monkeypatch.setattr(CiteKeys, "_may_hold", no_scan)
    monkeypatch.setattr(Path, "read_bytes", no_scan)
    assert keys.paper_id(key) == expected
    assert keys.keys_of(["p2", "p1"]) == {"p2": "Kim2021Low", "p1": "lee2020video"}
    assert keys.keys_of(["p9"]) is None
    monkeypatch.undo()
    doc = {"schema_version": 1, "keys": {**KEYS, "p4": "new2024key"}}
    (tmp_path / KEYS_FILE).write_bytes(orjson.dumps(doc))
    assert keys.paper_id("new2024key") == "p4"
    assert keys.keys_of(["p4"]) == {"p4": "new2024key"}


def test_keys_equal_up_to_case_are_found_exactly_only(tmp_path: Path) -> None:
    """Two ids whose keys differ only in case (a hand-edited file): each exact key finds its
    id, the other spellings find none; the first of two equal keys wins."""
    doc = {"schema_version": 1, "keys": {"a": "Lee2020", "b": "lee2020", "c": "x1", "d": "x1"}}
    (tmp_path / KEYS_FILE).write_bytes(orjson.dumps(doc))
    keys = CiteKeys(tmp_path)
    keys.warm()
    assert [keys.paper_id(k) for k in ("Lee2020", "lee2020", "LEE2020", "x1", "X1")] == [
        "a", "b", "", "c", ""]
