"""On-disk cache of a SearchIndex: an orjson header plus raw arrays, mapped lazily (no pickle)."""

from __future__ import annotations

import contextlib
import mmap
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from old_index import bits as bits_
from old_index.build import Built, Corpus
from old_index.words import Blob, WordIndex
from store.models import Annotation, Paper

if TYPE_CHECKING:
    from old_index.core import SearchIndex

MAGIC = b"PDSEARCH1\n"
_LEN = 16  # ascii digits of the header length, then a newline


def _align(k: int) -> int:
    """k rounded up to a multiple of 8."""
    return (k + 7) & ~7


def dump_index(index: SearchIndex, fingerprint: str) -> bytes:
    """Serialise index: MAGIC, header length, orjson header, 8-aligned blob area."""
    chunks: list[bytes] = []
    size = 0

    def add(data: bytes) -> Blob:
        """Append a blob; return its [offset, length] in the blob area."""
        nonlocal size
        ref = [size, len(data)]
        pad = _align(len(data)) - len(data)
        chunks.append(data + bytes(pad))
        size += len(data) + pad
        return ref

    header = {
        "fingerprint": fingerprint,
        "n": index.n,
        "ids": index.ids,
        "words": {name: w.dump(add) for name, w in index.words.items()},
        "corpora": {name: [add(bytes(c.data)), add(bytes(c.offsets))]
                    for name, c in index.corpora.items()},
        "years": {str(y): add(bits_.to_bytes(b, index.n)) for y, b in index.years.items()},
        "flags": {k: add(bits_.to_bytes(b, index.n)) for k, b in index.flags.items()},
    }
    head = orjson.dumps(header)
    prefix = MAGIC + str(len(head)).rjust(_LEN, "0").encode() + b"\n" + head
    prefix += bytes(_align(len(prefix)) - len(prefix))
    return b"".join([prefix, *chunks])


def read_header(data: Any) -> tuple[dict[str, Any], int]:
    """The header dict and the blob area's start; ValueError if data is not a cache."""
    view = memoryview(data)
    start = len(MAGIC) + _LEN + 1
    if bytes(view[: len(MAGIC)]) != MAGIC or len(view) < start:
        raise ValueError("not a paperdeck search cache")
    try:
        hlen = int(bytes(view[len(MAGIC) : start - 1]))
        header = orjson.loads(view[start : start + hlen])
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise ValueError(f"corrupt search cache: {exc}") from exc
    if not isinstance(header, dict):
        raise ValueError("corrupt search cache header")
    return header, _align(start + hlen)


def load_index(cls: type[SearchIndex], data: Any, annotations: Mapping[str, Annotation],
               fingerprint: str | None = None) -> tuple[SearchIndex, str]:
    """Rebuild an index from dump_index output (blobs stay views into data)."""
    header, base = read_header(data)
    found = str(header.get("fingerprint", ""))
    if fingerprint is not None and found != fingerprint:
        raise ValueError("stale search cache")
    view = memoryview(data)

    def blob(ref: Blob) -> memoryview:
        """The bytes of a blob reference."""
        off, length = ref
        if base + off + length > len(view):
            raise ValueError("truncated search cache")
        return view[base + off : base + off + length]

    try:
        n = int(header["n"])
        ids = [str(x) for x in header["ids"]]
        built = Built(
            {k: WordIndex.load(n, v, blob) for k, v in header["words"].items()},
            {k: Corpus(blob(d), blob(o).cast("Q")) for k, (d, o) in header["corpora"].items()},
            {int(y): bits_.from_bytes(blob(r)) for y, r in header["years"].items()},
            {k: bits_.from_bytes(blob(r)) for k, r in header["flags"].items()},
        )
        if len(ids) != n or any(len(c.offsets) != n + 1 for c in built.corpora.values()):
            raise ValueError("inconsistent search cache")
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"corrupt search cache: {exc!r}") from exc
    index = cls.from_built(ids, built, annotations)
    return index, found


def _map(path: Path) -> Any:
    """The file's contents, memory-mapped read-only."""
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def write_cache(path: Path, data: bytes) -> None:
    """Replace path with data via a temp file in the same directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def cached_index(path: Path, fingerprint: str, load_papers: Callable[[], list[Paper]],
                 annotations: Mapping[str, Annotation]) -> SearchIndex:
    """The index cached at path if its fingerprint matches; else build, write and return it."""
    from old_index.core import SearchIndex

    try:
        return load_index(SearchIndex, _map(path), annotations, fingerprint)[0]
    except (OSError, ValueError):
        pass
    index = SearchIndex(load_papers(), annotations)
    with contextlib.suppress(OSError):
        write_cache(path, index.to_bytes(fingerprint))
    return index
