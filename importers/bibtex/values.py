"""BibTeX values: braces, quotes, @STRING macros, # concatenation, names and months."""

from __future__ import annotations

import re
from functools import lru_cache

from importers.latex import latex_to_text
from store.text import clean_inline

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = {m: i for i, m in enumerate(MONTHS, 1)}
BUILTIN_MACROS = {m: m for m in MONTHS}

_MARKS = re.compile(r'\\.|[{}"#,]', re.S)
_BRACES = re.compile(r"\\.|[{}]", re.S)


def _split_top(raw: str, sep: str) -> list[str]:
    """Split raw at sep characters that are outside braces and quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for match in _MARKS.finditer(raw):
        ch = match.group()
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == sep and depth == 0 and not quoted:
            parts.append(raw[start : match.start()])
            start = match.end()
    parts.append(raw[start:])
    return parts


def _fully_braced(text: str) -> bool:
    """True when text is one group: its first brace closes at its last character."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return False
    if "\\" not in text and text.count("{", 1) == 0 and text.count("}", 0, -1) == 0:
        return True  # "{Title}": no group inside
    depth = 0
    for match in _BRACES.finditer(text):
        ch = match.group()
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return match.end() == len(text)
    return False


def evaluate(raw: str, macros: dict[str, str]) -> str:
    """A raw BibTeX value ({..}, "..", number, macro, or a # concatenation) as a string."""
    raw = raw.strip()
    if (raw[:1] == "{" and raw[-1:] == "}" and raw.count("{") == 1 and raw.count("}") == 1
            and "\\" not in raw):
        return raw[1:-1]  # "{text}", the usual value: what the general path below gives
    pieces = _split_top(raw, "#") if "#" in raw and not _fully_braced(raw) else [raw]
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if _fully_braced(piece) or (len(piece) >= 2 and piece[0] == piece[-1] == '"'):
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        else:
            out.append(macros.get(piece.lower(), piece))
    return "".join(out)


@lru_cache(maxsize=16_384)
def person_name(raw: str) -> str:
    """One BibTeX name ("Last, First", "First Last", "{Corporate}") as display text (cached:
    a .bib file names the same people again and again)."""
    raw = raw.strip()
    if not _fully_braced(raw):
        parts = [p.strip() for p in _split_top(raw, ",")]
        if len(parts) == 2:
            raw = f"{parts[1]} {parts[0]}"
        elif len(parts) >= 3:
            raw = f"{parts[2]} {parts[0]} {parts[1]}"
    name = clean_inline(latex_to_text(raw))
    if _NAME_MARKS.search(name):  # "*Pang, Ce", "Qiu, Chenxi and ∗Yadav, Sourabh"
        name = " ".join(w for w in (w.strip(NAME_MARKS) for w in name.split()) if w)
    return name


NAME_MARKS = "*∗⁎†‡§¶✝"  # equal-contribution and corresponding-author marks pasted on names
_NAME_MARKS = re.compile("[" + re.escape(NAME_MARKS) + "]")


_AND = re.compile(r"\s+and\s+", re.I)


def split_names(value: str) -> list[str]:
    """Names separated by a top-level (unbraced) "and", like BibTeX does it."""
    if "{" not in value:  # no group to look into: every "and" is a separator
        return [n.strip() for n in _AND.split(value) if n.strip()]
    names: list[str] = []
    start = depth = 0
    marks = _BRACES.finditer(value)  # braces and escapes, in step with the "and"s
    mark = next(marks, None)
    for match in _AND.finditer(value):
        while mark is not None and mark.start() < match.start():
            if mark.group() == "{":
                depth += 1
            elif mark.group() == "}":
                depth = max(0, depth - 1)
            mark = next(marks, None)
        if depth == 0 and match.start() >= start:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def authors_of(value: str) -> tuple[list[str], bool]:
    """Author names split on top-level "and", and whether the list ended in "others"."""
    names: list[str] = []
    truncated = False
    for raw in split_names(value):
        if raw.strip().lower() == "others":
            truncated = True
            continue
        name = person_name(raw)
        if name:
            names.append(name)
    return names, truncated


def month_of(value: str) -> int | None:
    """Month number of a month field ("jan", "January", "1", "01")."""
    value = latex_to_text(value).strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTH_NAMES.get(value[:3])


