"""Keys an import adds without parsing the key map: the same file as assign(), bounded cost."""

from __future__ import annotations

import tempfile
import tracemalloc
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.cite import keys as keys_mod
from store.cite.keys import CiteKeys
from store.cite.ledger import HashSet, Ledger, head
from store.models import Paper
from store.overlay import Overlay

NAMES = ["Wang", "wang", "Li", "Müller", "Ørsted", "O'Neil"]
WORDS = ["deep", "Deep", "graphs", "über", "the"]


def _paper(pid: str, name: str, year: int, word: str, own: str = "") -> Paper:
    """A paper whose default key is <name><year><word> (own: an imported .bib key)."""
    return Paper(id=pid, title=f"{word} learning", authors=[f"Ada {name}"], year=year,
                 extra={"citekey": own} if own else {})


def _bytes(path: Path) -> bytes | None:
    """A file's bytes, None when it is missing."""
    return path.read_bytes() if path.exists() else None


@pytest.fixture(autouse=True)
def _ledger_for_any_import(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every add_missing goes through the ledger (not only imports of 1,000+ papers)."""
    monkeypatch.setattr(keys_mod, "LEDGER_PAPERS", 0)


papers_st = st.lists(st.builds(
    _paper, st.sampled_from([f"p{i:09x}" for i in range(12)]), st.sampled_from(NAMES),
    st.integers(2019, 2020), st.sampled_from(WORDS),
    st.sampled_from(["", "wang2019deep", "Wang2019Deepa", "bad key"])), max_size=10)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=papers_st, batches=st.lists(papers_st, max_size=3))
def test_add_missing_writes_exactly_what_assign_writes(first: list[Paper],
                                                        batches: list[list[Paper]]) -> None:
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        old, new = CiteKeys(Path(a)), CiteKeys(Path(b))
        old.assign(first)
        new.assign(first)
        for batch in batches:
            old.assign(batch)
            new.add_missing(batch)
            assert _bytes(new.path) == _bytes(old.path)
        if batches:
            assert new._ledger is not None or not first  # the ledger path ran


def test_another_writer_between_batches_is_seen() -> None:
    with tempfile.TemporaryDirectory() as home:
        keys = CiteKeys(Path(home))
        keys.assign([_paper("p1", "Wang", 2019, "deep")])
        keys.add_missing([_paper("p2", "Wang", 2019, "deep")])
        CiteKeys(Path(home)).assign([_paper("p3", "Wang", 2019, "deep")])  # another process
        keys.add_missing([_paper("p4", "Wang", 2019, "deep"), _paper("p3", "Li", 2020, "x")])
        assert CiteKeys(Path(home)).all() == {"p1": "wang2019deep", "p2": "wang2019deepa",
                                              "p3": "wang2019deepb", "p4": "wang2019deepc"}


def test_a_file_in_another_layout_goes_to_the_parsing_path() -> None:
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "citekeys.json"
        path.write_text('{"keys": {"p1": "wang2019deep"}, "schema_version": 1}\n')
        assert Ledger.scan(path.read_bytes(), 1, None) is None
        keys = CiteKeys(Path(home))
        keys.add_missing([_paper("p2", "Wang", 2019, "deep")])
        assert keys.all() == {"p1": "wang2019deep", "p2": "wang2019deepa"}
        assert keys._ledger is None
        for bad in (b'{"schema_version":1,"keys":{"p1":"a",,"p2":"b"}}',
                    b'{"schema_version":1,"keys":{"p1":"a" "p2":"b"}}',
                    b'{"schema_version":1,"keys":{"p1":"a\\"b"}}',
                    b'{"schema_version":1,"keys":{x}}'):
            assert Ledger.scan(bad, 1, None) is None, bad
        assert Ledger.scan(head(1) + b"}}", 1, None) is not None


def test_hash_set_keeps_members_across_merges(monkeypatch: object) -> None:
    import store.cite.ledger as ledger

    monkeypatch.setattr(ledger, "MERGE_AT", 7)  # type: ignore[attr-defined]
    s = HashSet()
    words = [f"w{i}" for i in range(50)]
    for w in words:
        s.add(w)
    assert all(w in s for w in words) and "w50" not in s and "x" not in s


def test_an_import_holds_no_parsed_key_map() -> None:
    """An import's key assignment into a library of N keys holds hashes (16 bytes a paper),
    not the parsed map (~200 bytes a paper, plus a copy and a set while writing): the old
    path kept the whole map cached on the Store between batches and peaked at several times
    it in each batch."""
    n = 60_000
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "citekeys.json"
        path.write_bytes(orjson.dumps({"schema_version": 1, "keys": {
            f"p{i:09x}": f"author{i}{2000 + i % 20}word" for i in range(n)}}))
        overlay = Overlay(Path(home))
        batch = [_paper(f"q{i:09x}", "Wang", 2019, "deep") for i in range(500)]
        tracemalloc.start()
        try:
            overlay.assign_keys(batch[:250])
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            overlay.assign_keys(batch[250:])  # the second batch: the ledger is kept
            held, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert overlay.keys.file.cached() is None  # no parsed map kept
        size = path.stat().st_size
        assert held - before < 400 * 250, held - before  # the 250 new hashes, no map
        assert peak - before < 2.5 * size + 2**20, (peak - before, size)  # the bytes, spliced
        assert len(CiteKeys(Path(home)).all()) == n + 500
        assert overlay.keys._ledger is not None and overlay.keys._ledger.nbytes() <= 17 * (
            n + 500)


def test_scan_in_small_chunks_finds_every_entry(monkeypatch: object) -> None:
    import store.cite.ledger as ledger

    monkeypatch.setattr(ledger, "CHUNK", 40)  # type: ignore[attr-defined]
    keys = {f"p{i:09x}": f"Müller{i}Deep" for i in range(300)}
    data = orjson.dumps({"schema_version": 1, "keys": keys})
    found = Ledger.scan(data, 1, None)
    assert found is not None
    assert all(pid in found.ids for pid in keys)
    assert all(k.lower() in found.taken and k not in found.taken for k in keys.values())
    assert "p999999999" not in found.ids
    assert Ledger.scan(data.replace(b'","p00000012', b'", "p00000012'), 1, None) is None


def test_a_small_import_parses_the_map_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys_mod, "LEDGER_PAPERS", 1_000)
    with tempfile.TemporaryDirectory() as home:
        keys = CiteKeys(Path(home))
        keys.assign([_paper("p1", "Wang", 2019, "deep")])
        keys.add_missing([_paper("p2", "Wang", 2019, "deep")])
        assert keys._ledger is None and keys.all()["p2"] == "wang2019deepa"


@settings(max_examples=40, deadline=None)
@given(runs=st.lists(st.lists(st.text(max_size=6), max_size=40), max_size=6),
       probes=st.lists(st.text(max_size=6), max_size=30),
       added=st.lists(st.text(max_size=6), max_size=30))
def test_hash_set_is_the_set_of_its_runs_and_additions(
        runs: list[list[str]], probes: list[str], added: list[str]) -> None:
    """Runs cut into buckets by their hashes' top bits, then additions merged in: the same
    members as a Python set, whatever the bucket or run a hash falls in."""
    from array import array

    import store.cite.ledger as ledger

    s = HashSet([array("q", sorted(map(hash, run))) for run in runs])
    truth = {w for run in runs for w in run}
    old, ledger.MERGE_AT = ledger.MERGE_AT, 5  # additions merged into the buckets often
    try:
        for w in added:
            s.add(w)
            truth.add(w)
    finally:
        ledger.MERGE_AT = old
    assert all((w in s) == (w in truth) for w in [*probes, *truth])


def test_ascii_and_other_chunks_hash_alike(monkeypatch: object) -> None:
    """An ASCII chunk is hashed from its bytes, another one decoded first: either way a key
    is found by the str it is looked up with."""
    import store.cite.ledger as ledger

    monkeypatch.setattr(ledger, "CHUNK", 30)  # type: ignore[attr-defined]
    keys = {f"p{i:09x}": (f"Wang{i}Deep" if i % 3 else f"Ørsted{i}Über") for i in range(90)}
    found = Ledger.scan(orjson.dumps({"schema_version": 1, "keys": keys}), 1, None)
    assert found is not None
    assert all(pid in found.ids and k.lower() in found.taken for pid, k in keys.items())
    assert not any(k.upper() in found.taken for k in keys.values())


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(st.characters(blacklist_characters='"\\', codec="utf-8"),
                               min_size=1, max_size=8),
                       st.text(st.characters(blacklist_characters='"\\', codec="utf-8"),
                               max_size=8), max_size=30),
       st.integers(1, 64))
def test_scan_finds_exactly_the_entries_of_any_compact_map(keys: dict[str, str],
                                                           chunk: int) -> None:
    """Ids and keys holding ':' ',' '{' or spaces, any chunk size: every entry is found, and
    the file's own map is the only one (an entry whose quotes do not pair is refused)."""
    import store.cite.ledger as ledger

    old, ledger.CHUNK = ledger.CHUNK, chunk
    try:
        data = orjson.dumps({"schema_version": 1, "keys": keys})
        if any(ord(c) < 32 for text in [*keys, *keys.values()] for c in text):
            assert Ledger.scan(data, 1, None) is None  # orjson escaped a control
            return
        found = Ledger.scan(data, 1, None)
        assert found is not None
        assert all(pid in found.ids and k.lower() in found.taken for pid, k in keys.items())
        assert len(found.ids) == len(keys)
        if keys:
            assert Ledger.scan(data[:-2] + b'x}}', 1, None) is None
    finally:
        ledger.CHUNK = old
