"""Adding cite keys to a large key file without parsing it into a map.

An import gives its new papers their keys (store.cite.keys.CiteKeys.add_missing). Parsing
`citekeys.json` for that cost ~4 CPU s and ~800 MB per batch at 2.5M papers (the map, a copy,
the set of taken keys and the dump). Instead the file's bytes are scanned once per process into
sorted 64-bit hashes of its ids and of its keys in lower case (16 bytes a paper), kept while
the file is this process's own, and new entries are spliced before the closing braces of the
compact layout orjson writes. The file's bytes come out exactly as the parsing path writes
them. A file in another layout (escapes, spaces, corrupt) is left to that path (None).
"""

from __future__ import annotations

import contextlib
import mmap
import os
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from pathlib import Path

import orjson

CHUNK = 2 * 2**20  # bytes of the file scanned (and hashes sorted) at a time
MERGE_AT = 262_144  # recent additions kept in a set (~15 MB) until merged into the array
_BITS = 8  # hashes are held in 2^_BITS buckets by their top bits
_BUCKETS, _SHIFT, _HALF = 1 << _BITS, 64 - _BITS, 1 << 63
_BOUNDS = [(k << _SHIFT) - _HALF for k in range(1, _BUCKETS)]  # first hash of buckets 1...
# CPython hashes an ASCII str and its bytes alike: ASCII chunks are hashed undecoded
_SAME_HASH = hash("Ab.1") == hash(b"Ab.1")


def head(version: int) -> bytes:
    """The bytes a key file of version starts with (then its entries, then `}}`)."""
    return orjson.dumps({"schema_version": version, "keys": {}})[:-2]


class HashSet:
    """A set of strings held as sorted 64-bit hashes, in buckets by their top bits, plus a
    small set of recent additions (in-process hashes: never written; a collision, ~2^-64,
    reads as present)."""

    def __init__(self, runs: Sequence[array] = ()) -> None:
        """The set of strings whose hashes are given as sorted runs (arrays "q"): each run is
        cut at the buckets' bounds and each bucket sorted on its own (timsort merges the
        runs' slices in C), so no list of every hash (a Python int each: ~100 MB at 2.5M)
        and no merge in Python is ever made."""
        cuts = [[0, *(bisect_left(run, b) for b in _BOUNDS), len(run)] for run in runs]
        self._buckets = [array("q", sorted(chain.from_iterable(
            run[cut[k]:cut[k + 1]] for run, cut in zip(runs, cuts, strict=True))))
            for k in range(_BUCKETS)]
        self._recent: set[int] = set()

    def __contains__(self, text: object) -> bool:
        """True when text (a str) is in the set."""
        h = hash(text)
        if h in self._recent:
            return True
        held = self._buckets[(h + _HALF) >> _SHIFT]
        at = bisect_left(held, h)
        return at < len(held) and held[at] == h

    def add(self, text: str) -> None:
        """Add text."""
        self._recent.add(hash(text))
        if len(self._recent) >= MERGE_AT:
            self.__init__([*self._buckets, array("q", sorted(self._recent))])  # type: ignore[misc]

    def __len__(self) -> int:
        """How many hashes are held (repeats counted once per add)."""
        return sum(map(len, self._buckets)) + len(self._recent)

    def nbytes(self) -> int:
        """Bytes the hashes take (the arrays' buffers and about 50 per recent hash)."""
        return 8 * sum(map(len, self._buckets)) + 50 * len(self._recent)


class Ledger:
    """The ids that have a key and the keys given (lower case), of one version of the file."""

    def __init__(self, ids: HashSet, taken: HashSet, stamp: object) -> None:
        """Hashes of a key file whose stamp (size, mtime, inode, ctime) is stamp."""
        self.ids, self.taken, self.stamp = ids, taken, stamp
        self._next: dict[str, int] = {}  # base in lower case -> first suffix maybe free

    def unique(self, base: str, suffix: Callable[[int], str]) -> str:
        """store.cite.keys.unique_key(base, taken), without trying again the suffixes found
        taken before (keys are only ever added, so the first free one only moves on)."""
        low = base.lower()
        n = self._next.get(low, 0)
        if not n:
            if low not in self.taken:
                return base
            n = 1
        while f"{low}{suffix(n)}" in self.taken:
            n += 1
        if len(self._next) >= MERGE_AT:
            self._next.clear()
        self._next[low] = n + 1
        return f"{base}{suffix(n)}"

    @classmethod
    def scan(cls, data: bytes, version: int, stamp: object) -> Ledger | None:
        """The ledger of a key file's bytes; None unless they are exactly orjson's compact
        layout with no escapes (then the caller parses the map)."""
        start, end = len(head(version)), len(data) - 2
        if data[:start] != head(version) or data[end:] != b"}}" or data.find(b"\\") >= 0:
            return None
        ids: list[array] = []  # sorted runs, one per chunk
        keys: list[array] = []
        while start < end:  # a few MB at a time, cut between two entries
            cut = data.find(b'","', start + CHUNK, end)
            stop = end if cut < 0 else cut + 1
            chunk = data[start:stop]
            # "id":"key","id":"key": split at the quotes, ids and keys are every fourth
            # piece, and between them exactly ":" and "," (split and slices run in C)
            pieces = chunk.split(b'"')
            n, rest = divmod(len(pieces) - 1, 4)
            if not n or rest or pieces[0] or pieces[-1] or pieces[2::4].count(b":") != n or (
                    pieces[4:-1:4].count(b",") != n - 1):
                return None
            left, right = pieces[1::4], pieces[3::4]
            if _SAME_HASH and chunk.isascii():  # (ASCII: bytes.lower is str.lower)
                ids.append(array("q", sorted(map(hash, left))))
                keys.append(array("q", sorted(map(hash, map(bytes.lower, right)))))
            else:
                ids.append(array("q", sorted(map(hash, map(bytes.decode, left)))))
                keys.append(array("q", sorted(map(hash, map(str.lower, map(
                    bytes.decode, right))))))
            start = stop + 1
        if start != end and start != end + 1:
            return None
        return cls(HashSet(ids), HashSet(keys), stamp)

    def nbytes(self) -> int:
        """Bytes held for the hashes."""
        return self.ids.nbytes() + self.taken.nbytes()


@contextlib.contextmanager
def mapped(path: Path) -> Iterator[bytes]:
    """The file's bytes as a read-only map (page cache, not a copy on the heap); b"" when
    it is empty."""
    with open(path, "rb") as handle:
        if not os.fstat(handle.fileno()).st_size:
            yield b""
            return
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            yield view  # type: ignore[misc]


def spliced(data: bytes, version: int, entries: dict[str, str]) -> bytes:
    """The key file's bytes with entries (ids not in it) added at the end of its map."""
    body = orjson.dumps(entries)[1:-1]
    joint = b"" if len(data) == len(head(version)) + 2 else b","
    return b"".join((memoryview(data)[:-2], joint, body, b"}}"))  # one copy of data
