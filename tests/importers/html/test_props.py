"""Property tests: the HTML importer raises only ImporterError, whatever the markup."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.base import ImporterError
from importers.html import IMPORTER
from tests.importers.html.test_themes import FIXTURES

TAGS = ["p", "li", "ul", "ol", "div", "span", "strong", "b", "em", "i", "a", "br", "pub",
        "h1", "h2", "h3", "nav", "pre", "details", "table", "tr", "td", "script", "abbr"]
ATTRS = ['', ' class="title"', ' class="author"', ' class="hidden"', ' style="display:none"',
         ' href="/x"', ' href="javascript:x()"', ' onclick="expandABS(\'a\')"',
         ' class="periodical"', ' class="abs" id="q"', ' href="http://h.test/a b"']
WORDS = ["Ada Lovelace", "2023", "CVPR", "and", ",", "Title Of A Paper", "@article{x,",
         "(", ")", "**", "](", "&amp;", "&#0;", "\x1b]52;c;x\x07", "\u202e", "\n\n", "▼"]

fragment = st.recursive(
    st.sampled_from(WORDS),
    lambda inner: st.builds(
        lambda tag, attr, body, close: f"<{tag}{attr}>{''.join(body)}" + (f"</{tag}>" if close
                                                                          else ""),
        st.sampled_from(TAGS), st.sampled_from(ATTRS), st.lists(inner, max_size=4),
        st.booleans()),
    max_leaves=40,
)


def _parse(text: str) -> None:
    """Parse, allowing only ImporterError."""
    try:
        result = IMPORTER.parse(text, source="fuzz.html", today=date(2024, 1, 1))
    except ImporterError:
        return
    for paper in result.papers:
        assert paper.title and "\x1b" not in paper.title + "".join(paper.authors)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fragment, max_size=8).map("".join))
def test_structured_markup_raises_only_importer_error(text: str) -> None:
    """Random nestings of the tags and attributes the importer looks at."""
    _parse(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_raises_only_importer_error(text: str) -> None:
    """Arbitrary text."""
    _parse(text)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 30_000), st.integers(1, 200), st.sampled_from(sorted(
    p.name for p in FIXTURES.glob("*.html"))))
def test_truncated_and_spliced_fixtures(cut: int, width: int, name: str) -> None:
    """Real pages cut anywhere, or with a slice repeated."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    _parse(text[:cut])
    _parse(text[:cut] + text[cut : cut + width] * 3 + text[cut:])
