"""Dependency rules: tui -> store, importers; importers -> store models; tinydb only in store."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

IMPORTER_ALLOWED_STORE = {"store.models", "store.text"}


def imports_of(package: str) -> list[tuple[Path, str]]:
    """Every (file, imported module) pair in a package."""
    found: list[tuple[Path, str]] = []
    for path in sorted((REPO / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


def top(module: str) -> str:
    """First component of a dotted module name."""
    return module.split(".")[0]


@pytest.mark.parametrize("package", ["tui", "importers"])
def test_only_store_imports_tinydb(package: str) -> None:
    """tinydb is imported nowhere but store/."""
    bad = [(p.name, m) for p, m in imports_of(package) if top(m) == "tinydb"]
    assert bad == []


@pytest.mark.parametrize("package", ["store", "importers"])
def test_no_textual_below_tui(package: str) -> None:
    """store/ and importers/ never import textual."""
    bad = [(p.name, m) for p, m in imports_of(package) if top(m) == "textual"]
    assert bad == []


def test_store_imports_neither_tui_nor_importers() -> None:
    """The store is the bottom layer."""
    bad = [(p.name, m) for p, m in imports_of("store") if top(m) in {"tui", "importers"}]
    assert bad == []


def test_importers_use_only_store_models() -> None:
    """Importers see only the store's models and text helpers, and never the app."""
    bad = [
        (p.name, m)
        for p, m in imports_of("importers")
        if top(m) == "tui" or (top(m) == "store" and m not in IMPORTER_ALLOWED_STORE)
    ]
    assert bad == []


def test_import_linter_contracts() -> None:
    """import-linter agrees with pyproject.toml's contracts."""
    exe = shutil.which("lint-imports")
    assert exe, "import-linter is part of the test extra"
    proc = subprocess.run([exe], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
