"""Which files of a site repository to read: sources kept, build output and tooling left out.

Pure: it looks at relative paths only (the caller lists the folder and reads the files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# Folders that never hold a site's own publication sources.
NEVER = frozenset({
    "_site", "public", "node_modules", "vendor", "resources", ".jekyll-cache", ".sass-cache",
    "themes", "_includes", "_layouts", "_sass", "assets", "static", "layouts", "archetypes",
    "i18n", "_plugins", "bin", "scripts", "exampleSite", "__pycache__", "site-packages",
    "bower_components", "dist", "build", "_freeze", ".quarto",
})
SOURCE_SUFFIXES = frozenset({".md", ".markdown", ".bib", ".bibtex", ".yml", ".yaml", ".json",
                             ".toml", ".tsv"})
CONFIGS = ("_config.yml", "_config.yaml", "hugo.toml", "hugo.yaml", "hugo.yml", "config.toml",
           "config.yaml", "config.yml", "config/_default/hugo.toml",
           "config/_default/hugo.yaml", "config/_default/config.toml",
           "config/_default/config.yaml", "config/_default/params.yaml",
           "config/_default/params.toml")
LIST_PAGE = re.compile(r"(?:^|/)(?:publications?|papers|pubs|research|bibliography)"
                       r"(?:/index)?\.html?$", re.I)
_SOURCE_DIRS = re.compile(r"(?:^|/)(?:_bibliography|_publications|_data|_pages|content|data|"
                          r"markdown_generator)/")
_IGNORED_NAMES = re.compile(r"^(?:readme|license|licence|changelog|contributing|code_of_conduct|"
                            r"security|install|gemfile|package(?:-lock)?|netlify|vercel|"
                            r"\.?prettierrc|tsconfig|renovate|dependabot|citation)\b", re.I)


@dataclass(slots=True)
class SitePlan:
    """The files of a site root to read, and those left out (with why)."""

    read: list[str] = field(default_factory=list)
    configs: list[str] = field(default_factory=list)
    build_output: list[str] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    generators: list[str] = field(default_factory=list)


def generators(paths: list[str]) -> list[str]:
    """The generators a listing of relative paths shows, in a fixed order."""
    joined = "\n".join(paths)
    found: list[str] = []
    if re.search(r"(?:^|/)_bibliography/[^/\n]+\.bib$", joined, re.M):
        found.append("al-folio")
    if re.search(r"(?:^|/)_publications/[^\n]+\.(?:md|markdown)$", joined, re.M) or \
            re.search(r"(?:^|/)markdown_generator/[^/\n]+\.tsv$", joined, re.M):
        found.append("academicpages")
    if re.search(r"(?:^|/)content/(?:[^/\n]+/)?publications?/", joined, re.M):
        found.append("hugo-academic")
    if re.search(r"(?:^|/)_pages/[^\n]+\.(?:md|markdown)$", joined, re.M):
        found.append("jekyll-pages")
    if re.search(r"(?:^|/)_?data/[^\n]+\.(?:ya?ml|json|toml)$", joined, re.M):
        found.append("data-files")
    return found


def _built_docs(paths: list[str]) -> bool:
    """True when `docs/` is a built copy of the site (HTML, no site config of its own)."""
    docs = [p for p in paths if p.startswith("docs/")]
    has_html = any(p == "docs/index.html" for p in docs)
    own_config = any(p in ("docs/_config.yml", "docs/config.toml", "docs/hugo.toml")
                     for p in docs)
    sources = any(_SOURCE_DIRS.search(p) for p in paths if not p.startswith("docs/"))
    return has_html and not own_config and sources


def plan(paths: list[str]) -> SitePlan:
    """Sort a site's relative file paths into sources to read, configs and what is skipped."""
    result = SitePlan()
    built_docs = _built_docs(paths)
    for path in sorted(paths):
        parts = PurePosixPath(path).parts
        if path in CONFIGS:
            result.configs.append(path)
            continue
        if any(part.startswith(".") for part in parts):
            continue
        if any(part in NEVER for part in parts[:-1]) or (built_docs and parts[0] == "docs"):
            result.build_output.append(path)
            continue
        suffix = PurePosixPath(path).suffix.lower()
        if suffix not in SOURCE_SUFFIXES:
            if suffix in (".html", ".htm"):
                result.read.append(path)  # the walker keeps it if it says it lists papers
            continue
        name = parts[-1]
        if _IGNORED_NAMES.match(name) or name.lower() in ("_config.yml", "navigation.yml"):
            result.ignored.append((path, "project file, not a publication source"))
            continue
        result.read.append(path)
    result.generators = generators(result.read)
    return result
