"""Counts done in C for speed equal the Python readings they stand for (property tests)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from importers.html.dom import text_of
from importers.html.nav import _UNSEEN, _shown

TAGS = ["p", "div", "span", "b", "a", "li", "ul", "br", "script", "style", "noscript",
        "template", "button", "svg", "td", "h2", "em"]
WORDS = ["Home", "Ada Lovelace", " ", "\n\t", "\u00a0", "\u2003", "\u200b", "\u202e", "\x1b[31m",
         "\x1b", "[31m", "\x07", "&amp;", "&nbsp;", "<!-- note -->", "é", "\u2028", "x"]

markup = st.recursive(
    st.sampled_from(WORDS),
    lambda inner: st.builds(lambda tag, body: f"<{tag}>{''.join(body)}</{tag}>",
                            st.sampled_from(TAGS), st.lists(inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(markup, max_size=6).map("".join))
def test_text_counted_in_c_equals_text_of(body: str) -> None:
    """Every element's count: visible characters of text_of, spaces left out."""
    tree = LexborHTMLParser(f"<div id=x>{body}</div>")
    root = tree.css_first("#x")
    assert root is not None
    for node in [root, *root.traverse()]:
        if node.tag in ("-text", "-comment"):
            continue
        plain = node.css_first(_UNSEEN) is None
        assert _shown(node, plain) == len(text_of(node).replace(" ", "")), node.html
