"""Where the store lives: the home directory and the files inside it."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_FILE = "library.json"
ANNOTATIONS_FILE = "annotations.json"
SETTINGS_FILE = "settings.json"
BACKUPS_DIR = "backups"
CACHE_DIR = "cache"
HOME_ENV = "PAPERDECK_HOME"


def default_home() -> Path:
    """$PAPERDECK_HOME if set, else the platformdirs user data directory for paperdeck."""
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # (only when no home is given)

    return Path(user_data_dir("paperdeck", appauthor=False))


def library_file(home: Path) -> Path:
    """The default library file under home."""
    return home / LIBRARY_FILE


def annotations_file(home: Path) -> Path:
    """The user's annotations file under home."""
    return home / ANNOTATIONS_FILE


def settings_file(home: Path) -> Path:
    """The user's settings file under home."""
    return home / SETTINGS_FILE


def backups_dir(home: Path) -> Path:
    """The directory holding library backups."""
    return home / BACKUPS_DIR


def cache_dir(home: Path) -> Path:
    """The directory holding disposable caches."""
    return home / CACHE_DIR
