"""The entry reader's fast paths (cached name checks, a reordered token walk, plain_markup's
skip of text without markup, set_venue's cached venue facts) give what the code before them
gave (property tests against a frozen copy of it, tests/importers/sites/entry_oracle.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from importers.sites import entry
from importers.sites.fields import _YEAR, markup_removed, plain_markup, set_venue
from importers.sites.markdown import parser
from importers.venue import cached_venue, find_badges
from store.models import Paper
from store.text import clean_inline
from tests.importers.sites import entry_oracle

PIECES = ["A. Smith", "B. Jones", "Smith, J.", "and", "et al.", "Wei Zhang", "van der Berg",
          "<u>C. Lee</u>", "**Ada Lovelace**", ", ", ". ", " ", "; ", ": ", "\n", "<br>",
          "<br/>", "<BR>", "&amp;", "&", "\"", "“", "”", "\"Learning to Fold Proteins Quickly\"",
          "“Fast Sampling of Conformations”", "**Graph Kernels for Molecules**",
          "*Nature Methods*", "*Proc. CVPR*", "_ICML 2020_", "In ", "Proceedings of NeurIPS",
          "2021", "(2019).", "2023", "arXiv:2101.01234", "`CVPR 2020`", "`x`",
          "[Learning Things Fast Here](https://e.org/p.pdf)", "[PDF](/a.pdf)", "[code](gh)",
          "[\\[arXiv\\]](https://arxiv.org/abs/2101.01234)", "[](x)", "(Oral)", "Best Paper",
          "Spotlight", "Journal of ML", "Vol. 3", "pp. 1-9", "x\\y", "*", "**", "_", "[", "]",
          "(", ")", "a_b", "\u00e9t\u00e9", "\u00a0", "\x1b]0;x\x07", "\u202e", "Title Of A Paper"]

lines = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


def _children(src: str) -> list:
    """markdown-it's inline tokens of src (as the Markdown list reader gives them)."""
    tokens = parser().parseInline(src)
    return tokens[0].children if tokens and tokens[0].children else []


def _runs(segs: list) -> list[tuple[str, str, str]]:
    """(kind, text, href) of each segment."""
    return [(s.kind, s.text, s.href) for s in segs]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
@example("A. Smith, B. Jones. [Learning to Fold Proteins](https://e.org/p1.pdf). *Nature*, 2022.")
@example("C. Lee, <u>A. Smith</u>. **Graph Kernels for Molecules**. *J. ML Res.*, 2021. "
         "[\\[code\\]](https://github.com/b/k) [\\[arXiv\\]](https://arxiv.org/abs/2101.01234)")
@example("**Title Of A Paper** <br> A. Smith, B. Jones <br> *CVPR 2020*")
def test_entry_paper_equals_the_code_before_it(src: str) -> None:
    """Any entry line: the same paper (or None), with cold and with warm caches."""
    children = _children(src)
    want = entry_oracle.entry_paper(children)
    assert _runs(entry.segments(children)) == _runs(entry_oracle.segments(children))
    assert entry.entry_paper(children) == want, src
    assert entry.entry_paper(children) == want, src  # the caches now hold its pieces


@settings(max_examples=800, deadline=None)
@given(st.text(max_size=40) | lines)
def test_cached_name_checks_equal_the_uncached_ones(text: str) -> None:
    """_is_name, _namelike_run and _head_authors answer as the code they cache."""
    assert entry._is_name(text) == entry_oracle._is_name(text)
    assert entry._namelike_run(text) == entry_oracle._namelike_run(text)
    head = entry._head_authors(text)
    if entry_oracle._words(text) >= 1 and not entry_oracle._YEAR.fullmatch(text) \
            and entry_oracle._namelike_run(text):
        names, truncated = entry.names_of(text)
        assert head == (tuple(names), truncated)
    else:
        assert head is None


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40) | lines | st.text(alphabet="ab <>[]()*_`&;#x1", max_size=30))
def test_plain_markup_skips_only_text_without_markup(text: str) -> None:
    """plain_markup equals its full steps on any text."""
    assert plain_markup(text) == markup_removed(text)


def _old_set_venue(paper: Paper, venue: str, short: str = "") -> None:
    """set_venue as it was before its cache."""
    paper.venue = clean_inline(venue)
    parsed = cached_venue(paper.venue or short)
    paper.venue_short = clean_inline(short) or parsed.short
    if paper.venue_short and paper.year and not _YEAR.search(paper.venue_short):
        paper.venue_short = f"{paper.venue_short} {paper.year}"
    for badge in parsed.badges:
        if badge not in paper.badges:
            paper.badges.append(badge)
    paper.year = paper.year or parsed.year


VENUES = ["CVPR 2020", "Proceedings of NeurIPS", "In *ICML*", "(Oral)", "Best Paper Award",
          "IEEE Transactions on Image Processing", "arXiv preprint", "2021", " ", "\u00a0",
          "\x1b[2J", "Nature Methods", "ICCV'23", "Spotlight", "Early Access", ", ", "Vol. 3"]
venues = st.lists(st.sampled_from(VENUES), max_size=4).map(" ".join) | st.text(max_size=20)


@settings(max_examples=800, deadline=None)
@given(venues, venues | st.just(""), st.none() | st.integers(1990, 2030),
       st.lists(st.sampled_from(["Oral", "Spotlight", "New"]), max_size=2))
def test_set_venue_sets_what_it_set_before_its_cache(venue: str, short: str, year: int | None,
                                                      badges: list[str]) -> None:
    """The same venue, short venue, badges and year on the same paper, cold and warm."""
    for _ in range(2):
        want = Paper(title="T", year=year, badges=list(badges))
        got = Paper(title="T", year=year, badges=list(badges))
        _old_set_venue(want, venue, short)
        set_venue(got, venue, short)
        assert got == want


@settings(max_examples=500, deadline=None)
@given(venues | lines)
def test_cached_badges_equal_find_badges(text: str) -> None:
    """_badges(text) is find_badges(text), cold and warm."""
    assert list(entry._badges(text)) == find_badges(text)
    assert list(entry._badges(text)) == find_badges(text)
