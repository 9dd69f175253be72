"""Stable cite keys: assigned once per paper, kept in `citekeys.json` in the user's home."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.atomic import atomic_write_bytes, locked
from store.cite.keyscan import id_of, keys_for, keys_in, may_hold
from store.cite.ledger import Ledger, mapped, spliced
from store.cite.pattern import DEFAULT_PATTERN, KEY_OK, check_pattern, format_key
from store.errors import StoreError
from store.jsonfile import JsonFile
from store.models import Paper
from store.storage import file_stamp

KEYS_FILE = "citekeys.json"
KEYS_VERSION = 1
LEDGER_PAPERS = 1_000  # an import of this many papers adds keys through a ledger (a scan
# of the key file, once per process, then ~1 us a paper instead of a parse per import)
WARM_MAX = 16 * 2**20  # a key file this large (~500k papers) is not held parsed
MANY = 8  # more ids than this are looked up in one pass over the key file, not one search each
Reverse = tuple[dict[str, str], dict[str, str], dict[str, str], set[str]]


def suffix(n: int) -> str:
    """a, b, …, z, aa, ab, … for the n-th (1-based) collision."""
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def unique_key(base: str, taken: Container[str]) -> str:
    """base, else base+a, base+b, … : the first not in taken (compared case-insensitively)."""
    if base.lower() not in taken:
        return base
    n = 1
    while f"{base}{suffix(n)}".lower() in taken:
        n += 1
    return f"{base}{suffix(n)}"


def imported_key(paper: Paper) -> str:
    """The key the paper's source gave it (a .bib entry key), when it is a usable key."""
    own = paper.extra.get("citekey", "") if paper.extra else ""
    return own if own and KEY_OK.match(own) else ""


@dataclass(frozen=True, slots=True)
class Rekeyed:
    """One paper whose key `rekey` looked at."""

    paper_id: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        """True when the key is different now."""
        return self.old != self.new


class CiteKeys:
    """The map paper id -> cite key; a key, once given, is never given to another paper."""

    def __init__(self, home: Path) -> None:
        """Manage citekeys.json in home."""
        self.file = JsonFile(Path(home) / KEYS_FILE, key="keys", version=KEYS_VERSION)
        self._reverse: Reverse | None = None
        self._ledger: Ledger | None = None  # hashes of the file as this process last wrote it
        self._sketch: dict[str, bytes] = {}  # the key sketch, by key-file fingerprint

    @property
    def path(self) -> Path:
        """The key file."""
        return self.file.path

    def all(self) -> dict[str, str]:
        """Every assigned key, by paper id (the cached map: read it, never change it)."""
        return self.file.read()

    def key(self, paper_id: str) -> str:
        """The key of a paper id, or ""."""
        value = self.file.read().get(paper_id)
        return value if isinstance(value, str) else ""

    def paper_id(self, key: str) -> str:
        """The paper id holding key (exact, else case-insensitive), or ""."""
        if self._reverse is None and self.file.cached() is None:
            if self.oversized() and not self.path.is_symlink():  # one read of the file at most
                from store.cite.keysketch import excludes

                if excludes(self.path.parent, key, self._sketch):
                    return ""
                found = self._searched(key)
                if found is not None:
                    return found
            elif not self._may_hold(key):
                return ""
        _, exact, folded, ambiguous = self._reverse_map()
        if key in exact:
            return exact[key]
        low = key.lower()
        return "" if low in ambiguous else folded.get(low, "")

    def _searched(self, key: str) -> str | None:
        """paper_id's answer by a byte search of a key file over WARM_MAX bytes (its parsed map
        would be held: hundreds of MB at 2.5M papers); None: parse it instead."""
        try:
            return id_of(self.file.target().read_bytes(), key)
        except (OSError, StoreError):
            return None

    def _reverse_map(self) -> Reverse:
        """(the map, key -> id, lower-case key -> id, lower-case keys of several ids; the
        first id wins), rebuilt when the map was re-read; built without a Python loop."""
        keys = self.all()
        if self._reverse is None or self._reverse[0] is not keys:
            ids, values = list(keys)[::-1], list(keys.values())[::-1]
            lowered = [v.lower() for v in values]
            folded = dict(zip(lowered, ids, strict=True))
            ambiguous: set[str] = set()
            if len(folded) != len(lowered):  # keys equal up to case (not given, but imported)
                ambiguous = {v for v, n in Counter(lowered).items() if n > 1}
            self._reverse = (keys, dict(zip(values, ids, strict=True)), folded, ambiguous)
        return self._reverse

    def warm(self) -> None:
        """Read the map and its reverse now (a long-lived process, e.g. the TUI, in a thread):
        later lookups are dictionary lookups instead of sketch checks and byte searches. Not
        for a key file over WARM_MAX bytes: its map would cost hundreds of MB held."""
        with contextlib.suppress(OSError, StoreError):
            if self.file.target().stat().st_size <= WARM_MAX:
                self._reverse_map()

    def keys_of(self, ids: Sequence[str]) -> dict[str, str] | None:
        """The keys of paper ids found by a byte search of the file (no parse of a large map
        for one paper; one pass for many); None when some id is not found that way (then
        parse: all())."""
        kept = self.file.cached()
        if kept is not None:  # read already (warm): no byte search
            found_kept = {pid: kept[pid] for pid in ids if isinstance(kept.get(pid), str)}
            return found_kept if len(found_kept) == len(set(ids)) else None
        try:
            data = self.file.target().read_bytes()
        except (OSError, StoreError):
            return None
        return keys_in(data, list(ids)) if len(ids) <= MANY else keys_for(data, list(ids))

    def oversized(self) -> bool:
        """True when the key file is over WARM_MAX bytes (~500k papers)."""
        try:
            return self.file.target().stat().st_size > WARM_MAX
        except (OSError, StoreError):
            return False

    def large(self) -> bool:
        """True when the key file is over WARM_MAX bytes and not parsed (never held whole)."""
        return self.file.cached() is None and self.oversized()

    def _may_hold(self, key: str) -> bool:
        """False only when the key file surely holds no value equal to key up to ASCII case:
        the key sketch's answer (a byte search only on its "maybe"), not a parse of the map."""
        if not KEY_OK.match(key):  # a key the file cannot hold verbatim: ask the parsed map
            return True
        if not self.path.is_symlink():  # the sketch's "no" is certain and costs no file read
            from store.cite.keysketch import may_be_key

            return may_be_key(self.path.parent, key, self._sketch)
        try:
            data = self.file.target().read_bytes()
        except (OSError, StoreError):
            return True
        return may_hold(data, key)

    def missing(self, papers: Iterable[Paper]) -> bool:
        """True when some paper has no key yet."""
        keys = self.file.read()
        return any(p.id not in keys for p in papers)

    def assign(self, papers: Sequence[Paper], pattern: str = DEFAULT_PATTERN) -> dict[str, str]:
        """Give every paper without a key its key (imported key, else pattern; suffixed on a
        collision with any key ever given), in the order given; return the whole map."""
        check_pattern(pattern)

        def change(payload: dict[str, Any]) -> dict[str, str]:
            taken = {str(v).lower() for v in payload.values()}
            for paper in papers:
                if not paper.id or paper.id in payload:
                    continue
                base = imported_key(paper) or format_key(paper, pattern)
                payload[paper.id] = key = unique_key(base, taken)
                taken.add(key.lower())
            return payload

        if not self.missing(papers):
            return self.all()
        return self.file.update(change)

    def add_missing(self, papers: Sequence[Paper], pattern: str = DEFAULT_PATTERN) -> None:
        """assign() for an import into a large library: the same keys and file, but the map
        is not parsed (see store.cite.ledger); a file in another layout goes to assign()."""
        check_pattern(pattern)
        target = self.file.target()
        with locked(target), contextlib.ExitStack() as stack:
            stamp = file_stamp(target)
            data = stack.enter_context(mapped(target)) if stamp is not None else None
            ledger = self._ledger
            if ledger is None and len(papers) < LEDGER_PAPERS:
                data = None  # a small import: parsing the map costs less than a scan
            elif data is not None and (ledger is None or ledger.stamp != stamp):
                self._ledger = ledger = Ledger.scan(data, KEYS_VERSION, stamp)
            if data is None or ledger is None:
                self._ledger = None
                self.assign(papers, pattern)
                return
            self._ledger = None  # until the file holds what the ledger will
            added: dict[str, str] = {}
            for paper in papers:
                if not paper.id or paper.id in ledger.ids:
                    continue
                base = imported_key(paper) or format_key(paper, pattern)
                added[paper.id] = key = ledger.unique(base, suffix)
                ledger.ids.add(paper.id)
                ledger.taken.add(key.lower())
            if added:
                atomic_write_bytes(target, spliced(data, KEYS_VERSION, added))
                ledger.stamp = file_stamp(target)
            self._ledger = ledger

    def rekey(
        self, papers: Sequence[Paper], pattern: str = DEFAULT_PATTERN, *, dry_run: bool = False
    ) -> list[Rekeyed]:
        """Recompute the keys of papers from the pattern, on purpose; return old and new."""
        check_pattern(pattern)

        def change(payload: dict[str, Any]) -> list[Rekeyed]:
            out: list[Rekeyed] = []
            for paper in papers:
                old = str(payload.get(paper.id, ""))
                taken = {str(v).lower() for pid, v in payload.items() if pid != paper.id}
                base = format_key(paper, pattern)
                # keep the old key when it already is the pattern's key (with its suffix)
                tail = old[len(base):]
                keep = bool(old) and old.lower().startswith(base.lower()) and (
                    not tail or (len(tail) <= 2 and tail.isalpha() and tail.islower())
                ) and old.lower() not in taken
                new = old if keep else unique_key(base, taken)
                payload[paper.id] = new
                out.append(Rekeyed(paper.id, old, new))
            return out

        if dry_run:
            return change(dict(self.file.read()))
        return self.file.update(change)
