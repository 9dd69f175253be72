"""A writer process for the crash and concurrency tests: it prints one line per durable write.

Usage: python store_writer.py crash HOME START        (loops until killed)
       python store_writer.py concurrent HOME NAME COUNT
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store.repository import Store  # noqa: E402
from tests.store.storehelp import paper, result  # noqa: E402


def crash_loop(home: Path, start: int) -> None:
    """Annotation writes, and a library import every third step, each acknowledged."""
    store = Store(home)
    i = start
    while True:
        store.mark(f"p{i % 5}", add_tags=[f"t{i}"])
        print(f"A {i}", flush=True)
        if i % 3 == 0:
            store.apply_import(result(paper(f"Paper {i}")), source=f"s{i}", importer="crash")
            print(f"L {i}", flush=True)
        i += 1


def concurrent(home: Path, name: str, count: int) -> None:
    """count writes on a shared paper and count on this writer's own paper."""
    store = Store(home)
    for i in range(count):
        store.mark("shared", add_tags=[f"{name}-{i}"])
        store.mark(f"own-{name}", add_tags=[str(i)], read=i % 2 == 0)
    print(f"done {name}", flush=True)


if __name__ == "__main__":
    mode, where = sys.argv[1], Path(sys.argv[2])
    if mode == "crash":
        crash_loop(where, int(sys.argv[3]))
    else:
        concurrent(where, sys.argv[3], int(sys.argv[4]))
