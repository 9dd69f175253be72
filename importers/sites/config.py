"""A site's own name and address, from `_config.yml` (Jekyll) or Hugo's config files."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml

from importers.frontmatter import load_yaml
from importers.sites.sitemap import CONFIGS, plan
from store.models import Link, Paper
from store.text import clean_inline

_BLANK = frozenset({"", "blank", "none", "null", "~"})


@dataclass(slots=True)
class SiteInfo:
    """The site's title (for its collection), base URL and which generators it uses."""

    title: str
    root: str
    url: str = ""
    configs: list[str] = field(default_factory=list)
    generators: list[str] = field(default_factory=list)


def _load(path: str, text: str) -> dict[str, Any]:
    """A config file's top-level mapping (empty when it cannot be read)."""
    try:
        if path.endswith(".toml"):
            data: Any = tomllib.loads(text)
        else:
            data = load_yaml(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return {}
    return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else {}


def _text(value: Any) -> str:
    """A config value as one clean line ("" for blanks and non-strings)."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    text = clean_inline(str(value))
    return "" if text.lower() in _BLANK else text


def site_info(texts: dict[str, str], *, root: str, paths: list[str]) -> SiteInfo:
    """The site's title and URL from its config files, else the folder name."""
    info = SiteInfo(title="", root=root, generators=plan(paths).generators)
    for path in CONFIGS:
        if path not in texts:
            continue
        info.configs.append(path)
        data = _load(path, texts[path])
        if not info.title:
            name = " ".join(_text(data.get(k)) for k in ("first_name", "middle_name",
                                                        "last_name")).split()
            info.title = _text(data.get("title")) or " ".join(name)
        if not info.url:
            url, base = _text(data.get("url")), _text(data.get("baseurl"))
            if url.startswith(("http://", "https://")):
                tail = base.strip("/")
                info.url = url.rstrip("/") + (f"/{tail}" if tail else "")
            elif base.startswith(("http://", "https://")):
                info.url = base.rstrip("/")
    info.title = info.title or PurePosixPath(root.replace("\\", "/")).name or "site"
    return info


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def resolve_links(paper: Paper, info: SiteInfo, source: str) -> None:
    """Site-relative links ("/assets/pdf/x.pdf", a Hugo bundle's "paper.pdf") made absolute."""
    if not info.url:
        return
    fixed: list[Link] = []
    for link in paper.links:
        url = link.url.strip()
        if url.startswith("/") and not url.startswith("//"):
            url = info.url + url
        elif not _SCHEME.match(url) and url and "/content/" in "/" + source:
            folder = PurePosixPath(source).parent
            parts = folder.parts[folder.parts.index("content") + 1:]
            url = f"{info.url}/{'/'.join(parts)}/{url.lstrip('./')}"
        fixed.append(Link(link.label, url))
    paper.links = fixed
