"""store.hygiene: the quick scan that lets clean records through says what the slow one says."""

from __future__ import annotations

import re

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from store.hygiene import _needs_cleaning, clean_records
from store.models import Link, Paper
from store.text import SUSPECT_CHARS, strip_controls

# The scan as it was: one regex over the decoded orjson text.
_OLD = re.compile(f"\\\\(?:u00[01]|[bfr])|[{SUSPECT_CHARS}]")


def _old_needs_cleaning(records: list[Paper]) -> bool:
    """The previous implementation (the oracle)."""
    return _OLD.search(orjson.dumps(records).decode("utf-8")) is not None


# Text mixing plain ASCII, accents, Greek, backslashes and every kind of suspect character.
_CHARS = st.one_of(
    st.sampled_from(list("ab \\\n\t|éøß\u03b1\u2009\u00a0\x7f\x1b\x00\x85\u200b\u202e"
                         "\u2028\ufeff\U000e0001\u00ad\r\b\f")),
    st.characters(blacklist_categories=("Cs",)),  # orjson refuses lone surrogates
)
_TEXT = st.text(_CHARS, max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, st.lists(_TEXT, max_size=3)), max_size=4))
def test_quick_scan_equals_the_regex_over_the_whole_text(fields: list) -> None:
    """Any papers: the byte-level scan flags exactly the records the old scan flagged."""
    papers = [Paper(title=t, abstract=a, authors=au, links=[Link("code", t)])
              for t, a, au in fields]
    assert _needs_cleaning(papers) == _old_needs_cleaning(papers)


def test_a_control_anywhere_is_cleaned() -> None:
    """A bidi override in one author, DEL in a link label: both found and stripped."""
    papers = [Paper(title="ok"), Paper(title="x", authors=["A \u202eB"],
                                       links=[Link("l\x7fabel", "https://e.org")])]
    assert _needs_cleaning(papers)
    out = clean_records(papers)
    assert out[1].authors == [strip_controls("A \u202eB")] and "\x7f" not in out[1].links[0].label
    assert not _needs_cleaning([Paper(title="Müller, α and β", abstract="a\nb\tc")])
