"""Reading a site root from disk for importers.sites.walk (which only ever sees paths and texts)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from importers.sites.sitemap import CONFIGS, NEVER, plan
from importers.sites.walk import import_site
from store.text import strip_controls
from tui.inputs import InputError, cap_result

if TYPE_CHECKING:
    from tui.importing import ParsedSource

BUILD_OUTPUT = "build output, theme or tooling"
SITE_MARKERS = ("_bibliography", "_publications", "_data", "content", "markdown_generator",
                "_pages")


@dataclass(slots=True)
class SiteDocs:
    """A site root's planned files, read, and every file left out with the reason."""

    root: Path
    files: list[tuple[str, str]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    build_output: list[str] = field(default_factory=list)


def is_site_root(directory: Path) -> bool:
    """True for a site repository: a generator config or one of its source folders."""
    if any((directory / name).is_file() for name in CONFIGS):
        return True
    return any((directory / name).is_dir() for name in SITE_MARKERS if name != "_pages")


def list_files(root: Path) -> tuple[list[str], list[str]]:
    """(relative file paths, pruned build/tooling folders) below root, hidden ones left out."""
    paths: list[str] = []
    pruned: list[str] = []
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        keep = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if name in NEVER:
                pruned.append((rel / name).as_posix() + "/")
                continue
            keep.append(name)
        dirs[:] = keep
        paths.extend((rel / name).as_posix() for name in files if not name.startswith("."))
    return paths, pruned


def read_site(root: Path, max_size: int) -> SiteDocs:
    """List a site root, plan what to read, and read it; unreadable files are skipped."""
    from tui.importing import decode
    from tui.inputs import read_limited

    paths, pruned = list_files(root)
    layout = plan(paths)
    # file names are data too: no terminal controls reach sources, warnings or the store
    docs = SiteDocs(root=root, paths=[strip_controls(p) for p in paths],
                    build_output=[strip_controls(p) for p in pruned + layout.build_output])
    docs.skipped.extend((strip_controls(p), why) for p, why in layout.ignored)
    for rel in layout.configs + layout.read:
        path = root / rel
        try:
            if not path.is_file():
                docs.skipped.append((rel, "not a regular file"))
                continue
            size = path.stat().st_size
            if size > max_size:
                docs.skipped.append((rel, f"{size / 1e6:.1f} MB, over the size limit"))
                continue
            docs.files.append((rel, decode(read_limited(path, max_size), rel)))
        except InputError as exc:
            docs.skipped.append((rel, str(exc).split(": ", 1)[-1]))
        except OSError as exc:
            docs.skipped.append((rel, f"cannot read ({exc.strerror})"))
    return docs


def parse_site_root(docs: SiteDocs, *, today: date) -> list[ParsedSource]:
    """Import a read site root: one parsed source per file (topic pages together)."""
    from tui.importing import ParsedSource, digest

    prefix = strip_controls(docs.root.resolve().name) + "/"
    site = import_site(docs.files, root=str(docs.root), today=today, all_paths=docs.paths,
                       prefix=prefix)
    texts = dict(docs.files)
    skipped = [(prefix + p, why) for p, why in docs.skipped] + site.skipped
    skipped += [(prefix + p, BUILD_OUTPUT) for p in docs.build_output]
    if not site.sources:
        raise InputError(
            f"{docs.root}: no publication sources found in this site "
            f"({len(docs.files)} files read, {len(skipped)} skipped; "
            "publications are looked for in _bibliography/, _publications/, "
            "content/publication/, _data/, _pages/ and publication pages)")
    parsed: list[ParsedSource] = []
    for src in site.sources:
        rel = src.source.removeprefix(prefix)
        text = texts.get(rel, "\0".join(t for p, t in docs.files if p.startswith(rel + "/")))
        parsed.append(ParsedSource(src.source, src.importer, digest(text),
                                   cap_result(src.result), src.confidence, src.reason))
    parsed[0].result.warnings[:0] = site.warnings
    parsed[0].skipped_files = skipped
    return parsed
