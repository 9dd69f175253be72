"""The fast .bib splitter gives the blocks bibtexparser's own splitter gives, on any text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from bibtexparser.library import Library
from bibtexparser.model import ExplicitComment, ImplicitComment
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.bibtex.splitter import split

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = sorted(DATA.rglob("*.bib"))

ENTRY = ("@article{key{n},\n  title = {A {Title} with \\{ and \\}},\n"
         "  author = {Li, A. and B. Wu},\n  journal = tpami # { 2020},\n"
         "  abstract = \"Quoted {\"} text, with commas\",\n"
         "  year = 2020,\n}\n")
# Pieces that move bibtexparser's splitter between its states (block starts, delimiters,
# quotes, escapes, comments), mixed with a plain entry that the fast path reads.
PIECES = ["{", "}", '"', ",", "=", "\n", "\\", "\\\n", "@misc{", "@string{a = {b}}", "@comment{",
          "@preamble{", "(", ")", "@article(", " @x{", "\n  @book{", '{"}', '\\"', "%", "#", "\t",
          "\r\n", " and ", "k", "\u00a0", "\x1c", "@", "@@", "\n@misc{a,b={c}}", "text ", ENTRY,
          ENTRY.replace("{n}", "2"), "\n@misc{dup, title = {x}}\n"]


def _blocks(library: Library) -> list[Any]:
    """Everything the importer reads from a library (comments aside), comparably."""
    out: list[Any] = []
    for block in library.blocks:
        if isinstance(block, ImplicitComment | ExplicitComment):
            continue
        row: list[Any] = [type(block).__name__, block.start_line, block.raw,
                          getattr(block, "key", None), getattr(block, "entry_type", None)]
        if hasattr(block, "fields"):
            row.append([(f.key, f.value, f.start_line) for f in block.fields])
        elif hasattr(block, "value"):
            row.append(block.value)
        error = getattr(block, "error", None)
        if error is not None:
            row.append(getattr(error, "abort_reason", str(error)))
        ignored = getattr(block, "ignore_error_block", None)
        if ignored is not None:
            row.append((type(ignored).__name__, ignored.start_line, ignored.raw))
        out.append(row)
    return out


def _same(text: str) -> None:
    """split(text) and bibtexparser's splitter agree on every block."""
    assert _blocks(split(text)) == _blocks(bibtexparser.parse_string(text, parse_stack=[]))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixtures_split_as_bibtexparser_does(path: Path) -> None:
    """Every .bib fixture gives the same blocks."""
    _same(path.read_text("utf-8"))


@pytest.mark.parametrize("text", [
    ENTRY * 3,
    # a backslash before a line end hides it from bibtexparser's line count
    "@misc{a,\n title = {x}},\\\n\n@misc{b,\n title = {y}}\n",
    "@misc{a,\n title = {x\\\n y}}\n@misc{b, title = {y}}\n",
    # a broken entry, then good ones: the broken one ends where the next starts
    "@misc{a,\n title = {never closed,\n@misc{b, title = {y}}\n@misc{c, title = {z}}\n",
    # a `(` block after which bibtexparser loses count of lines
    "@@article(x{k,\n  a = {b},\n}\n\n@misc{c,\n title = {z}}\n",
    # several blocks on one line, a block start inside a value, duplicate keys
    "@misc{a, t={x}} @misc{b, t={y}}\n@misc{a, t={z\n @x{ }}\n@misc{c, t = {Wal@comment{}}}\n",
    "@misc{a, t = {x}, t = {y}}\n@misc{b, t = \"q{\"}q\"}\n",
])
def test_tricky_texts_split_as_bibtexparser_does(text: str) -> None:
    """Texts that once split differently (lines, broken blocks, drift) give the same blocks."""
    _same(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40))
def test_any_text_splits_as_bibtexparser_does(pieces: list[str]) -> None:
    """Any mix of entries and syntax gives the same blocks as bibtexparser."""
    _same("".join(pieces))
