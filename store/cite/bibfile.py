"""A project .bib kept current: entries keep their order and bytes; written atomically."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from store.atomic import atomic_write_bytes, read_bytes
from store.bibtex_export import entry
from store.models import Paper

_HEAD = re.compile(r"^@[A-Za-z]+\{([^,\s]+),", re.M)


def entries(papers: Sequence[Paper], *, abstract: bool = True,
            ascii: bool = False) -> list[tuple[str, str]]:
    """(key, entry text) per distinct paper, keys from the papers' stable cite keys."""
    out: dict[str, str] = {}
    for paper in papers:
        key = paper.extra.get("citekey", "") or paper.id
        out.setdefault(key, entry(paper, key, abstract=abstract, ascii=ascii))
    return list(out.items())


def existing_order(text: str) -> list[str]:
    """The keys of a .bib text, in file order."""
    return _HEAD.findall(text)


def ordered(previous: str, fresh: list[tuple[str, str]]) -> str:
    """fresh entries as a .bib text: keys already in previous keep their place, new ones
    follow in the given order, entries no longer wanted are dropped."""
    wanted = dict(fresh)
    order = [k for k in existing_order(previous) if k in wanted]
    order += [k for k, _ in fresh if k not in set(order)]
    order = list(dict.fromkeys(order))
    return "".join(wanted[k] + "\n\n" for k in order).rstrip("\n") + ("\n" if order else "")


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically replace path with text unless it already holds exactly that; True if written."""
    data = text.encode("utf-8")
    if read_bytes(path) == data:
        return False
    atomic_write_bytes(path, data)
    return True


def watch(
    path: Path,
    render: Callable[[str], str],
    fingerprint: Callable[[], str],
    *,
    interval: float = 1.0,
    stop: threading.Event | None = None,
    on_write: Callable[[str], None] = lambda text: None,
) -> None:
    """Write render(previous text) to path now and whenever fingerprint() changes, until stop."""
    stop = stop or threading.Event()
    last = None
    while not stop.is_set():
        current = fingerprint()
        if current != last:
            previous = (read_bytes(path) or b"").decode("utf-8", "replace")
            text = render(previous)
            if write_if_changed(path, text):
                on_write(text)
            last = current
        stop.wait(interval)
