"""The block walk that does not enter a short block's subtree (unless it holds a heading)
reads the papers the walk before it read (property tests against a frozen copy of it)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.html import scan
from importers.html.dom import parse_html
from importers.html.page import content_root
from tests.importers.html import scan_oracle
from tests.importers.html.golden import _entry, generated_page

SHORT = ["<p>x</p>", "<div>ab<h3>2021</h3></div>", "<td>a</td>", "<li>tiny</li>",
         "<div><h2>Journal Papers</h2></div>", "<tr><td>a</td><td>b</td></tr>",
         "<section><h4>2019</h4><p>no</p></section>", "<dd></dd>", "<blockquote>q</blockquote>"]


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A generated publication page with short blocks, tables and headings mixed in."""
    import random

    rng = random.Random(draw(st.integers(0, 10**6)))
    parts = [generated_page(draw(st.integers(0, 10**6)))]
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(draw(st.sampled_from(SHORT)))
        elif kind == 1:
            rows = "".join(f"<tr><td>{_entry(rng)}</td><td>2020</td></tr>"
                           for _ in range(draw(st.integers(1, 4))))
            parts.append(f"<table>{rows}</table>")
        elif kind == 2:
            parts.append(f"<div><p>{_entry(rng)}</p><div>s<h3>2018</h3></div></div>")
        else:
            parts.append(f'<div class="hidden"><p>{_entry(rng)}</p></div>')
    body = "".join(parts).replace("</body></html>", "") + "</body></html>"
    return body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_the_walk_reads_what_the_walk_before_it_read(html: str) -> None:
    """The same papers and warnings from the same page."""
    root = content_root(parse_html(html))
    got_warnings: list = []
    want_warnings: list = []
    got = scan.read_entries(root, source="p", locator="l", warnings=got_warnings)
    want = scan_oracle.read_entries(root, source="p", locator="l", warnings=want_warnings)
    assert [p.to_dict() for p in got] == [p.to_dict() for p in want]
    assert got_warnings == want_warnings
