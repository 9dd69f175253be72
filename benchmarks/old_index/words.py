"""An inverted word index with a sorted vocabulary, so a word prefix is a contiguous range."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from old_index import bits as bits_

Blob = list[int]  # [offset, length] in a cache file's blob area
_TOP = "\U0010ffff"


def _array(data: memoryview | bytes) -> memoryview:
    """A read-only view of serialised unsigned 32-bit integers."""
    return memoryview(data).cast("I")


class WordIndex:
    """Folded word -> papers. Rare words keep sorted positions in one flat array (in
    vocabulary order, so a prefix range is one slice); frequent words keep a bitmap."""

    def __init__(self, n: int, vocab: list[str], offsets: Any, rare: Any,
                 freq: dict[int, int], freq_raw: dict[int, memoryview] | None = None) -> None:
        """Assemble from parts (use build() or load())."""
        self.n = n
        self.vocab = vocab
        self.offsets = offsets
        self.rare = rare
        self.freq = freq
        self.freq_raw = freq_raw or {}
        self.freq_idx = sorted([*freq, *self.freq_raw])

    @classmethod
    def from_postings(cls, post: dict[bytes, list[int]], n: int) -> WordIndex:
        """Index from UTF-8 word -> ascending paper positions (each position once per word)."""
        keys = sorted(post)  # UTF-8 byte order is code point order
        threshold = max(32, n // 32)
        offsets = array("I", [0])
        rare = array("I")
        freq: dict[int, int] = {}
        for k, word in enumerate(keys):
            lst = post[word]
            if len(lst) >= threshold:
                freq[k] = bits_.from_positions(lst, n)
            else:
                rare.extend(lst)
            offsets.append(len(rare))
        vocab = [k.decode("utf-8") for k in keys]
        return cls(n, vocab, offsets, rare, freq)

    def span(self, token: str, exact: bool) -> tuple[int, int]:
        """Vocabulary range [lo, hi) of the words equal to (exact) or starting with token."""
        lo = bisect_left(self.vocab, token)
        if exact:
            hit = lo < len(self.vocab) and self.vocab[lo] == token
            return lo, lo + 1 if hit else lo
        return lo, bisect_left(self.vocab, token + _TOP, lo)

    def cost(self, token: str, exact: bool) -> float:
        """Rough cost of lookup() in postings touched (a bitmap counts as n/1000)."""
        lo, hi = self.span(token, exact)
        nfreq = bisect_left(self.freq_idx, hi) - bisect_left(self.freq_idx, lo)
        return self.offsets[hi] - self.offsets[lo] + nfreq * (self.n / 1000 + 20)

    def lookup(self, token: str, exact: bool) -> int:
        """Bitmap of the papers having the word (exact) or a word starting with token."""
        lo, hi = self.span(token, exact)
        if lo >= hi:
            return 0
        a, b = self.offsets[lo], self.offsets[hi]
        result = 0
        if b - a > 24:
            result = bits_.from_positions(self.rare[a:b], self.n)
        else:
            for pos in self.rare[a:b]:
                result |= 1 << pos
        idx = self.freq_idx
        for k in idx[bisect_left(idx, lo) : bisect_left(idx, hi)]:
            result |= self._freq_bits(k)
        return result

    def _freq_bits(self, k: int) -> int:
        """Bitmap of frequent word k (decoded from the cache on first use)."""
        found = self.freq.get(k)
        if found is None:
            found = self.freq[k] = bits_.from_bytes(self.freq_raw.pop(k))
        return found

    def dump(self, add_blob: Callable[[bytes], Blob]) -> dict[str, Any]:
        """Header dict for a cache file; arrays go to blobs via add_blob."""
        freq = {str(k): add_blob(bits_.to_bytes(self._freq_bits(k), self.n))
                for k in list(self.freq_idx)}
        return {
            "vocab": self.vocab,
            "offsets": add_blob(bytes(self.offsets)),
            "rare": add_blob(bytes(self.rare)),
            "freq": freq,
        }

    @classmethod
    def load(cls, n: int, head: dict[str, Any], blob: Callable[[Blob], memoryview]) -> WordIndex:
        """Rebuild from dump()'s header; blobs stay zero-copy views until used."""
        raw = {int(k): blob(v) for k, v in head["freq"].items()}
        return cls(n, head["vocab"], _array(blob(head["offsets"])),
                   _array(blob(head["rare"])), {}, raw)
