"""The cite-key sketch (store/cite/keysketch.py) answers exactly what the byte search of the key
file answers: every key, in any case, is a "maybe key"; a word that is none is not."""

from __future__ import annotations

import random
import string
from pathlib import Path

import orjson

from store.cite.keyscan import may_hold
from store.cite.keysketch import SKETCH_FILE, may_be_key


def _keys_file(home: Path, keys: dict[str, str]) -> bytes:
    """Write citekeys.json as CiteKeys writes it; its bytes."""
    home.mkdir(parents=True, exist_ok=True)
    data = orjson.dumps({"schema_version": 1, "keys": keys})
    (home / "citekeys.json").write_bytes(data)
    return data


def test_sketch_answers_like_the_byte_search(tmp_path: Path) -> None:
    """5,000 keys: keys (any case) say maybe, other words say no, as may_hold does."""
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits

    def word() -> str:
        """A random key-like word."""
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 16)))

    keys = {f"p{i:09x}": word() for i in range(5000)}
    home = tmp_path / "home"
    data = _keys_file(home, keys)
    assert may_be_key(home, "x") is may_hold(data, "x")  # the first call builds the sketch
    assert (home / "cache" / SKETCH_FILE).exists()
    for key in list(keys.values())[:1000]:
        assert may_be_key(home, key) and may_be_key(home, key.upper())
        assert may_be_key(home, key.lower())
    for _ in range(3000):
        probe = word()
        assert may_be_key(home, probe) is may_hold(data, probe)
    assert may_be_key(home, "not a key!")  # never a key verbatim: the parsed map decides


def test_a_changed_or_missing_key_file(tmp_path: Path) -> None:
    """A key file that changes makes the sketch stale (rebuilt); none at all holds no key."""
    home = tmp_path / "home"
    assert not may_be_key(home, "smith2020deep")
    _keys_file(home, {"p1": "smith2020deep"})
    assert may_be_key(home, "Smith2020Deep")
    _keys_file(home, {"p1": "jones2021wide"})
    assert not may_be_key(home, "smith2020deep") and may_be_key(home, "jones2021wide")


def test_a_held_sketch_is_read_once_and_dropped_when_the_keys_change(tmp_path: Path) -> None:
    """A long-lived caller's memo: the sketch file is read once while the key file stays the
    same, and re-read (here: rebuilt) once it changes."""
    home = tmp_path
    (home / "citekeys.json").write_bytes(orjson.dumps(
        {"schema_version": 1, "keys": {"p1": "smith2020deep"}}))
    held: dict[str, bytes] = {}
    assert may_be_key(home, "smith2020deep", held) and len(held) == 1
    (home / "cache" / SKETCH_FILE).write_bytes(b"torn")  # a held sketch does not read it again
    assert not may_be_key(home, "jones2021wide", held)
    (home / "citekeys.json").write_bytes(orjson.dumps(
        {"schema_version": 1, "keys": {"p1": "smith2020deep", "p2": "jones2021wide"}}))
    assert may_be_key(home, "jones2021wide", held)
