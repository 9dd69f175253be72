"""The fast inline reader gives markdown-it's tokens whenever it gives any (property tests),
and it does give them for the lines real publication lists make."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from importers.html.inline import _PLAIN_HREF, fast_inline, inline_tokens, plain_href
from importers.html.lists import _inline
from importers.sites.entry import entry_paper, segments
from importers.sites.markdown import parser


def _plain(tokens: list[Any]) -> list[tuple[str, str]]:
    """(type, text or href) of tokens, empty text left out and adjacent text joined."""
    out: list[tuple[str, str]] = []
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special"):
            if not token.content:
                continue
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + token.content)
            else:
                out.append(("text", token.content))
        elif kind == "link_open":
            out.append((kind, str(token.attrGet("href"))))
        else:
            out.append((kind, token.content))
    return out


def _slow(src: str) -> list[Any]:
    """markdown-it's inline tokens for src."""
    tokens = parser().parseInline(src)
    return tokens[0].children if tokens and tokens[0].children else []


def _same(src: str) -> bool:
    """Assert the fast reading, when there is one, equals markdown-it's; True when there is."""
    fast = fast_inline(src)
    if fast is None:
        return False
    slow = _slow(src)
    assert _plain(fast) == _plain(slow), src
    assert segments(fast) == segments(slow), src
    assert entry_paper(fast) == entry_paper(slow), src
    return True


PIECES = ["a", "Ab", " ", "  ", "*", "**", "***", "\\", "\\*", "\\_", "\\[", "\\]", "\\\\", "[",
          "]", "(", ")", "](", "](/x)", "](http://h.test/a_b?x=1&y=2)", "](javascript:x)",
          "]()", "!", "_", "`", "\\`", "&", "&amp;", "&#42;", "&x", "<", "< ", "<b>", "a<b",
          ">", ".", ",", ";", ":", "\"", "“", "”", "—", "é", "2023", "\u00a0", "\u2003", "\t",
          "\n", "\x00", "%", "%zz", "x%41", "ü", "(1)", "Smith, A.", "Proc. CVPR", "!["]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("A. Smith, B. Jones. [Learning to Fold](https://e.org/p1.pdf). *Nature Methods*, 2022. ")
@example("**a**b** c** ")
@example("a**b** c")
@example("*a **b** c* ")
@example("[**x.**](h)")
@example("[x]()")
@example("x![a](b)")
def test_fast_reading_equals_markdown_it_on_any_line(src: str) -> None:
    """Lines built from the characters Markdown gives a meaning to."""
    _same(src)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_fast_reading_equals_markdown_it_on_any_text(src: str) -> None:
    """Arbitrary text."""
    _same(src)


WORDS = ["Ada Lovelace", "A. Smith", "and", ",", ".", " ", "2023", "CVPR", "Title Of A Paper",
         "a_b", "x\\y", "[1]", "](", "`c`", "&amp;amp;", "&lt;b&gt;", "**", "*", "!", "(Oral)",
         "“Quoted Title Here”", "&nbsp;", "\u00e9t\u00e9", "&#x1b;", "x < y", "<", "\t\n"]
HREFS = ["https://arxiv.org/abs/2101.01234", "/pdf/a_b.pdf", "http://h.test/a b", "#x", "",
         "javascript:x()", "https://doi.org/10.1109/X.2023.1", "https://h.test/a)b", "a(b",
         "https://h.test/?a=1&amp;b=2", "https://ü.test/é", "<x>", "HTTP://H.TEST/%41"]
TAGS = ["b", "strong", "i", "em", "cite", "span", "u", "sup", "abbr", "code"]

html_inline = st.recursive(
    st.sampled_from(WORDS),
    lambda inner: st.one_of(
        st.builds(lambda tag, body: f"<{tag}>{''.join(body)}</{tag}>",
                  st.sampled_from(TAGS), st.lists(inner, max_size=4)),
        st.builds(lambda href, body: f'<a href="{href}">{"".join(body)}</a>',
                  st.sampled_from(HREFS), st.lists(inner, max_size=3)),
        st.just("<br>"),
    ),
    max_leaves=25,
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(html_inline, min_size=1, max_size=8).map("".join))
def test_fast_reading_equals_markdown_it_on_list_entries(body: str) -> None:
    """The lines the list reader writes for random list items."""
    node = LexborHTMLParser(f"<ul><li>{body}</li></ul>").css_first("li")
    assert node is not None
    _same(_inline(node))


def test_entries_of_real_lists_take_the_fast_reading() -> None:
    """Typical entries (links, bold titles, italic venues, underlined names) are read fast."""
    html = ('<ol><li>A. Smith, B. Jones. <a href="https://example.org/p1.pdf">Learning to Fold '
            "Proteins Quickly</a>. <em>Nature Methods</em>, 2022.</li>"
            "<li>C. Lee, <u>A. Smith</u>. <b>Graph Kernels for Molecules</b>. <i>Journal of "
            'ML Research</i>, 2021. <a href="https://github.com/x/kernels">[code]</a> '
            '<a href="https://arxiv.org/abs/2101.01234">[arXiv]</a></li>'
            "<li><p>A. Smith. &ldquo;Fast Sampling of Conformations&rdquo;. In <i>International "
            "Conference on Machine Learning (ICML)</i>, 2020.</p></li>"
            "<li><b>Title_with_underscores</b> <br> A. Lee &amp; B. Kim <br> <i>CVPR</i> 2023 "
            '(<b>Oral</b>) <a href="https://h.test/x?a=1&amp;b=two_3">PDF</a></li></ol>')
    items = LexborHTMLParser(html).css("li")
    assert len(items) == 4
    for item in items:
        assert _same(_inline(item)), _inline(item)
        assert inline_tokens(_inline(item))


@settings(max_examples=1000, deadline=None)
@given(st.from_regex(_PLAIN_HREF, fullmatch=True))
@example("https://" + ".".join(["a" * 60] * 5) + "/p")  # a 304-character host: mdurl drops it
def test_plain_destinations_are_left_as_they_are_by_normalize_link(href: str) -> None:
    """What the fast reading takes as a link's href without asking markdown-it."""
    if plain_href(href):
        assert parser().normalizeLink(href) == href


def test_a_host_name_too_long_for_mdurl_is_not_taken_as_plain() -> None:
    """Only markdown-it knows what becomes of a host name over 255 characters."""
    href = "https://" + ".".join(["a" * 60] * 5) + "/p"
    assert parser().normalizeLink(href) != href
    assert not plain_href(href)
    assert plain_href("https://" + ".".join(["a" * 60] * 4) + "/p")
