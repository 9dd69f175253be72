"""Reading import inputs: files, folders, site roots and stdin, size-capped and decoded."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from store.net.links import declared_charset
from tui.inputs import (
    DEFAULT_MAX_SIZE,
    InputError,
    read_limited,
    read_stream,
    shown_name,
    too_large,
)
from tui.site_read import SiteDocs, is_site_root, read_site

TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt", ".bib", ".bibtex", ".xml", ".atom"}


@dataclass(slots=True)
class InputDoc:
    """One readable input document (or a whole site root: its planned files, read)."""

    name: str
    text: str
    root: str = ""
    site: SiteDocs | None = None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of data, or InputError for binary or non-UTF-8 input."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not a text listing")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        charset = declared_charset(data) if name.lower().endswith((".html", ".htm")) else None
        if charset:  # a saved page in GBK, Shift_JIS, Latin-1… that says so in its <meta>
            return data.decode(charset, errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 text ({exc.reason})") from None
    return text


def read_file(path: Path, max_size: int) -> InputDoc:
    """Read one file (or FIFO, device) with the size limit: never more than max_size + 1 bytes."""
    name = str(path)
    return InputDoc(name=name, text=decode(read_limited(path, max_size), shown_name(name)))


def expand_site(directory: Path, max_size: int) -> InputDoc:
    """A site root as one document: its planned source files read (see tui/site_read.py)."""
    return InputDoc(name=str(directory), text="", root=str(directory),
                    site=read_site(directory, max_size))


def _site_root(directory: Path) -> Path:
    """The `_pages/` folder of a site root, or the directory itself."""
    pages = directory / "_pages"
    return pages if pages.is_dir() else directory


def expand_directory(directory: Path, max_size: int) -> list[InputDoc]:
    """Every text document below a directory (a site root, its `_pages/`, or any folder)."""
    root = _site_root(directory)
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    if not files:
        raise InputError(f"{directory}: directory has no importable files (.md, .txt, .bib, …)")
    docs = []
    for path in files:
        doc = read_file(path, max_size)
        doc.root = str(root)
        docs.append(doc)
    return docs


def collect_inputs(
    paths: Iterable[str],
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    stdin: Callable[[], bytes] | None = None,
) -> list[InputDoc]:
    """Read every path (files, directories, `-` for stdin) into documents, or raise InputError."""
    docs: list[InputDoc] = []
    for raw in paths:
        if raw == "-":
            data = (stdin or (lambda: read_stream(sys.stdin.buffer, max_size)))()
            if len(data) > max_size:
                raise too_large("<stdin>", max_size)
            docs.append(InputDoc(name="<stdin>", text=decode(data, "<stdin>")))
            continue
        path = Path(raw).expanduser()
        if path.is_dir() and is_site_root(path):
            docs.append(expand_site(path, max_size))
        elif path.is_dir():
            docs.extend(expand_directory(path, max_size))
        else:
            docs.append(read_file(path, max_size))
    return docs
