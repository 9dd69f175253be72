"""Jekyll front matter: a safe YAML reading in which every value stays a string."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from importers.base import ImporterError
from store.text import strip_controls

# A front-matter value: a string, or lists / mappings of them (never ints, bools or dates).
FrontValue = str | list["FrontValue"] | dict[str, "FrontValue"]

_FENCE = "---"
_CLOSERS = ("---", "...")
_MAX_LINES = 2000
_MAX_NODES = 10_000


@dataclass(slots=True)
class FrontMatter:
    """The front matter of a page and where the page body starts."""

    data: dict[str, FrontValue] = field(default_factory=dict)
    present: bool = False
    body_start: int = 0  # index (0-based) of the first body line

    def get(self, key: str, default: str = "") -> str:
        """A top-level value as a single string ("" when missing or not a scalar)."""
        value = self.data.get(key, default)
        return value if isinstance(value, str) else default


def split_front_matter(lines: list[str], *, source: str = "") -> FrontMatter:
    """Find and read the `---` fenced block at the top of lines; no block gives empty data."""
    if not lines or lines[0].strip() != _FENCE:
        return FrontMatter()
    for index in range(1, min(len(lines), _MAX_LINES)):
        if lines[index].rstrip() in _CLOSERS:
            data = load_front_matter("\n".join(lines[1:index]), source=source, first_line=2)
            return FrontMatter(data=data, present=True, body_start=index + 1)
    raise ImporterError("front matter opened with '---' is never closed", source=source, line=1)


def load_front_matter(text: str, *, source: str = "", first_line: int = 1) -> dict[str, FrontValue]:
    """Parse YAML text keeping scalars as strings; refuse anchors, aliases and deep nesting."""
    text = strip_controls(text)
    if not text.strip():
        return {}
    try:
        events = list(yaml.parse(text, Loader=yaml.CSafeLoader if _HAS_C else yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else first_line
        raise ImporterError(f"malformed front matter: {exc.problem or exc}", source=source,
                            line=line) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise ImporterError(f"malformed front matter: {exc}", source=source,
                            line=first_line) from None
    root = _build(events, source=source, first_line=first_line)
    if root is None or root == "":
        return {}
    if not isinstance(root, dict):
        raise ImporterError("front matter is not a mapping of keys to values", source=source,
                            line=first_line)
    return root


_HAS_C = hasattr(yaml, "CSafeLoader")


def _line_of(event: yaml.Event, first_line: int) -> int:
    """The file line of a YAML event."""
    mark = event.start_mark
    return first_line + (mark.line if mark is not None else 0)


def _build(events: list[yaml.Event], *, source: str, first_line: int) -> FrontValue | None:
    """Turn YAML events into nested str/list/dict values without recursion or aliases."""
    stack: list[list[FrontValue] | dict[str, FrontValue]] = []
    keys: list[str | None] = []
    root: FrontValue | None = None
    documents = 0

    def add(value: FrontValue, event: yaml.Event) -> None:
        """Attach value to the container on top of the stack (or make it the root)."""
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, list):
            top.append(value)
            return
        key = keys[-1]
        if key is None:
            if not isinstance(value, str):
                raise ImporterError("front matter key is not a plain string", source=source,
                                    line=_line_of(event, first_line))
            keys[-1] = value
        else:
            top[key] = value
            keys[-1] = None

    for count, event in enumerate(events, 1):
        if count > _MAX_NODES:
            raise ImporterError("front matter is too large", source=source, line=first_line)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ImporterError("front matter anchors and aliases are not allowed",
                                source=source, line=_line_of(event, first_line))
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ImporterError("front matter holds more than one YAML document",
                                    source=source, line=_line_of(event, first_line))
        elif isinstance(event, yaml.ScalarEvent):
            add(strip_controls(event.value), event)
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append([])
            keys.append(None)
        elif isinstance(event, yaml.MappingStartEvent):
            stack.append({})
            keys.append(None)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            done = stack.pop()
            keys.pop()
            add(done, event)
    return root


def load_yaml(text: str) -> Any:
    """One YAML document read with the safe loader (libyaml's when present); never objects."""
    loader = yaml.CSafeLoader(text) if _HAS_C else yaml.SafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
