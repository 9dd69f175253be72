"""One streaming pass over the papers that builds every part of a SearchIndex."""

from __future__ import annotations

from array import array
from collections import defaultdict, deque
from dataclasses import dataclass
from itertools import repeat

from old_index import bits as bits_
from old_index.words import WordIndex
from store.models import Paper
from store.query.text import TEXT_FIELDS, field_bytes, has_code, paper_values

STATIC_FLAGS = ("code", "abstract", "arxiv", "doi")


@dataclass(slots=True)
class Corpus:
    """A field's haystacks as one UTF-8 buffer of records b" " + hay + b"\\n", with offsets."""

    data: bytes | memoryview
    offsets: array[int] | memoryview

    def record(self, i: int) -> bytes:
        """Paper i's record."""
        return bytes(self.data[self.offsets[i] : self.offsets[i + 1]])

    def hay(self, i: int) -> str:
        """Paper i's haystack as text (without the framing)."""
        return self.record(i)[1:-1].decode("utf-8")


@dataclass(slots=True)
class Built:
    """Everything a SearchIndex holds about the library (annotations aside)."""

    words: dict[str, WordIndex]
    corpora: dict[str, Corpus]
    years: dict[int, int]
    flags: dict[str, int]


def build(papers: list[Paper]) -> Built:
    """Tokenise each paper once; fill postings, corpora, year and flag sets."""
    n = len(papers)
    posts: dict[str, defaultdict[bytes, list[int]]] = {f: defaultdict(list) for f in TEXT_FIELDS}
    buffers = {f: bytearray() for f in TEXT_FIELDS}
    offsets = {f: array("Q", [0]) for f in TEXT_FIELDS}
    years: dict[int, list[int]] = {}
    flags: dict[str, list[int]] = {k: [] for k in STATIC_FLAGS}
    append = list.append
    for i, paper in enumerate(papers):
        values = paper_values(paper)
        for field in TEXT_FIELDS:
            hay = field_bytes(values[field])
            buf = buffers[field]
            buf += b" " + hay + b"\n"
            offsets[field].append(len(buf))
            if hay:
                uniq = set(hay.split())
                uniq.discard(b"|")
                post = posts[field]
                if len(uniq) > 16:
                    deque(map(append, map(post.__getitem__, uniq), repeat(i)), maxlen=0)
                else:
                    for word in uniq:
                        post[word].append(i)
        if paper.year is not None:
            years.setdefault(paper.year, []).append(i)
        if has_code(paper):
            flags["code"].append(i)
        if paper.abstract.strip():
            flags["abstract"].append(i)
        if paper.arxiv_id:
            flags["arxiv"].append(i)
        if paper.doi:
            flags["doi"].append(i)
    words = {}
    for field in TEXT_FIELDS:
        words[field] = WordIndex.from_postings(posts.pop(field), n)
    corpora = {f: Corpus(bytes(buffers.pop(f)), offsets[f]) for f in TEXT_FIELDS}
    return Built(
        words,
        corpora,
        {y: bits_.from_positions(v, n) for y, v in years.items()},
        {k: bits_.from_positions(v, n) for k, v in flags.items()},
    )
