"""Byte searches of the cite key file (`citekeys.json`): a few lookups without parsing a large
map. Light (re only), so read-only commands can ask before opening the store."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import mmap

KEY_OK = re.compile(r"^[A-Za-z0-9_:.+/\-]{1,80}$")


def may_hold(data: bytes, key: str) -> bool:
    """False only when the key file's bytes surely hold no value equal to key up to ASCII case
    (one byte search instead of parsing a large file and mapping it back, per lookup)."""
    if not KEY_OK.match(key):  # a key the file cannot hold verbatim: ask the parsed map
        return True
    low, head = data.lower(), f'"{key.lower()}'.encode()  # (ends in the key: fast to find)
    at = low.find(head)
    while at >= 0:
        before = at - 1
        while before >= 0 and low[before] in b" \t\r\n":
            before -= 1
        if low[at + len(head): at + len(head) + 1] == b'"' and low[before: before + 1] == b":":
            return True  # a value ("id": "key"), not an id
        at = low.find(head, at + 1)
    return False


def keys_in(data: bytes | mmap.mmap, ids: list[str]) -> dict[str, str] | None:
    """The keys of a few paper ids found by a byte search of the file's bytes; None when some
    id is not found that way (then the caller parses the map)."""
    found: dict[str, str] = {}
    for pid in ids:  # (data may be a map of the file: find and slices only)
        if '"' in pid or "\\" in pid:
            return None
        head = f'"{pid}":"'.encode()
        at = data.find(head)
        end = data.find(b'"', at + len(head)) if at >= 0 else -1
        if end < 0 or data.find(head, end) >= 0:  # missing, spaced or twice: parse
            return None
        value = data[at + len(head): end]
        if b"\\" in value or not KEY_OK.match(value.decode("utf-8", "replace")):
            return None
        found[pid] = value.decode()
    return found


def id_of(data: bytes, key: str) -> str | None:
    """The paper id holding key by a byte search of a compact key file: the first id whose
    key is exactly key, else the only one whose key equals it up to ASCII case, else "";
    None when the file's layout is not the one paperdeck writes (then parse the map)."""
    if not KEY_OK.match(key):
        return None
    low, head = data.lower(), f'"{key.lower()}"'.encode()
    exact, folded = key.encode(), []
    at = low.find(head)
    while at >= 0:
        before = data[at - 1: at]
        if before == b":":  # a value ("id":"key")
            start = data.rfind(b'"', 0, at - 2)
            pid = data[start + 1: at - 2]
            if (data[at - 2: at - 1] != b'"' or start < 1 or b"\\" in pid
                    or data[start - 1: start] not in (b",", b"{")):
                return None
            if data[at + 1: at + 1 + len(exact)] == exact:
                return pid.decode()
            folded.append(pid.decode())
        elif before not in (b",", b"{"):  # neither an id nor a value as written compact
            return None
        at = low.find(head, at + 1)
    return folded[0] if len(folded) == 1 else ""


PAIR = re.compile(rb'"([^"\\]*)":"([^"\\]*)"')  # "id":"key" as paperdeck writes it


def keys_for(data: bytes, ids: list[str]) -> dict[str, str] | None:
    """The keys of many paper ids by one pass over a compact key file, holding only those
    (parsing the map would hold every key: hundreds of MB at 2.5M papers); None when some
    id is not found that way (then the caller parses the map)."""
    wanted = set(ids)
    found: dict[str, str] = {}
    for match in PAIR.finditer(data):
        pid = match.group(1).decode()
        if pid in wanted and pid not in found:
            found[pid] = match.group(2).decode()
    if len(found) != len(wanted) or not all(map(KEY_OK.match, found.values())):
        return None
    return found
