"""Is this word a cite key? Answered from a small sketch of citekeys.json (a Bloom filter of
its keys in lower case, in home/cache/), so a one-word search need not scan a key file that
grows with the library (3 MB at 100k papers, ~80 MB for all of arXiv).

The sketch is derived data: it names the key file's fingerprint, is rebuilt whenever that
changes, and can be deleted at any time. Its "no" is certain; its "maybe" is checked against
the file's bytes (`keyscan.may_hold`), so the answer is the byte search's, only cheaper.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path

from store.cite.keyscan import KEY_OK, may_hold
from store.fingerprint import file_fingerprint

KEYS_FILE = "citekeys.json"  # store.cite.keys.KEYS_FILE
SKETCH_FILE = "citekeys.sketch"
_MAGIC = b"pdks3"
_BITS_PER_KEY = 16
# two hashes at 16 bits a key: about 1.4% of the words that are no key get a "maybe"


def excludes(home: Path, word: str, held: dict[str, bytes] | None = None) -> bool:
    """True only when home's key sketch surely holds no key equal to word up to ASCII case
    (the sketch is rebuilt first when stale). held: a long-lived caller's memo of the sketch
    by key-file fingerprint (5 MB at 2.5M papers)."""
    if not KEY_OK.match(word):  # a key the file cannot hold verbatim: ask the parsed map
        return False
    keys = Path(home) / KEYS_FILE
    if not os.path.lexists(keys):
        return True
    if os.path.islink(keys):
        return False  # (the Store resolves links and reports broken ones)
    stamp = file_fingerprint(keys)
    bits = held.get(stamp) if held is not None else None
    if bits is None:
        bits = _load(Path(home) / "cache" / SKETCH_FILE, stamp)
        if bits is None:
            try:
                data = keys.read_bytes()
            except OSError:
                return False
            if file_fingerprint(keys) != stamp:
                return False
            bits = _save(Path(home) / "cache" / SKETCH_FILE, stamp, data)
        if held is not None and bits is not None:
            held.clear()
            held[stamp] = bits
    return bits is not None and not _holds(bits, word.lower())


def may_be_key(home: Path, word: str, held: dict[str, bytes] | None = None) -> bool:
    """False only when home's citekeys.json surely holds no key equal to word up to ASCII
    case (True: ask the key map): the sketch's answer, then on its "maybe" a byte search."""
    if excludes(home, word, held):
        return False
    keys = Path(home) / KEYS_FILE
    if not KEY_OK.match(word) or os.path.islink(keys):
        return True
    try:
        data = keys.read_bytes()
    except OSError:
        return True
    return may_hold(data, word)


def _positions(word: str, size: int) -> tuple[int, int]:
    """The bit positions of a lower-case key in a sketch of size bits (two cheap hashes)."""
    data = word.encode()
    return zlib.crc32(data) % size, zlib.adler32(data) * 2654435761 % size


def _holds(bits: bytes, word: str) -> bool:
    """False when the word is surely not in the sketch."""
    size = len(bits) * 8
    return all(bits[p >> 3] >> (p & 7) & 1 for p in _positions(word, size))


def build(data: bytes) -> bytes:
    """The sketch bits of a key file's bytes (every string value, lower-cased)."""
    from orjson import loads  # (a rebuild parses the whole file: worth the import)

    payload = loads(data) if data.strip() else {}
    found = payload.get("keys") if isinstance(payload, dict) else None
    values = [v.lower() for v in found.values() if isinstance(v, str)] if isinstance(
        found, dict) else []
    bits = bytearray(max(64, len(values) * _BITS_PER_KEY // 8))
    size = len(bits) * 8
    crc32, adler32 = zlib.crc32, zlib.adler32
    for value in values:
        raw = value.encode()
        for p in (crc32(raw) % size, adler32(raw) * 2654435761 % size):  # (= _positions)
            bits[p >> 3] |= 1 << (p & 7)
    return bytes(bits)


def _check(bits: bytes) -> bytes:
    """The checksum written with the bits (a torn or zeroed sketch is never trusted)."""
    return b"%08x" % zlib.crc32(bits)


def _load(path: Path, stamp: str) -> bytes | None:
    """The sketch's bits when it was made from the key file with this fingerprint."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head, _, bits = raw.partition(b"\n")
    fields = head.split(b" ")
    if len(fields) != 4 or fields[0] != _MAGIC or fields[1].decode(errors="replace") != stamp:
        return None
    if fields[2] != str(len(bits)).encode() or fields[3] != _check(bits):
        return None  # torn or foreign: rebuilt
    return bits


def _save(path: Path, stamp: str, data: bytes) -> bytes | None:
    """Write the sketch of data (best effort: a read-only home just goes without); its bits,
    None when the key file could not be read as one."""
    bits = None
    with contextlib.suppress(OSError, ValueError):
        bits = build(data)
        head = b" ".join([_MAGIC, stamp.encode(), str(len(bits)).encode(), _check(bits)])
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(head + b"\n" + bits)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return bits
