"""Identity keys for merging: normalised ids, titles and an abstract blocking index."""

from __future__ import annotations

import copy
import functools
import re
import zlib

from store.models import Paper, make_paper_id
from store.text import fold, normalize_title

_ARXIV_PREFIX = re.compile(r"^\s*(?:arxiv:|https?://arxiv\.org/(?:abs|pdf)/)", re.I)
_VERSION = re.compile(r"v\d+$", re.I)
_WORDS = re.compile(r"[0-9a-z]+")
_LONG_WORDS = re.compile(r"[a-z]{8,}")
_LONG_BYTES = re.compile(rb"[a-z]{8,}")
# ASCII fast paths of normalize_title and _LONG_WORDS over folded text (fold of ASCII is
# lower()): bytes that are not [0-9a-z] deleted, resp. bytes that are not [a-z] made spaces.
_NOT_ALNUM = bytes(c for c in range(256) if not (48 <= c <= 57 or 97 <= c <= 122))
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def _normalized(text: str) -> str:
    """store.text.normalize_title, without the regex for ASCII text."""
    if text.isascii():
        return text.lower().encode("ascii").translate(None, _NOT_ALNUM).decode("ascii")
    return normalize_title(text)


def _long_words(text: str) -> set[str]:
    """The distinct runs of 8+ letters a-z of fold(text)."""
    if text.isascii():
        runs = text.lower().encode("ascii").translate(_LETTERS_ONLY).split()
        return {w.decode("ascii") for w in runs if len(w) >= 8}
    return set(_LONG_WORDS.findall(fold(text)))


def arxiv_key(arxiv_id: str) -> str:
    """An arXiv id without prefix, version or case: "arXiv:2007.11460v2" -> "2007.11460"."""
    key = _ARXIV_PREFIX.sub("", arxiv_id.strip()).lower()
    key = key.removesuffix(".pdf")
    return _VERSION.sub("", key)


@functools.lru_cache(maxsize=1 << 15)
def norm_title(title: str) -> str:
    """Normalised title identity (store.text.normalize_title); memoised, as one import
    normalises each title several times (merge, index lookups, index documents)."""
    return _normalized(title) if title else ""


def norm_abstract(text: str) -> str:
    """Abstract folded to lower-case words separated by single spaces (punctuation dropped)."""
    return " ".join(_WORDS.findall(fold(text))) if text else ""


class AbstractIndex:
    """Blocking keys for abstracts, so similarity is computed only against a few candidates.

    Keys: the first and the last 40 normalised characters, and the three long words of the
    middle 500 characters with the smallest CRC-32 (a bottom-k sketch, stable under small
    edits elsewhere).
    """

    MIN_LENGTH = 80  # normalised abstracts shorter than this are never matched by similarity
    EDGE = 40
    SKETCH = 3
    MAX_POSTING = 64  # keys shared by more papers than this are too common to block on

    def __init__(self, common: set[str] | frozenset[str] = frozenset()) -> None:
        """An empty index; common: keys known to be too common in the whole library (when
        this index holds only part of it: store.index.twins)."""
        self.postings: dict[str, list[int]] = {}
        self.common = common

    @classmethod
    def keys(cls, abstract: str) -> list[str]:
        """The blocking keys of an abstract (empty when it is too short to match)."""
        return list(_abstract_keys(abstract)) if abstract else []

    @classmethod
    def compute_keys(cls, abstract: str) -> list[str]:
        """AbstractIndex.keys, computed."""
        if not abstract:
            return []
        compact = _normalized(abstract[:200]), _normalized(abstract[-200:])
        if len(compact[0]) < cls.EDGE:
            return []
        keys = [f"h:{compact[0][: cls.EDGE]}", f"t:{compact[1][-cls.EDGE :]}"]
        mid = len(abstract) // 2
        middle = abstract[max(0, mid - 250) : mid + 250]
        if middle.isascii():  # the runs as bytes, found in C; only the sketch's decoded
            runs = set(_LONG_BYTES.findall(middle.lower().encode("ascii")))
            keys.extend(f"w:{w.decode('ascii')}" for w in sorted(runs, key=zlib.crc32)[
                : cls.SKETCH])
            return keys
        words = _long_words(middle)
        sketch = sorted(words, key=lambda w: zlib.crc32(w.encode()))[: cls.SKETCH]
        keys.extend(f"w:{w}" for w in sketch)
        return keys

    def add(self, slot: int, abstract: str) -> None:
        """Index the abstract of the paper at slot."""
        for key in self.keys(abstract):
            posting = self.postings.setdefault(key, [])
            if len(posting) <= self.MAX_POSTING and (not posting or posting[-1] != slot):
                posting.append(slot)

    def candidates(self, abstract: str) -> list[int]:
        """Slots sharing at least one selective key with abstract, in slot order (so ties
        go to the same paper however the index was filled)."""
        found: dict[int, None] = {}
        for key in self.keys(abstract):
            posting = self.postings.get(key, ())
            if len(posting) > self.MAX_POSTING or key in self.common:
                continue
            for slot in posting:
                found.setdefault(slot, None)
        return sorted(found)


@functools.lru_cache(maxsize=1 << 15)
def _abstract_keys(abstract: str) -> tuple[str, ...]:
    """AbstractIndex.keys, memoised (an import asks for a batch's keys several times)."""
    return tuple(AbstractIndex.compute_keys(abstract))


def forget_keys() -> None:
    """Empty the title and abstract key memos (after an import: they pin its texts)."""
    norm_title.cache_clear()
    _abstract_keys.cache_clear()


_ID_MONTH = re.compile(r"^(?:[a-z\-]+(?:\.[a-z]{2})?/)?(\d{2})(\d{2})", re.I)


def arxiv_month(arxiv_id: str) -> str:
    """The month an arXiv id was issued, "2007.11460" -> "2020-07" ("" when unknown)."""
    match = _ID_MONTH.match(arxiv_key(arxiv_id))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return ""
    yy = int(match.group(1))
    return f"{1900 + yy if yy >= 91 else 2000 + yy}-{match.group(2)}"


class VersionIndex:
    """Pairs an untitled arXiv entry with a titled, id-less paper dated in the same month.

    Such a pair may be two versions of one paper with rewritten abstracts; it is only ever
    reported as a possible duplicate, never merged.
    """

    MAX_POSTING = 300

    def __init__(self) -> None:
        """Two month indexes: untitled arXiv entries, and titled papers without arXiv id."""
        self.untitled: dict[str, list[int]] = {}
        self.titled: dict[str, list[int]] = {}

    @staticmethod
    def month_of(title: str, arxiv_id: str, when: str) -> tuple[str, str]:
        """("untitled" | "titled" | "", month) for a paper's fields."""
        if not title and arxiv_id:
            return "untitled", arxiv_month(arxiv_id)
        if title and not arxiv_id and len(when) >= 7:
            return "titled", when[:7]
        return "", ""

    def add(self, slot: int, title: str, arxiv_id: str, when: str) -> None:
        """Index a paper by its kind and month."""
        kind, month = self.month_of(title, arxiv_id, when)
        if kind and month:
            posting = (self.untitled if kind == "untitled" else self.titled).setdefault(month, [])
            if len(posting) < self.MAX_POSTING:
                posting.append(slot)

    def candidates(self, title: str, arxiv_id: str, when: str) -> list[int]:
        """Slots of the opposite kind in the same month."""
        kind, month = self.month_of(title, arxiv_id, when)
        if not kind or not month:
            return []
        return list((self.titled if kind == "untitled" else self.untitled).get(month, ()))


def unique_id(paper: Paper, taken: dict[str, int]) -> str:
    """A fresh id for a new paper whose natural id is taken by a different paper."""
    base = make_paper_id(paper)
    n = 2
    while True:
        probe = copy.copy(paper)
        probe.arxiv_id, probe.doi = "", ""
        probe.title = f"{paper.title}#{paper.arxiv_id}#{paper.doi}#{n}"
        candidate = make_paper_id(probe)
        if candidate not in taken and candidate != base:
            return candidate
        n += 1
