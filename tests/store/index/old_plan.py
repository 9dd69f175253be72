"""The query plan before the flattening (nested per-field unions): the tests' oracle."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import tantivy

from store.index.schema import ANY_FIELDS, BOOSTS, PREFIX_MAX, SLOT, index_field
from store.query import Query, Term

Q = tantivy.Query
Occur = tantivy.Occur
_RUST_META = set("\\.+*?()|[]{}^$#&-~")
# The Query shape this translator knows; a query with other parts goes to the matcher.
_KNOWN = {"text", "terms", "errors", "branches"}


Expand = Callable[[str, str], list[str] | None]  # (field, prefix) -> words, None: too many
MAX_EXPANSIONS = 64


class Untranslatable(Exception):
    """The query has a shape the translator does not know (it is then matched in Python)."""


def _esc(token: str) -> str:
    """A token as a literal in tantivy's (Rust) regex syntax."""
    return "".join("\\" + c if c in _RUST_META else c for c in token)


def field_query(schema: tantivy.Schema, field: str, tokens: tuple[str, ...],
                exact: bool, expand: Expand | None = None) -> tantivy.Query:
    """Tokens in sequence in one field; the last one a prefix unless exact."""
    *head, last = tokens
    words: list[tuple[int, str]] = [(SLOT * i, t) for i, t in enumerate(head)]
    at = SLOT * len(head)
    if exact or last == "|":
        if not head:
            return Q.term_query(schema, field, last)
        return Q.phrase_query(schema, field, [*words, (at, last)])
    if len(last) <= PREFIX_MAX:
        gram = ">" + last
        if not head:
            return Q.term_query(schema, field, gram)
        return Q.phrase_query(schema, field, [*words, (at + len(last), gram)])
    found = expand(field, last) if expand is not None else None
    if not head:
        # the words the term dictionary holds with this prefix, as a set (constant score,
        # like the regex, and ~50x cheaper to build than its automaton); the regex when many
        prefix = (Q.regex_query(schema, field, _esc(last) + ".*") if found is None
                  else Q.term_set_query(schema, field, found) if found else Q.empty_query())
        whole = Q.term_query(schema, field, last)  # scores the whole word by BM25
        return Q.boolean_query([(Occur.Should, prefix), (Occur.Should, whole)])
    if found is not None:  # few words start so: one exact phrase per word (fast)
        phrases = [(Occur.Should, Q.phrase_query(schema, field, [*words, (at, w)]))
                   for w in found]
        return Q.boolean_query(phrases) if phrases else Q.empty_query()
    regexes = [(o, _esc(t)) for o, t in words] + [(at, _esc(last) + ".*")]
    return Q.regex_phrase_query(schema, field, regexes)


def text_query(schema: tantivy.Schema, field: str, tokens: tuple[str, ...],
               exact: bool, expand: Expand | None = None) -> tantivy.Query:
    """A text term over its index field(s), weighted per field."""
    names = ANY_FIELDS if field == "any" else (index_field(field),)
    parts = [(Occur.Should, Q.boost_query(field_query(schema, f, tokens, exact, expand),
                                          BOOSTS.get(f, 1.0))) for f in names]
    return parts[0][1] if len(parts) == 1 else Q.boolean_query(parts)


def term_query(schema: tantivy.Schema, term: Term,
               expand: Expand | None = None) -> tantivy.Query:
    """The un-negated meaning of one term."""
    if term.is_text:
        return text_query(schema, term.field, term.tokens, term.exact, expand)
    if term.field == "year":
        lo, hi = term.years or (0, 9999)
        return Q.range_query(schema, "year", tantivy.FieldType.Integer, lo, hi)
    name = term.value
    if name in ("unread", "unstarred"):
        positive = Q.term_query(schema, "flags", name[2:])
        return Q.boolean_query([(Occur.Must, Q.all_query()), (Occur.MustNot, positive)])
    return Q.term_query(schema, "flags", "noted" if name == "note" else name)


def _conjunction(schema: tantivy.Schema, terms: tuple[Term, ...],
                 expand: Expand | None) -> tantivy.Query:
    """Every term holds (negated ones do not)."""
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for term in terms:
        occur = Occur.MustNot if term.negated else Occur.Must
        clauses.append((occur, term_query(schema, term, expand)))
    if not any(occur == Occur.Must for occur, _ in clauses):
        clauses.append((Occur.Must, Q.all_query()))
    return Q.boolean_query(clauses)


def translate(schema: tantivy.Schema, query: Query,
              expand: Expand | None = None) -> tantivy.Query:
    """A tantivy query matching exactly the papers query.matches accepts; expand lists the
    words a long prefix stands for (else phrases ending in one use a slower regex)."""
    if not dataclasses.is_dataclass(query) or not {
            f.name for f in dataclasses.fields(query)} <= _KNOWN:
        raise Untranslatable(type(query).__name__)
    branches = getattr(query, "branches", ())
    if branches:  # OR: any branch (each an AND of terms) holds
        return Q.boolean_query([(Occur.Should, _conjunction(schema, b, expand))
                                for b in branches])
    return _conjunction(schema, query.terms, expand)


def fuzzy(schema: tantivy.Schema, query: Query) -> tantivy.Query | None:
    """A typo-tolerant variant (each positive word within 1-2 edits), None when no word is
    long enough to be a typo of anything."""
    if getattr(query, "branches", ()):
        return None
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    fuzzed = False
    for k, term in enumerate(query.terms):
        if not term.is_text or term.negated:
            occur = Occur.MustNot if term.negated else Occur.Must
            clauses.append((occur, term_query(schema, term)))
            continue
        names = ANY_FIELDS if term.field == "any" else (index_field(term.field),)
        for i, tok in enumerate(term.tokens):
            if len(tok) < 4:
                clauses.append((Occur.Must, text_query(schema, term.field, (tok,), True)))
                continue
            fuzzed = True
            last = k == len(query.terms) - 1 and i == len(term.tokens) - 1 and not term.exact
            dist = 1 if len(tok) < 8 else 2
            per_field = [
                (Occur.Should, Q.boost_query(
                    Q.fuzzy_term_query(schema, f, tok, dist, True, last), BOOSTS.get(f, 1.0)))
                for f in names]
            clauses.append((Occur.Must, Q.boolean_query(per_field)))
    return Q.boolean_query(clauses) if fuzzed else None
