"""The list reader's small fast paths give what the code they bypass gives (property tests):
text is escaped only when it holds Markdown's characters, white space is folded once per line,
headings are read once per text,
a link's destination is looked at once per page (the fast inline reader's own tests compare
whole lines with markdown-it)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from importers.html import inline
from importers.html.lists import _ESCAPED, _ESCAPES, _SKIP, _heading, _inline
from importers.sites.markdown import parser
from importers.sites.publist import _OTHER_HEADING, PUBLICATION_HEADING, _label
from tests.importers.html.test_inline import HREFS, TAGS, WORDS

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


_SPACES = re.compile(r"\s+")


def _old_inline(node: LexborNode) -> str:
    """The list reader's line for a node as it was written before (white space folded at every
    element, every text run escaped)."""
    out: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append((child.text_content or "").translate(_ESCAPES))
        elif tag in _SKIP or tag in ("ul", "ol"):
            continue
        elif tag == "br":
            out.append(" ; ")
        elif tag in ("b", "strong"):
            out.append(f"**{_old_inline(child).strip()}** ")
        elif tag in ("i", "em", "cite"):
            out.append(f"*{_old_inline(child).strip()}* ")
        elif tag == "a":
            href = str(child.attributes.get("href") or "").replace(")", "%29").replace(" ", "%20")
            out.append(f"[{_old_inline(child).strip()}]({href})")
        else:
            out.append(_old_inline(child))
    return _SPACES.sub(" ", "".join(out))


SPACY = st.sampled_from(WORDS + [" ", "  ", "\t", "\n ", "\u00a0", "\u2028", "\u3000 x ",
                                 " a_b ", "<script>x</script>", "<ul><li>a</li></ul>",
                                 "<p> p </p>", "<div>\n</div>"])
spacy_inline = st.recursive(
    SPACY,
    lambda inner: st.one_of(
        st.builds(lambda tag, body: f"<{tag}>{''.join(body)}</{tag}>",
                  st.sampled_from(TAGS), st.lists(inner, max_size=4)),
        st.builds(lambda href, body: f'<a href="{href}">{"".join(body)}</a>',
                  st.sampled_from(HREFS + ["a\tb", " x ", "a\nb)"]), st.lists(inner, max_size=3)),
        st.just("<br>"),
    ),
    max_leaves=25,
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(spacy_inline, min_size=1, max_size=8).map("".join))
def test_a_line_folded_once_equals_one_folded_at_every_element(body: str) -> None:
    """_inline (white space folded once, plain text not escaped) equals the old reading."""
    node = LexborHTMLParser(f"<ul><li>{body}</li></ul>").css_first("li")
    assert node is not None
    assert _inline(node) == _old_inline(node)
