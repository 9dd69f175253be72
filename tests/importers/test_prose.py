"""LaTeX/URL commands in imported prose become text and links; the code flag needs a link."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers.profile import IMPORTER as PROFILE
from store.models import Link, Row

TODAY = date(2025, 9, 1)


@pytest.mark.parametrize(
    ("raw", "text", "urls"),
    [
        (r"Code at \url{https://github.com/a/b_c}.", "Code at https://github.com/a/b_c.",
         ["https://github.com/a/b_c"]),
        (r"See \href{https://x.org/p}{our \emph{project} page}.", "See our project page.",
         ["https://x.org/p"]),
        (r"A \textbf{\emph{fast}} net", "A fast net", []),
        (r"Schr\"{o}dinger, Erd\H{o}s, Fran\c{c}ois, {\'e}t\'e, Stra\ss e",
         "Schrödinger, Erdős, François, été, Straße", []),
        (r"Fig.~3 shows ~50\% gain", "Fig. 3 shows ~50% gain", []),
        (r"2019--2020 --- and ``so'' on", "2019–2020 — and “so” on", []),
        (r"$4\times$ faster, $\alpha$-blending, $\mathcal{O}(n)$", "4× faster, α-blending, O(n)",
         []),
        (r"costs $5 and $10", "costs $5 and $10", []),  # dollars are not math
        (r"keeps $\frac{a}{b}$ as written", r"keeps $\frac{a}{b}$ as written", []),
        ("https://a.org/~me/x--y stays", "https://a.org/~me/x--y stays", []),  # URLs untouched
        ("plain text - nothing to do", "plain text - nothing to do", []),
    ],
)
def test_convert(raw: str, text: str, urls: list[str]) -> None:
    """Each command becomes its text; \\url/\\href become links as well."""
    from importers.prose import convert

    got = convert(raw)
    assert (got.text, got.urls) == (text, urls)


@given(st.lists(st.sampled_from([*"ab \\{}$~-`'_%&^url", "\\url{", "\\href{", "http://"]),
                max_size=40).map("".join))
def test_convert_never_raises(raw: str) -> None:
    """Any mix of LaTeX-ish characters converts without an exception."""
    from importers.prose import convert

    assert isinstance(convert(raw).text, str)


PROFILE_PAGE = """Jane Doe
CV
h-index 3

IVFeb 6, 2022Code
A Coding Framework for Video

Jane Doe, Bob Li

We propose a framework. All codes will be available at \\url{https://github.com/jd/vcs}.

CVJul 22, 2021Code
A Paper Whose Code Button Had No Link

Jane Doe

We learn \\emph{events} with $4\\times$ fewer FLOPs~overall.
"""


def test_profile_abstract_url_becomes_text_and_code_link() -> None:
    """The abstract shows the URL as text (no `\\url{`), and the paper gets a Code link."""
    linked, bare = PROFILE.parse(PROFILE_PAGE, source="p.txt", today=TODAY).papers
    assert "\\url" not in linked.abstract and linked.abstract.endswith(
        "available at https://github.com/jd/vcs.")
    assert [(link.label, link.url) for link in linked.links] == [
        ("Code", "https://github.com/jd/vcs")]
    assert linked.has_code and Row.from_paper(linked).has_code
    assert bare.abstract == "We learn events with 4× fewer FLOPs overall."


def test_code_flag_without_link_is_not_code() -> None:
    """A "Code" flag on the page with no link gives no C flag (row, query, stored row)."""
    from store.query import parse_query
    from store.records import paper_to_raw, row_from_raw

    bare = PROFILE.parse(PROFILE_PAGE, source="p.txt", today=TODAY).papers[1]
    assert not bare.has_code and bare.links == []
    assert not Row.from_paper(bare).has_code
    assert not parse_query("has:code").matches(bare)
    bare.links = [Link("Code", " ")]  # a label with no address is no link either
    assert not Row.from_paper(bare).has_code
    assert not row_from_raw(paper_to_raw(bare)).has_code
    assert not parse_query("has:code").matches(bare)
    bare.links = []
    bare.has_code = True  # a store written by an older version: the flag alone is not enough
    assert not Row.from_paper(bare).has_code
    assert not row_from_raw(paper_to_raw(bare)).has_code
    assert not parse_query("has:code").matches(bare)


def test_seed_profile_abstract_has_no_raw_latex(profile_text: str) -> None:
    """The seed's `\\url{…}` abstract reads as text and links its code."""
    papers = PROFILE.parse(profile_text, source="000.txt", today=TODAY).papers
    assert not any("\\url" in p.abstract for p in papers)
    vcs = next(p for p in papers if p.title.startswith("A Coding Framework and Benchmark"))
    assert ("Code", "https://github.com/tianyuan168326/VCS-Pytorch") in [
        (link.label, link.url) for link in vcs.links]
    assert all(p.has_code == any(link.label == "Code" for link in p.links) for p in papers)
