"""The list reader's small fast paths give what the code they bypass gives (property tests):
text is escaped only when it holds Markdown's characters, headings are read once per text,
a link's destination is looked at once per page (the fast inline reader's own tests compare
whole lines with markdown-it)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.html import inline
from importers.html.lists import _ESCAPED, _ESCAPES, _heading
from importers.sites.markdown import parser
from importers.sites.publist import _OTHER_HEADING, PUBLICATION_HEADING, _label

markdownish = st.text(alphabet="ab \\`*_[]()<>&#;:/.\u00e9\n", max_size=30)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=30) | markdownish)
def test_text_without_markdown_characters_needs_no_escaping(text: str) -> None:
    """The escape table changes text exactly when the quick check finds a character for it."""
    escaped = text.translate(_ESCAPES)
    assert (escaped if _ESCAPED.search(text) else text) == escaped


HEADINGS = ["Publications", "Selected Publications", "Journal Papers", "2021", "Talks",
            "Conference Papers", "Preprints", "Teaching", "📄 Papers", " ", "<b>x</b>", "and",
            "publication", "Selected", "\u00a0", "Books & Chapters"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(HEADINGS), max_size=4).map(" ".join) | st.text(max_size=20))
def test_a_heading_reads_as_the_code_it_caches(text: str) -> None:
    """(area, group) of a heading's text, as the list reader worked it out per heading."""
    label = _label(text)
    area = bool(PUBLICATION_HEADING.search(label)) and not _OTHER_HEADING.search(label)
    group = "" if re.fullmatch(r"(?:selected\s+)?publications?", label, re.I) else label
    assert _heading(text) == (area, group)
    assert _heading(text) == (area, group)  # cached


def _old_href(target: str) -> str | None:
    """The destination as the fast reader read it before the cache (None: refused)."""
    href = ""
    if target:
        if "&" in target:
            target = inline.unescapeAll(target)
        href = target if inline.plain_href(target) else parser().normalizeLink(target)
        if not parser().validateLink(href):
            return None
    return href


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="aZ09:/.?#&;%-_~\u00e9", max_size=25)
       | st.sampled_from(["https://arxiv.org/abs/2101.01234", "javascript:x", "&amp;", "",
                          "data:x", "HTTP://H.TEST/%41", "https://ü.test/é", "/a_b.pdf"]))
def test_a_destination_reads_as_before_the_cache(target: str) -> None:
    """_href equals the steps it caches, cold and warm."""
    assert inline._href(target) == _old_href(target)
    assert inline._href(target) == _old_href(target)
