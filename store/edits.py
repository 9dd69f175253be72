"""The user's edits of papers, kept apart from imported data (`edits.json` in home).

Two layers per paper: `user` (what the user typed; wins over everything) and `filled`
(values `enrich` found; they win over the library, never over the user).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from store.errors import StoreError
from store.jsonfile import JsonFile
from store.models import Link, Paper
from store.text import clean_block, clean_inline

EDITS_FILE = "edits.json"
EDITS_VERSION = 1
LAYERS = ("filled", "user")  # applied in this order: the user's layer last, so it wins
TEXT_FIELDS = ("title", "venue", "venue_short", "date", "doi", "arxiv_id", "category",
               "comments")
EDITABLE = ("title", "authors", "year", "date", "venue", "venue_short", "doi", "arxiv_id",
            "category", "keywords", "links", "comments", "abstract")
USER_FIELDS = "user_fields"  # extra: comma-separated fields the user set (for `show`)
FILLED_FIELDS = "filled_fields"  # extra: fields enrich filled (and the user did not set)


def editable(paper: Paper) -> dict[str, Any]:
    """The editable fields of a paper as plain data (the YAML the user sees)."""
    return {
        "title": paper.title, "authors": list(paper.authors), "year": paper.year,
        "date": paper.date, "venue": paper.venue, "venue_short": paper.venue_short,
        "doi": paper.doi, "arxiv_id": paper.arxiv_id, "category": paper.category,
        "keywords": list(paper.keywords),
        "links": [{"label": lk.label, "url": lk.url} for lk in paper.links],
        "comments": paper.comments, "abstract": paper.abstract,
    }


def _check(name: str, value: Any) -> Any:
    """value cleaned for field name; StoreError naming the field when its type is wrong."""
    if name in TEXT_FIELDS:
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise StoreError(f"{name}: expected text")
        return clean_inline(str(value))
    if name == "abstract":
        return clean_block(str(value)) if value is not None else ""
    if name == "year":
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not str(value).strip().isdigit():
            raise StoreError(f"year: expected a year like 2023, not {value!r}")
        return int(str(value).strip())
    if name in ("authors", "keywords"):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise StoreError(f"{name}: expected a list of names (one `- name` per line)")
        return [clean_inline(str(v)) for v in value if clean_inline(str(v))]
    if name == "links":
        out = []
        for link in value or []:
            if not isinstance(link, dict) or not isinstance(link.get("url"), str):
                raise StoreError("links: expected items with `label:` and `url:`")
            url = clean_inline(link["url"])
            if not url.startswith(("http://", "https://")):
                raise StoreError(f"links: only http(s) links are kept, not {url!r}")
            out.append({"label": clean_inline(str(link.get("label") or "Link")), "url": url})
        return out
    raise StoreError(f"{name}: not an editable field ({', '.join(EDITABLE)})")


def changes(imported: Paper, data: dict[str, Any]) -> dict[str, Any]:
    """The fields of data that differ from the imported paper (a missing field: no edit)."""
    if not isinstance(data, dict):
        raise StoreError("expected `field: value` lines")
    unknown = [k for k in data if k not in EDITABLE]
    if unknown:
        raise StoreError(f"{unknown[0]}: not an editable field ({', '.join(EDITABLE)})")
    base = editable(imported)
    out = {}
    for name in EDITABLE:
        if name in data:
            value = _check(name, data[name])
            if value != base[name]:
                out[name] = value
    return out


def overlay(paper: Paper, record: dict[str, Any]) -> Paper:
    """A copy of paper with the filled, then the user's, fields on top."""
    paper = copy.copy(paper)
    paper.extra = dict(paper.extra)
    user: list[str] = []
    filled: list[str] = []
    for layer in LAYERS:
        for name, value in (record.get(layer) or {}).items():
            if name not in EDITABLE:
                continue
            if name == "links":
                value = [Link(str(v.get("label", "")), str(v.get("url", ""))) for v in value]
            setattr(paper, name, list(value) if isinstance(value, list) else value)
            (user if layer == "user" else filled).append(name)
    if user:
        paper.extra[USER_FIELDS] = ",".join(user)
    if filled := [name for name in filled if name not in user]:
        paper.extra[FILLED_FIELDS] = ",".join(filled)
    return paper


def to_yaml(paper: Paper) -> str:
    """The record as YAML for an editor, with a short guide on top."""
    head = (f"# paperdeck: edit {paper.id}, save and quit. Your values win over every later\n"
            "# import; delete a field's line to go back to the imported value.\n")
    import yaml  # (only `edit` needs YAML: other commands skip its import)

    body = yaml.safe_dump(editable(paper), sort_keys=False, allow_unicode=True, width=88)
    return head + body


def from_yaml(text: str, name: str = "edit.yaml") -> dict[str, Any]:
    """The YAML an editor saved; StoreError naming file and line when it is not valid."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise StoreError(f"{where}: not valid YAML ({problem})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StoreError(f"{name}: expected `field: value` lines")
    return data


class Edits:
    """edits.json: paper id -> {"user": {...}, "filled": {...}}."""

    def __init__(self, home: Path) -> None:
        """Manage the edits file in home."""
        self.file = JsonFile(Path(home) / EDITS_FILE, key="edits", version=EDITS_VERSION)

    @property
    def path(self) -> Path:
        """The edits file."""
        return self.file.path

    def all(self) -> dict[str, dict[str, Any]]:
        """Every paper's layers, by id."""
        return {k: v for k, v in self.file.read().items() if isinstance(v, dict)}

    def get(self, paper_id: str) -> dict[str, Any]:
        """One paper's layers ({} when none)."""
        record = self.file.read().get(paper_id)
        return record if isinstance(record, dict) else {}

    def set_layer(self, paper_id: str, layer: str, fields: dict[str, Any]) -> None:
        """Replace one layer of a paper (an empty layer is removed)."""

        def change(payload: dict[str, Any]) -> None:
            record = dict(payload.get(paper_id) or {})
            if fields:
                record[layer] = fields
            else:
                record.pop(layer, None)
            if record:
                payload[paper_id] = record
            else:
                payload.pop(paper_id, None)

        self.file.update(change)
