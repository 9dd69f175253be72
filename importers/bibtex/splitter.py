"""bibtexparser's splitter, fast for plain entries: each block that starts a line is read by a
few regex searches when it is a well-formed `@type{key, field = value, …}` entry; any other
stretch of text goes to bibtexparser's own splitter, so the library is the same as
`bibtexparser.parse_string(text, parse_stack=[])` gives (its comments aside)."""

from __future__ import annotations

import re

from bibtexparser.library import Library
from bibtexparser.model import Block, DuplicateBlockKeyBlock, Entry, Field
from bibtexparser.splitter import Splitter

# A line whose first non-space text opens a block: bibtexparser ends any block still open
# there and starts a new one, so the text splits into independent pieces at these lines.
_CUT = re.compile(r"\n[^\S\n]*@\w*[ \t]*[{(]")  # from the line end (a fast scan)
_START = re.compile(r"[^\S\n]*(@\w*[ \t]*)\{")
_START_ANY = re.compile(r"[^\S\n]*@\w*[ \t]*[{(]")
# A field whose value is one group without braces or escapes inside, then `,` or `}`.
_SIMPLE = re.compile(r'([^{}",=\\@]*)=[ \t\r\n]*\{[^{}\\]*\}[ \t\r\n]*([,}])')
_KEY = re.compile(r'[^{}",=\\@]*')  # a cite or field key: no mark, no escape, no block start
# Text up to the next mark that matters in a value outside braces (a mark after a backslash
# is text; a lookbehind in the pattern would make the regex engine try every position).
_TOP = re.compile(r'[^{}",]*')
_OTHER_BLOCKS = ("@comment", "@preamble", "@string")


class _LineSplitter(Splitter):
    """bibtexparser's splitter on a piece of a text that starts at line first_line."""

    def __init__(self, text: str, first_line: int) -> None:
        """Split text, numbering its lines from first_line."""
        super().__init__(text)
        self._current_line = first_line - 1
        self._reset_block_status(current_char_index=0)


def _lines(text: str, start: int, end: int) -> int:
    """Line ends in text[start:end] as bibtexparser counts them: a `\\` before one hides it."""
    return text.count("\n", start, end) - text.count("\\\n", max(start - 1, 0), end)


def _group_end(text: str, pos: int, end: int) -> int:
    """Where the `{` group open before pos closes (after its `}`), -1 if not before end."""
    depth = 1
    opening = text.find("{", pos, end)
    while True:
        closing = text.find("}", pos, end)
        if closing < 0:
            return -1
        while 0 <= opening < closing:
            if text[opening - 1] != "\\":
                depth += 1
            opening = text.find("{", opening + 1, end)
        pos = closing + 1
        if text[closing - 1] != "\\":
            depth -= 1
            if depth == 0:
                return pos


def _value_end(text: str, pos: int, end: int) -> int:
    """Where the value starting at pos ends (its `,` or closing `}`), as bibtexparser reads it;
    -1 when it does not end before end."""
    while True:
        at = _TOP.match(text, pos, end).end()
        if at >= end:
            return -1
        char = text[at]
        pos = at + 1
        if text[at - 1] == "\\":
            continue  # an escaped mark is text
        if char == "{":
            pos = _group_end(text, pos, end)
        elif char == '"':
            pos = _quote_end(text, pos, end)
        elif char == "}" or char == ",":
            return at
        if pos < 0:
            return -1


def _quote_end(text: str, pos: int, end: int) -> int:
    """Where the quoted value open before pos closes (after its `"`), -1 if not before end."""
    while True:
        at = text.find('"', pos, end)
        if at < 0:
            return -1
        pos = at + 1
        if text[at - 1] == "\\":
            continue
        if not (text[at - 1] == "{" and at + 2 < len(text) and text[at + 1] == "}"):
            return pos  # `{"}` is a quote inside a quoted value


def _entry(text: str, start: int, end: int, line: int) -> Entry | None:
    """The entry that is the whole of text[start:end] (then only comment text), starting at
    line; None when that piece is anything else."""
    head = _START.match(text, start, end)
    if head is None:
        return None
    kind = head.group(1).lower()
    if kind.startswith(_OTHER_BLOCKS):
        return None
    at = head.start(1)
    line += _lines(text, start, at)
    key = _KEY.match(text, head.end(), end)
    pos = key.end()
    if pos >= end or text[pos] != ",":
        return None
    fields: list[Field] = []
    seen: set[str] = set()
    counted, field_line = at, line
    hidden_ends = text.find("\\\n", max(at - 1, 0), end) >= 0  # see _lines
    pos += 1
    while True:
        simple = _SIMPLE.match(text, pos, end)  # `key = {text}` then `,` or `}`: one match
        if simple is not None:
            field_key, mark, stop = simple.group(1), simple.end(1), simple.start(2)
        else:
            name = _KEY.match(text, pos, end)
            mark = name.end()
            if mark >= end:
                return None
            if text[mark] == "}":
                if name.group().strip():
                    return None
                break
            if text[mark] != "=":
                return None
            field_key = name.group()
            stop = _value_end(text, mark + 1, end)
            if stop < 0:
                return None
        field_key = field_key.strip()
        if field_key in seen:
            return None
        seen.add(field_key)
        field_line += (_lines(text, counted, mark) if hidden_ends
                       else text.count("\n", counted, mark))
        counted = mark
        fields.append(Field(start_line=field_line, key=field_key,
                            value=text[mark + 1 : stop].strip()))
        pos = stop + 1
        if text[stop] == "}":
            mark = stop
            break
    if text.find("@", mark + 1, end) >= 0:
        return None  # more blocks on the same line or in the comment text after it
    return Entry(start_line=line, entry_type=kind[1:].strip(), key=text[head.end() : key.end()]
                 .strip(), fields=fields, raw=text[at : mark + 1])


def _slow(text: str, start: int, end: int, line: int) -> tuple[list[Block], int]:
    """bibtexparser's blocks of text[start:end] (lines numbered from line), read with the
    block start that follows (so that a block left open ends as it does in the whole text);
    and the line it counted at end (it misses some line ends after a broken block)."""
    head = _START_ANY.match(text, end)
    splitter = _LineSplitter(text[start : head.end() if head else end], line)
    blocks = splitter.split().blocks
    if head:
        blocks = blocks[:-1]  # the next piece's block, cut short here: read again there
    blocks = [b.ignore_error_block if isinstance(b, DuplicateBlockKeyBlock) else b
              for b in blocks]  # duplicates are found across the whole text
    return blocks, splitter._current_line


def split(text: str) -> Library:
    """The blocks of a .bib text (entries, strings, preambles, failed blocks) as a Library."""
    library = Library()
    cuts = [0] + [m.start() + 1 for m in _CUT.finditer(text)]
    cuts.append(len(text))
    line, slow_from, slow_line = 0, -1, 0  # line: bibtexparser's count at start
    for start, end in zip(cuts, cuts[1:], strict=False):
        if text.find("@", start, end) < 0:  # comment text only (the text before any block)
            line += _lines(text, start, end)
            continue
        entry = _entry(text, start, end, line)
        if entry is None:
            if slow_from < 0:
                slow_from, slow_line = start, line
        else:
            if slow_from >= 0:
                blocks, counted = _slow(text, slow_from, start, slow_line)
                library.add(blocks, fail_on_duplicate_key=False)
                slow_from = -1
                if counted != line:
                    line = counted
                    entry = _entry(text, start, end, line)
            library.add(entry, fail_on_duplicate_key=False)
        line += _lines(text, start, end)
    if slow_from >= 0:
        library.add(_slow(text, slow_from, len(text), slow_line)[0], fail_on_duplicate_key=False)
    return library
