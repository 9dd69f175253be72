"""Cite-key lookups that skip parsing the whole key map give the answers the parsed map gives."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.cite.keys import KEYS_FILE, CiteKeys
from store.cite.keyscan import id_of

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


def test_a_word_that_is_no_key_is_answered_by_the_sketch_without_reading_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every one-word search asks whether the word is a cite key: once the sketch is built, a
    word it does not hold is answered without a byte search of the key file (80 MB at 2.5M
    papers, ~180 ms a keystroke)."""
    import store.cite.keys as keys_module
    import store.cite.keysketch as sketch_module

    keys = keys_in(tmp_path)
    assert keys.paper_id("quantum") == ""  # builds the sketch
    assert keys.paper_id("lee2020video") == "p1"

    def no_scan(*_: object) -> bool:
        raise AssertionError("byte search of the key file")

    monkeypatch.setattr(keys_module, "may_hold", no_scan)
    monkeypatch.setattr(sketch_module, "may_hold", no_scan)
    fresh = CiteKeys(tmp_path)
    hits = [w for w in ("quantum", "graph", "video", "compression", "diffusion")
            if fresh._may_hold(w)]
    assert len(hits) <= 1  # a "maybe" of the sketch (about 1.4% of words) is then scanned
    for word in ("quantum", "graph", "video", "compression", "diffusion"):
        if word not in hits:
            assert fresh.paper_id(word) == ""


def test_a_symlinked_key_file_is_still_searched_by_bytes(tmp_path: Path) -> None:
    """A key file that is a link (a synced folder) is byte-searched, not sketched."""
    real = tmp_path / "real"
    real.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    keys_in(real)
    (home / KEYS_FILE).symlink_to(real / KEYS_FILE)
    keys = CiteKeys(home)
    assert keys.paper_id("KIM2021LOW") == "p2" and keys.paper_id("graph") == ""
    assert not (home / "cache").exists()


def test_a_large_key_file_is_not_held_parsed(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """warm() leaves a key file over WARM_MAX unparsed (the TUI's memory must not grow with
    the library); lookups still answer, through the sketch."""
    import store.cite.keys as keys_module

    keys = keys_in(tmp_path)
    monkeypatch.setattr(keys_module, "WARM_MAX", 10)
    keys.warm()
    assert keys.file.cached() is None and keys._reverse is None
    assert keys.paper_id("kim2021low") == "p2" and keys.paper_id("graph") == ""
    monkeypatch.setattr(keys_module, "WARM_MAX", 2**30)
    keys.warm()
    assert keys.file.cached() is not None


_KEY = st.from_regex(r"[A-Za-z0-9_:.+/\-]{1,6}", fullmatch=True)
_ID = st.from_regex(r"[a-z0-9:._\-]{1,8}", fullmatch=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_ID, st.one_of(_KEY, st.sampled_from(["Lee2020", "lee2020", "LEE2020"])),
                       max_size=12),
       st.lists(st.one_of(_KEY, st.sampled_from(["Lee2020", "lee2020", "LEE2020", "x"])),
                min_size=1, max_size=6))
def test_the_byte_search_gives_the_parsed_maps_answer(keys: dict[str, str],
                                                      probes: list[str]) -> None:
    """id_of (a large key file, never parsed) answers as the parsed map does: exact key first
    (the first id), else the only key equal up to case, else none."""
    import tempfile

    data = orjson.dumps({"schema_version": 1, "keys": keys})
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / KEYS_FILE).write_bytes(data)
        parsed = CiteKeys(Path(tmp))
        parsed.warm()
        for probe in probes + list(keys.values())[:3] + [v.upper() for v in keys.values()][:3]:
            found = id_of(data, probe)
            plain = not any(":" in t for t in [*keys, *keys.values(), probe])
            assert found == parsed.paper_id(probe) if plain else found in (
                None, parsed.paper_id(probe)), probe


def test_a_large_key_file_is_searched_not_parsed(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Over WARM_MAX, a real key (or a sketch's false "maybe") is found by a byte search and
    the map is not parsed and held."""
    import store.cite.keys as keys_module

    monkeypatch.setattr(keys_module, "WARM_MAX", 10)
    keys = keys_in(tmp_path)
    for key, expected in [("lee2020video", "p1"), ("KIM2021LOW", "p2"), ("chen2019x", "video"),
                          ("lee2020vide", ""), ("p1", "")]:
        assert keys.paper_id(key) == expected
    assert keys.file.cached() is None and keys._reverse is None
    assert keys_in(tmp_path, pretty=True).paper_id("KIM2021LOW") == "p2"  # parsed instead


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_ID, _KEY, max_size=15), st.data())
def test_one_pass_over_the_file_gives_the_parsed_maps_keys(keys: dict[str, str],
                                                           data: st.DataObject) -> None:
    """keys_for (many ids, a large file) answers as the parsed map does, or None (parse)."""
    from store.cite.keyscan import keys_for

    raw = orjson.dumps({"schema_version": 1, "keys": keys})
    ids = data.draw(st.lists(st.sampled_from(sorted(keys)), unique=True)) if keys else []
    extra = data.draw(st.lists(_ID, max_size=2))
    found = keys_for(raw, ids + extra)
    if all(e in keys for e in extra):
        assert found == {i: keys[i] for i in ids + extra}
    else:
        assert found is None


def test_export_over_a_large_key_file_holds_no_parsed_map(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Papers overlaid for an export (many at once) get their keys by one pass over a large
    key file; the map is not parsed and held (the TUI would keep it for its lifetime)."""
    import store.cite.keys as keys_module
    from store.repository import Store
    from tests.store.storehelp import paper, result

    store = Store(tmp_path)
    store.apply_import(result(*(paper(f"Paper number {i}") for i in range(30))),
                       source="a.md", importer="test")
    expected = {p.id: p.extra["citekey"] for p in store.overlaid(store.matching(""))}
    monkeypatch.setattr(keys_module, "WARM_MAX", 10)
    fresh = Store(tmp_path)
    got = {p.id: p.extra["citekey"] for p in fresh.overlaid(fresh.matching(""))}
    assert got == expected and len(got) == 30
    assert fresh.overlay.keys.file.cached() is None


def test_a_paper_without_a_key_in_a_large_library_gets_one_without_loading_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A paper whose key is missing (an import killed before its keys were written) gets its
    key alone when the key file is large: the whole library is not loaded to assign keys
    (at 2.5M papers that is many GB); the key it gets is the pattern's."""
    import store.cite.keys as keys_module
    from store.repository import Store
    from tests.store.storehelp import paper, result

    store = Store(tmp_path)
    store.apply_import(result(*(paper(f"Paper number {i}") for i in range(12))),
                       source="a.md", importer="test")
    doc = orjson.loads((tmp_path / KEYS_FILE).read_bytes())
    lost = sorted(doc["keys"])[3]
    old_key = doc["keys"].pop(lost)
    (tmp_path / KEYS_FILE).write_bytes(orjson.dumps(doc))
    monkeypatch.setattr(keys_module, "WARM_MAX", 10)

    def no_load(*_: object) -> None:
        raise AssertionError("the whole library was loaded")

    monkeypatch.setattr(Store, "_lib", no_load)
    fresh = Store(tmp_path)
    got = fresh.get(lost)
    assert got is not None and got.extra["citekey"] == old_key
    assert orjson.loads((tmp_path / KEYS_FILE).read_bytes())["keys"][lost] == old_key
