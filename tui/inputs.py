"""Input limits, the input error, and bounded reads of any input (files, pipes, devices, stdin)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from importers.base import ImportResult, ImportWarning
from store.text import clean_output

DEFAULT_MAX_SIZE = 20 * 1024 * 1024
MAX_PAPERS_PER_SOURCE = 50_000  # more entries than this from one input are left out, and said so
_CHUNK = 1 << 20


class InputError(Exception):
    """A user's input that cannot be read: one line, naming the file."""


def megabytes(size: int) -> str:
    """A byte count in the unit the help text uses (MB of 2**20 bytes): 20971520 -> '20 MB'."""
    value = size / 2**20
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def shown_name(name: str) -> str:
    """A file name as it may appear in a message: terminal controls stripped."""
    return clean_output(name).replace("\n", " ")


def too_large(name: str, max_size: int) -> InputError:
    """The error for an input over the size limit."""
    return InputError(
        f"{shown_name(name)}: input is over the {megabytes(max_size)} limit "
        "(raise it with --max-size)"
    )


def read_stream(stream: BinaryIO, max_size: int, name: str = "<stdin>") -> bytes:
    """At most max_size bytes of a stream; InputError when it holds more (never reads more than
    max_size + 1 bytes, so /dev/zero or an endless pipe cannot exhaust memory)."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_size:
        chunk = stream.read(min(_CHUNK, max_size + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_size:
        raise too_large(name, max_size)
    return b"".join(chunks)


def read_limited(path: Path, max_size: int) -> bytes:
    """The bytes of a file, FIFO or device, read with the size limit; InputError otherwise."""
    name = shown_name(str(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a directory")
    if stat.S_ISREG(st.st_mode) and st.st_size > max_size:
        raise InputError(
            f"{name}: file is {megabytes(st.st_size)}, over the {megabytes(max_size)} limit "
            "(raise it with --max-size)"
        )
    try:
        with open(path, "rb") as handle:
            return read_stream(handle, max_size, str(path))
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def cap_result(result: ImportResult, limit: int = MAX_PAPERS_PER_SOURCE) -> ImportResult:
    """The result with at most limit papers; the rest are left out with a warning saying so."""
    if len(result.papers) <= limit:
        return result
    dropped = len(result.papers) - limit
    source = result.papers[limit].provenance[0].source if result.papers[limit].provenance else ""
    del result.papers[limit:]
    result.warnings.append(
        ImportWarning(
            source or "input",
            None,
            f"skipped {dropped} entries: one input may add at most {limit} papers "
            "(split the file to import the rest)",
        )
    )
    return result
