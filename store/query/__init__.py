"""The one query language of paperdeck (CLI search and TUI search box): parser and matcher."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from store.query.boolean import CLOSE, NOT_OPEN, OPEN, OR, Token, branches_of
from store.query.text import all_field, has_code, paper_fields, phrase_pattern, tag_field, words

if TYPE_CHECKING:
    from store.models import Annotation, Paper

TEXT_QUALIFIERS = {"author": "author", "title": "title", "venue": "venue", "cat": "cat",
                   "category": "cat", "tag": "tag", "arxiv": "ids", "doi": "ids"}
QUALIFIERS = (*TEXT_QUALIFIERS, "year", "is", "has")
KNOWN = "author: title: venue: year: cat: tag: is: has: arxiv: doi:"
URL_SCHEMES = ("http", "https")
IS_VALUES = ("read", "unread", "starred", "unstarred", "noted")
HAS_VALUES = ("code", "abstract", "arxiv", "doi", "note")
YEAR_MIN, YEAR_MAX = 0, 9999

_QUALIFIER = re.compile(r"([A-Za-z]+):")
_YEAR_ONE = re.compile(r"\d{1,4}")
_YEAR_RANGE = re.compile(r"(\d{1,4})?\.\.(\d{1,4})?")
_YEAR_CMP = re.compile(r"(>=|<=|>|<)(\d{1,4})")


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: a field ("any", "author", "title", "venue", "cat", "tag", "year",
    "is", "has"), its raw value, and the parsed form (folded tokens or a year range)."""

    field: str
    value: str
    negated: bool = False
    quoted: bool = False
    closed: bool = True
    tokens: tuple[str, ...] = ()
    exact: bool = False
    years: tuple[int, int] | None = None

    @property
    def is_text(self) -> bool:
        """True for word/phrase terms (matched against a folded field)."""
        return self.field in ("any", "author", "title", "venue", "cat", "tag", "ids")

    @property
    def needs_verify(self) -> bool:
        """True when a word index alone cannot decide the term (several words in sequence)."""
        return self.is_text and len(self.tokens) > 1

    def implies(self, other: Term) -> bool:
        """True when every paper matching self also matches other (for narrowing)."""
        if self == other:
            return True
        if not (self.is_text and other.is_text) or self.negated or other.negated:
            return False
        if self.field != other.field or other.exact or not other.tokens:
            return False
        k = len(other.tokens)
        if len(self.tokens) < k or self.tokens[: k - 1] != other.tokens[: k - 1]:
            return False
        return self.tokens[k - 1].startswith(other.tokens[k - 1])

    def to_text(self) -> str:
        """This term written back in query syntax."""
        name = "arxiv" if self.field == "ids" else self.field
        head = ("-" if self.negated else "") + ("" if name == "any" else f"{name}:")
        value = self.value
        if self.quoted or (self.field != "any" and (not value or value[0] == '"')):
            return f'{head}"{value}' + ('"' if self.closed else "")
        return head + value


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: terms that must all hold, plus problems found while parsing.

    A query with OR has branches (each a tuple of terms that must all hold; any branch
    may hold); its terms are then every term of every branch, for highlighting."""

    text: str = ""
    terms: tuple[Term, ...] = ()
    errors: tuple[str, ...] = field(default=())
    branches: tuple[tuple[Term, ...], ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the query constrains nothing."""
        return not self.terms

    def to_text(self) -> str:
        """The query in canonical syntax (parses back to the same terms)."""
        if self.branches:
            return " OR ".join(" ".join(t.to_text() for t in b) for b in self.branches)
        return " ".join(t.to_text() for t in self.terms)

    def highlight_terms(self) -> list[str]:
        """Positive words and phrases (plain and author/title/venue/tag), for highlighting."""
        out: list[str] = []
        for term in self.terms:
            if term.is_text and not term.negated and term.tokens:
                phrase = " ".join(term.tokens)
                if phrase not in out:
                    out.append(phrase)
        return out

    @property
    def uses_marks(self) -> bool:
        """True when the user's marks (read, starred, note, tags) can change the answer."""
        return any(t.field == "tag" or (t.field in ("is", "has") and t.value in MARK_FLAGS)
                   for t in self.terms)

    def extends(self, previous: Query) -> bool:
        """True when this query's results are certainly a subset of previous's."""
        if self.branches or previous.branches:
            return self.branches == previous.branches and self.terms == previous.terms
        return all(any(t.implies(p) for t in self.terms) for p in previous.terms)

    def matches(self, paper: Paper, annotation: Annotation | None = None) -> bool:
        """True when paper (with the user's annotation) satisfies every term."""
        from store.models import Annotation  # (parsing a query needs no model classes)

        ctx = _Context(paper, annotation or Annotation())
        if self.branches:
            return any(all(ctx.term(t) != t.negated for t in b) for b in self.branches)
        return all(ctx.term(t) != t.negated for t in self.terms)


class _Context:
    """Lazily computed haystacks of one paper, for Query.matches."""

    def __init__(self, paper: Paper, annotation: Annotation) -> None:
        """Hold the paper and annotation."""
        self.paper = paper
        self.ann = annotation

    @cached_property
    def fields(self) -> dict[str, str]:
        """The paper's normalised field haystacks, plus "any" and "tag"."""
        fields = paper_fields(self.paper)
        fields["any"] = all_field(fields)
        fields["tag"] = fields["kw"] + " | " + tag_field(self.ann)
        return fields

    def term(self, term: Term) -> bool:
        """Whether the (un-negated) term holds for the paper."""
        if term.is_text:
            return bool(phrase_pattern(term.tokens, term.exact).search(self.fields[term.field]))
        if term.field == "year":
            lo, hi = term.years or (YEAR_MIN, YEAR_MAX)
            return self.paper.year is not None and lo <= self.paper.year <= hi
        return flag(term.value, self.paper, self.ann)


MARK_FLAGS = frozenset({"note", "noted", "read", "unread", "starred", "unstarred"})


def flag(name: str, paper: Paper, ann: Annotation) -> bool:
    """The value of an is:/has: flag for a paper."""
    if name in ("note", "noted"):
        return bool(ann.note.strip())
    return {
        "read": ann.read, "unread": not ann.read,
        "starred": ann.starred, "unstarred": not ann.starred,
        "code": has_code(paper), "abstract": bool(paper.abstract.strip()),
        "arxiv": bool(paper.arxiv_id), "doi": bool(paper.doi),
    }[name]


def parse_year(value: str) -> tuple[int, int] | None:
    """A year value (2021, 2019..2022, 2019.., ..2020, >2020, <=2019) as an inclusive range."""
    value = value.strip()
    if _YEAR_ONE.fullmatch(value):
        return int(value), int(value)
    if (m := _YEAR_RANGE.fullmatch(value)) and (m.group(1) or m.group(2)):
        lo = int(m.group(1)) if m.group(1) else YEAR_MIN
        hi = int(m.group(2)) if m.group(2) else YEAR_MAX
        return (lo, hi) if lo <= hi else (hi, lo)
    if m := _YEAR_CMP.fullmatch(value):
        op, year = m.group(1), int(m.group(2))
        return {">": (year + 1, YEAR_MAX), ">=": (year, YEAR_MAX),
                "<": (YEAR_MIN, year - 1), "<=": (YEAR_MIN, year)}[op]
    return None


def _read_value(text: str, i: int) -> tuple[str, bool, bool, int]:
    """Read a value at i: (value, quoted, closed, next index)."""
    if i < len(text) and text[i] == '"':
        end = text.find('"', i + 1)
        if end < 0:
            return text[i + 1 :], True, False, len(text)
        return text[i + 1 : end], True, True, end + 1
    end = i
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[i:end], False, True, end


def _plain(value: str, negated: bool, quoted: bool, closed: bool) -> Term | None:
    """A plain-text term; None when the value has no words."""
    tokens = tuple(words(value))
    if not tokens:
        return None
    return Term("any", value, negated, quoted, closed, tokens, exact=quoted and closed)


def _qualified(name: str, value: str, negated: bool, quoted: bool,
               closed: bool) -> tuple[Term | None, str]:
    """A qualifier term, or (None, problem) when the value is not valid for it."""
    if name in TEXT_QUALIFIERS:
        tokens = tuple(words(value))
        if not tokens:
            return None, "" if not value else f"{name}: needs letters or digits"
        exact = quoted and closed
        return Term(TEXT_QUALIFIERS[name], value, negated, quoted, closed, tokens, exact), ""
    if name == "year":
        years = parse_year(value)
        if years is None:
            return None, f"year:{value} is not a year or range (2021, 2019..2022, >2020)"
        return Term("year", value, negated, quoted, closed, years=years), ""
    allowed = IS_VALUES if name == "is" else HAS_VALUES
    if value.lower() not in allowed:
        return None, f"{name}:{value} is not one of {', '.join(allowed)}"
    return Term(name, value.lower(), negated, quoted, closed), ""


def _lex(text: str, errors: list[str]) -> list[Token]:
    """Terms and operators (OR, `(`, `-(`, `)`) of query text, left to right."""
    tokens: list[Token] = []
    depth = 0
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-"
        if text.startswith("(", i + negated):
            tokens.append(NOT_OPEN if negated else OPEN)
            depth += 1
            i += 1 + negated
            continue
        if text[i] == ")" and depth:
            tokens.append(CLOSE)
            depth -= 1
            i += 1
            continue
        if negated:
            i += 1
        match = _QUALIFIER.match(text, i)
        name = match.group(1).lower() if match else ""
        if match and name in QUALIFIERS:
            value, quoted, closed, i = _read_value(text, match.end())
            if not value and not quoted:
                continue
            value, i, closers = _trailing_closers(value, quoted, i, depth)
            term, problem = _qualified(name, value, negated, quoted, closed)
            if term is None and problem:
                errors.append(problem)
                term = _plain(text[start + negated : i], negated, False, True)
        else:
            if match and name not in URL_SCHEMES:
                errors.append(f"unknown qualifier {name}: (known: {KNOWN})")
            value, quoted, closed, i = _read_value(text, i)
            value, i, closers = _trailing_closers(value, quoted, i, depth)
            if value == "OR" and not quoted and not negated:
                tokens.append(OR)
                term = None
            else:
                term = _plain(value, negated, quoted, closed)
        if term is not None:
            tokens.append(term)
        tokens.extend([CLOSE] * closers)
        depth -= closers
    return tokens


def _trailing_closers(value: str, quoted: bool, end: int, depth: int) -> tuple[str, int, int]:
    """Split `)` that close open groups off an unquoted value: (value, end, how many)."""
    if quoted or not depth:
        return value, end, 0
    stripped = value.rstrip(")")
    closers = min(len(value) - len(stripped), depth)
    return value[: len(value) - closers], end, closers


def parse_query(text: str) -> Query:
    """Parse query text; never raises. Bad parts become plain text and are listed in errors."""
    errors: list[str] = []
    tokens = _lex(text, errors)
    if not any(tok in (OR, OPEN, NOT_OPEN) for tok in tokens):
        terms = tuple(t for t in tokens if isinstance(t, Term))
        return Query(text, terms, tuple(errors))
    branches, problems = branches_of(tokens)
    errors += problems
    if len(branches) == 1:
        return Query(text, branches[0], tuple(errors))
    terms = tuple(dict.fromkeys(t for b in branches for t in b))
    return Query(text, terms, tuple(errors), tuple(branches))
