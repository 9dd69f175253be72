"""The query parser and Query.matches on a small hand-made library."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.models import Annotation
from store.query import Term, parse_query, parse_year
from tests.store.search_library import annotations, library

PAPERS = library()
ANNS = annotations()


def hits(text: str) -> set[str]:
    """Ids of the library papers Query.matches accepts."""
    q = parse_query(text)
    return {p.id for p in PAPERS if q.matches(p, ANNS.get(p.id))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("video", {"p1", "p3", "p4", "1501.00010"}),  # title, abstract, accent-folded title
        ("vid", {"p1", "p3", "p4", "1501.00010"}),  # prefix of a word
        ("ideo", set()),  # not a word prefix
        ("VIDÉO", {"p1", "p3", "p4", "1501.00010"}),
        ("muller", {"p1"}),
        ("müller", {"p1"}),
        ("MULLER", {"p1"}),
        ("garcia", {"p4"}),
        ("strasse", {"1501.00010"}),
        ("video transformer", {"p1"}),
        ("-video", {"p2"}),
        ('"dong liu"', {"p1", "1501.00010"}),
        ('"dong li"', set()),  # a closed phrase is exact
        ('"dong li', {"p1", "1501.00010"}),  # an open quote matches as you type
        ('-"dong liu"', {"p2", "p3", "p4"}),
        ("author:liu", {"p1"}),
        ('author:"dong liu"', {"p1"}),
        ('author:"liu dong"', set()),
        ("author:li", {"p1", "p2", "p4"}),  # Liu, Li, Li Wei
        ("-author:li", {"p3", "1501.00010"}),
        ('author:"li wei"', {"p4"}),
        ('author:"wei anna"', set()),  # phrases never cross two authors
        ("title:dark", {"p3"}),
        ("title:video", {"p1", "p4"}),
        ("venue:cvpr", {"p1"}),
        ("venue:iccv", {"p2"}),  # the short form
        ("venue:conference", {"p2"}),  # the printed form
        ("year:2021", {"p1"}),
        ("year:2019..2021", {"p1", "p2", "1501.00010"}),
        ("year:2021..", {"p1", "p4"}),
        ("year:..2020", {"p2", "1501.00010"}),
        ("year:>2020", {"p1", "p4"}),
        ("year:<=2019", {"p2"}),
        ("-year:2021", {"p2", "p3", "p4", "1501.00010"}),
        ("cat:cv", {"p1", "p2", "1501.00010"}),
        ("cat:LG", {"p3"}),
        ("tag:denoising", {"p1"}),  # paper keyword
        ("tag:fav", {"p1"}),  # user tag, prefix, case-insensitive
        ('tag:"to-read"', {"p1"}),
        ("is:read", {"p1", "p4"}),
        ("is:unread", {"p2", "p3", "1501.00010"}),
        ("is:starred", {"p1"}),
        ("is:unstarred", {"p2", "p3", "p4", "1501.00010"}),
        ("is:noted", {"p2"}),
        ("has:note", {"p2"}),
        ("has:code", {"p1", "p4"}),
        ("has:abstract", {"p1", "p3", "p4", "1501.00010"}),
        ("has:arxiv", {"p1", "1501.00010"}),
        ("has:doi", {"p2"}),
        ("oral", {"p2"}),  # comments
        ("video is:unread -author:chen", {"1501.00010"}),
        ("", {"p1", "p2", "p3", "p4", "1501.00010"}),
    ],
)
def test_qualifiers_and_exclusions(text: str, expected: set[str]) -> None:
    """Every qualifier, exclusion, phrase and folding rule on the hand-made library."""
    assert hits(text) == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [("year:abc", "year:abc"), ("is:sleepy", "is:sleepy"), ("has:cake", "has:cake"),
     ("foo:bar", "unknown qualifier foo")],
)
def test_bad_qualifiers_become_text_with_errors(text: str, needle: str) -> None:
    """A bad value or unknown qualifier is reported and searched as plain text."""
    q = parse_query(text)
    assert any(needle in e for e in q.errors)
    assert [t.field for t in q.terms] == ["any"]
    assert hits(text) == set()


def test_query_helpers() -> None:
    """is_empty, highlight_terms and errors of a clean query."""
    assert parse_query("   ").is_empty
    assert parse_query("-").is_empty
    assert not parse_query("x").is_empty
    q = parse_query('Vidéo "Dong Liu" -noise author:müller year:2020 is:read')
    assert q.errors == ()
    assert q.highlight_terms() == ["video", "dong liu", "muller"]


def test_parse_year_forms() -> None:
    """Single years, ranges (open either side, reversed), comparisons; junk is None."""
    assert parse_year("2021") == (2021, 2021)
    assert parse_year("2022..2019") == (2019, 2022)
    assert parse_year("2019..") == (2019, 9999)
    assert parse_year("..2020") == (0, 2020)
    assert parse_year(">=2020") == (2020, 9999)
    assert parse_year("<2020") == (0, 2019)
    assert parse_year("..") is None
    assert parse_year("20x1") is None


def test_extends_for_typing() -> None:
    """A query typed further narrows the previous one; a different one does not."""
    assert parse_query("video").extends(parse_query("vid"))
    assert parse_query("video int").extends(parse_query("video"))
    assert parse_query('"video den').extends(parse_query('"video'))
    assert not parse_query("vid").extends(parse_query("video"))
    assert not parse_query("-video").extends(parse_query("-vid"))
    assert not parse_query('"vid"').extends(parse_query("video"))


def test_matches_without_annotation() -> None:
    """A missing annotation means unread, unstarred, no note."""
    q = parse_query("is:unread -is:starred -has:note")
    assert q.matches(PAPERS[0], None)
    assert not q.matches(PAPERS[0], Annotation(read=True))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_string_parses(text: str) -> None:
    """No input makes the parser raise; errors are strings; text terms have words."""
    q = parse_query(text)
    assert all(isinstance(e, str) for e in q.errors)
    assert all(t.tokens for t in q.terms if t.is_text)
    for p in PAPERS:
        q.matches(p, ANNS.get(p.id))


_word = st.text(alphabet="abcdefxyzéüß0129", min_size=1, max_size=6)
_value = st.lists(_word, min_size=1, max_size=3).map(" ".join)
_text_term = st.builds(
    lambda f, v, neg: ("-" if neg else "") + (f"{f}:" if f else "") + (
        f'"{v}"' if " " in v else v),
    st.sampled_from(["", "author", "title", "venue", "cat", "tag"]), _value, st.booleans(),
)
_year = st.sampled_from(["2021", "2019..2022", "2019..", "..2020", ">2020", "<=1999"]).map(
    lambda v: f"year:{v}")
_flag = st.one_of(
    st.sampled_from(["read", "unread", "starred", "unstarred", "noted"]).map(lambda v: f"is:{v}"),
    st.sampled_from(["code", "abstract", "arxiv", "doi", "note"]).map(lambda v: f"has:{v}"),
)
_term = st.tuples(st.one_of(_text_term, _year, _flag), st.booleans()).map(
    lambda t: ("-" + t[0]) if t[1] and not t[0].startswith("-") else t[0])


@settings(max_examples=300, deadline=None)
@given(st.lists(_term, min_size=1, max_size=5))
def test_round_trip_of_generated_queries(parts: list[str]) -> None:
    """Generated qualifier queries parse cleanly, one term each, and survive to_text()."""
    q = parse_query(" ".join(parts))
    assert q.errors == ()
    assert len(q.terms) == len(parts)
    again = parse_query(q.to_text())
    assert again.terms == q.terms
    assert all(isinstance(t, Term) for t in again.terms)
