"""Paper sets as Python int bitmaps (bit i = paper i): C-speed and, or, and-not and counts."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, islice, repeat
from typing import TypeVar

T = TypeVar("T")

# _BIT[k] maps a byte to its bit k (0 or 1); _OFFSETS[b] lists the set bits of byte b.
_BIT = [bytes((b >> k) & 1 for b in range(256)) for k in range(8)]
_OFFSETS = [tuple(k for k in range(8) if b >> k & 1) for b in range(256)]


def full(n: int) -> int:
    """The set of all n papers."""
    return (1 << n) - 1


def pack(mask: bytes | bytearray) -> int:
    """Bitmap of a byte-per-paper mask whose bytes are 0 or 1."""
    if len(mask) % 8:
        mask = bytes(mask) + bytes(8 - len(mask) % 8)
    bits = 0
    for k in range(8):
        bits |= int.from_bytes(mask[k::8], "little") << k
    return bits


def from_positions(positions: Iterable[int], n: int) -> int:
    """Bitmap of the given paper positions (each < n)."""
    mask = bytearray(n)
    deque(map(mask.__setitem__, positions, repeat(1)), maxlen=0)
    return pack(mask)


def unpack(bits: int, n: int) -> bytearray:
    """Byte-per-paper mask (0 or 1) of a bitmap."""
    nbytes = (n + 7) // 8
    raw = bits.to_bytes(nbytes, "little")
    out = bytearray(nbytes * 8)
    for k in range(8):
        out[k::8] = raw.translate(_BIT[k])
    del out[n:]
    return out


def positions(bits: int, n: int) -> list[int]:
    """Sorted positions of the set bits."""
    if not bits:
        return []
    if bits.bit_count() * 8 > n:
        return list(compress(range(n), unpack(bits, n)))
    raw = bits.to_bytes((n + 7) // 8, "little")
    out: list[int] = []
    for j in compress(range(len(raw)), raw):
        base = j * 8
        out.extend(base + k for k in _OFFSETS[raw[j]])
    return out


def select(bits: int, items: Sequence[T], limit: int | None = None) -> list[T]:
    """The items (in order) whose positions are set, at most limit of them."""
    n = len(items)
    if bits.bit_count() * 8 > n:
        chosen = compress(items, unpack(bits, n))
    else:
        chosen = map(items.__getitem__, positions(bits, n))
    return list(chosen if limit is None else islice(chosen, max(limit, 0)))


def to_bytes(bits: int, n: int) -> bytes:
    """Serialised bitmap (little-endian, ceil(n/8) bytes)."""
    return bits.to_bytes((n + 7) // 8, "little")


def from_bytes(data: bytes | memoryview) -> int:
    """Bitmap from to_bytes output."""
    return int.from_bytes(data, "little")
