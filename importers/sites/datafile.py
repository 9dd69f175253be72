"""Data-file sites: publication lists in `_data/*.yml|yaml|json` or Hugo `data/` files."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import PurePosixPath
from typing import Any

import yaml

from importers.base import ImporterError, ImportResult, ImportWarning
from importers.frontmatter import load_yaml
from importers.sites.datamap import is_publication, item_paper, score_list, string_paper
from importers.sites.front import BrokenSource
from importers.sites.groups import Grouped, build, collection_for, finish

_SUFFIXES = (".yml", ".yaml", ".json", ".toml")
_MAX_NODES = 500_000
MAX_ITEMS = 10_000  # publications read from one data file
MAX_YAML = 2_000_000  # characters of a YAML/TOML data file (its loaders build ~1 MB a second)
_GENERIC = frozenset({"publications", "publication", "papers", "paper", "pubs", "items",
                      "entries", "list", "references", "works", "data", "all", "bibliography"})


def load(text: str, filename: str, *, source: str) -> Any:
    """The data of a YAML, JSON or TOML file (safe loaders only), or ImporterError with line."""
    name = filename.lower()
    if len(text) > MAX_YAML and not name.endswith(".json"):
        raise BrokenSource(f"data file is {len(text) / 1e6:.1f} MB; YAML and TOML data files "
                            f"over {MAX_YAML / 1e6:.0f} MB are not read (a list of 1,000 "
                            "publications is about 0.3 MB)", source=source, line=1)
    try:
        if name.endswith(".json"):
            return json.loads(text)
        if name.endswith(".toml"):
            return tomllib.loads(text)
        return load_yaml(text)
    except json.JSONDecodeError as exc:
        raise BrokenSource(f"malformed JSON: {exc.msg}", source=source, line=exc.lineno) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise BrokenSource(f"malformed YAML: {exc.problem or exc}", source=source,
                            line=mark.line + 1 if mark else 1) from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        raise BrokenSource(f"malformed data file: {str(exc).splitlines()[0][:120]}",
                            source=source, line=1) from None


def candidate_lists(data: Any, label: str = "", depth: int = 0,
                    budget: list[int] | None = None) -> list[tuple[str, list[Any]]]:
    """Every list of mappings in the data with the key it sits under (nested groups too)."""
    budget = budget if budget is not None else [_MAX_NODES]
    budget[0] -= 1
    if depth > 6 or budget[0] < 0:
        return []
    found: list[tuple[str, list[Any]]] = []
    if isinstance(data, list):
        dicts = [x for x in data if isinstance(x, dict)]
        if dicts:
            found.append((label, dicts))
        strings = [x for x in data if isinstance(x, str)]
        if strings and len(strings) * 2 >= len(data):
            found.append((label, strings))  # one citation string per publication
        for item in dicts[:2000]:
            # [{year: 2023, papers: [...]}]: a group heading above an inner list
            head = next((str(item[k]) for k in ("year", "title", "name", "heading", "section",
                                                "group", "type", "category") if
                         isinstance(item.get(k), (str, int)) and not isinstance(item.get(k),
                                                                                 bool)), label)
            for key, value in item.items():
                if isinstance(value, list):
                    inner = head if str(key).lower() in _GENERIC else str(key)
                    found.extend(candidate_lists(value, inner, depth + 1, budget))
    elif isinstance(data, dict):
        for key, value in data.items():
            inner = label if str(key).lower() in _GENERIC else str(key)
            found.extend(candidate_lists(value, inner, depth + 1, budget))
    return found


def _group(label: str) -> str:
    """A group key as a tab label ("journal_papers" -> "Journal Papers")."""
    label = re.sub(r"[_-]+", " ", label).strip()
    return label[:1].upper() + label[1:] if label else ""



_CSL_FIELDS = ("issued", "container-title", "citation-key", "DOI")


def _is_csl_json(data: object) -> bool:
    """True for a CSL-JSON item list: most items carry `type` and a CSL-only field."""
    items = [data] if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        return False
    csl = sum(1 for it in items
              if isinstance(it, dict) and "type" in it and any(k in it for k in _CSL_FIELDS))
    return csl * 2 > len(items)

class DataFileImporter:
    """A YAML/JSON/TOML data file holding a list of publications with the site's field names."""

    name = "data-file"
    description = "site data file (_data/*.yml|json, Hugo data/) with a list of publications"

    def explain(self, text: str, filename: str = "") -> tuple[float, str]:
        """Confidence and why: how many items of its lists look like publications."""
        if not filename.lower().endswith(_SUFFIXES):
            return 0.0, "not a .yml/.yaml/.json/.toml data file"
        try:
            data = load(text, filename, source=filename)
        except ImporterError as exc:
            return 0.0, f"unreadable: {exc.message}"
        if _is_csl_json(data):
            return 0.0, "CSL-JSON items (the csl-json importer reads them)"
        best, why = 0.0, "no list of publications (items with title and authors or venue)"
        for label, items in candidate_lists(data):
            score, reason = score_list(items)
            if score > best:
                best, why = score, reason + (f" under {label!r}" if label else "")
        return best, why

    def detect(self, text: str, filename: str = "") -> float:
        """Confidence that the data file holds publications."""
        return self.explain(text, filename)[0]

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Import every publication list of the file; other lists are left alone."""
        del today
        filename = source if source.lower().endswith(_SUFFIXES) else source + ".yml"
        data = load(text, filename, source=source)
        grouped = Grouped()
        warnings: list[ImportWarning] = []
        taken = 0
        for label, items in candidate_lists(data):
            score, _ = score_list(items)
            if score < 0.5:
                continue
            taken += 1
            for number, item in enumerate(items, 1):
                if len(grouped.items) >= MAX_ITEMS:
                    warnings.append(ImportWarning(source, None, f"more than {MAX_ITEMS:,} "
                                                  "publications; the rest skipped"))
                    break
                if not is_publication(item):
                    warnings.append(ImportWarning(source, None, f"item {number} of "
                                                  f"{label or 'the list'!r} is not a "
                                                  "publication; skipped"))
                    continue
                if isinstance(item, str):
                    paper, group = string_paper(item), ""
                    if paper is None:
                        warnings.append(ImportWarning(source, None, f"item {number} of "
                                                      f"{label or 'the list'!r} does not read "
                                                      "as a citation; skipped"))
                        continue
                else:
                    paper, group = item_paper(item)
                finish(paper, source=source, importer=self.name,
                       locator=f"{label or 'list'}[{number}]")
                grouped.add(paper, group or _group(label))
        if not taken:
            raise ImporterError("no list of publications in this data file", source=source)
        stem = PurePosixPath(source.replace("\\", "/")).stem
        cid, title = collection_for(source)
        result = build(grouped, cid=cid, title=title or stem, source=source)
        result.warnings = warnings
        return result


IMPORTER = DataFileImporter()
