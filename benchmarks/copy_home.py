"""Copy a paperdeck home for a benchmark that writes into it, keeping its index usable.

Usage: python benchmarks/copy_home.py SRC DST [--link]

The index's state names the library by path, size, mtime, inode and ctime, so a plain copy
of a home has a stale index, and the first import into it rebuilds the index (27 minutes at
2.5M papers). This copies SRC to DST (--link: hard links, seconds for 12 GB; safe because
paperdeck never writes a store or index file in place, it writes a new file and renames it;
the link count change moves the source's ctime, so run this again on SRC before using SRC
itself), moves the index folder to the copy's library path and records the copy's
fingerprints in its state. Only for an exact copy of a home whose index was fresh.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import orjson  # noqa: E402

from store.atomic import atomic_write_bytes  # noqa: E402
from store.fingerprint import file_fingerprint  # noqa: E402
from store.index.place import index_root  # noqa: E402
from store.repository import Store  # noqa: E402


def repoint(home: Path) -> bool:
    """Make the copied index in home the index of home's library; True when it is fresh."""
    store = Store(home)
    root = index_root(home, store.library_path)
    folders = [d for d in (home / "index").iterdir() if d.is_dir()]
    if len(folders) != 1:
        raise SystemExit(f"{home / 'index'}: expected one index folder, found {len(folders)}")
    if folders[0] != root:
        folders[0].rename(root)
    state_path = root / "state.json"
    state = orjson.loads(state_path.read_bytes())
    state["library"] = store.library_fingerprint()
    state["annotations"] = file_fingerprint(home / "annotations.json")
    if state.get("edits", "-") != "-":
        state["edits"] = file_fingerprint(store.overlay.edits.path)
    atomic_write_bytes(state_path, orjson.dumps(state))
    return Store(home).index_is_fresh()


def main(argv: list[str] | None = None) -> int:
    """Copy, then re-point the index."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--link", action="store_true", help="hard links instead of copies")
    args = parser.parse_args(argv)
    if args.dst.exists():
        raise SystemExit(f"{args.dst}: exists")
    shutil.copytree(args.src, args.dst, symlinks=True,
                    copy_function=os.link if args.link else shutil.copy2)
    fresh = repoint(args.dst.resolve())
    print(f"{args.dst}: index {'fresh' if fresh else 'STALE (will be rebuilt)'}")
    return 0 if fresh else 1


if __name__ == "__main__":
    raise SystemExit(main())
