"""The small per-user files of the daily feed, beside annotations.json in the store's home."""

from __future__ import annotations

from pathlib import Path

from store.jsonfile import JsonFile

FOLLOWS_FILE = "follows.json"
INBOX_FILE = "inbox.json"
HARVEST_FILE = "harvest.json"


def follows_file(home: Path) -> JsonFile:
    """follows.json: followed categories, authors and keywords."""
    return JsonFile(Path(home) / FOLLOWS_FILE, key="follows", version=1)


def inbox_file(home: Path) -> JsonFile:
    """inbox.json: what arrived, when, and whether the user has seen it."""
    return JsonFile(Path(home) / INBOX_FILE, key="inbox", version=1)


def harvest_file(home: Path) -> JsonFile:
    """harvest.json: where each harvest resumes (datestamps, resumption tokens)."""
    return JsonFile(Path(home) / HARVEST_FILE, key="harvest", version=1)
