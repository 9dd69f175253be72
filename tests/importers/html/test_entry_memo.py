"""An entry line met again is not read again: html_entries gives what reading every entry gives
(property tests against the plain loop it bypasses), and its copies share nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.html.copy import copied
from importers.html.dom import parse_html
from importers.html.inline import inline_tokens
from importers.html.lists import _entry_nodes, _inline, html_entries
from importers.sites.entry import entry_paper
from store.models import Link, Paper, Provenance, SectionRef

ITEMS = [
    'A. Smith, B. Jones. <a href="https://e.org/p1.pdf">Learning to Fold Proteins</a>. '
    "<em>Nature Methods</em>, 2022.",
    "C. Lee, <u>A. Smith</u>. <b>Graph Kernels for Molecules</b>. <i>JMLR</i>, 2021. "
    '<a href="https://github.com/b/k">[code]</a> <a href="https://arxiv.org/abs/2101.01234">'
    "[arXiv]</a>",
    "<p>A. Smith. &ldquo;Fast Sampling of Conformations&rdquo;. In <i>ICML</i>, 2020.</p>",
    "<b>Title_with_underscores Here</b> <br> A. Lee &amp; B. Kim <br> <i>CVPR</i> 2023 (Oral)",
    "Invited talk, Example Workshop, 2023.",
    "Just some prose.",
]
HEADINGS = ["<h2>Journal Papers</h2>", "<h2>Publications</h2>", "<h3>Talks</h3>", "<h2>2021</h2>"]

pages = st.lists(st.one_of(st.sampled_from(HEADINGS),
                           st.lists(st.sampled_from(ITEMS), min_size=1, max_size=8).map(
                               lambda items: "<ul>" + "".join(f"<li>{i}</li>" for i in items)
                               + "</ul>")),
                 min_size=1, max_size=10).map(lambda parts: "<body>" + "".join(parts) + "</body>")


def _touch(paper: Paper) -> None:
    """Change a handed-out paper as the list reader's callers do (and then some)."""
    paper.provenance = [Provenance("x", "html")]
    paper.sections.append(SectionRef("c", "s", "l"))
    paper.authors.append("Someone Else")
    paper.badges.append("Changed")
    if paper.links:
        paper.links[0].url = "https://changed.test/"
    paper.id = "changed"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_repeated_entries_read_as_every_entry_read_on_its_own(html: str) -> None:
    """The same papers, in order, even when each one is changed as soon as it is handed out."""
    tree = parse_html(html)
    want = []
    for node, group in _entry_nodes(html, tree):
        paper = entry_paper(inline_tokens(_inline(node)))
        if paper is not None:
            want.append((paper.to_dict(), group, 0))
    got = []
    for paper, group, line in html_entries(html, tree):
        got.append((paper.to_dict(), group, line))
        _touch(paper)
    assert got == want


papers = st.builds(
    Paper, title=st.text(max_size=10), authors=st.lists(st.text(max_size=5), max_size=3),
    links=st.lists(st.builds(Link, st.text(max_size=3), st.text(max_size=5)), max_size=3),
    badges=st.lists(st.text(max_size=3), max_size=2), year=st.none() | st.integers(1900, 2100),
    author_marks=st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    extra=st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    provenance=st.lists(st.builds(Provenance, st.text(max_size=3), st.text(max_size=3)),
                        max_size=2))


@settings(max_examples=300, deadline=None)
@given(papers)
def test_a_copy_equals_its_paper_and_shares_nothing_changeable(paper: Paper) -> None:
    """copied(paper) == paper; changing the copy leaves paper as it was."""
    before = paper.to_dict()
    copy = copied(paper)
    assert copy == paper
    assert copy is not None
    _touch(copy)
    copy.author_marks["k"] = "v"
    copy.extra["k"] = "v"
    for prov in copy.provenance:
        prov.source = "changed"
    assert paper.to_dict() == before
    assert copied(None) is None
