"""The cite keys of a LaTeX file: every variant, several keys, comments ignored."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from store.cite.bibfile import ordered
from store.cite.texcite import citations

TEX = r"""
\documentclass{article}
\begin{document}
As shown~\cite{li2023grasp} and \citep[p.~3]{wu2022nets, knuth84}.
\citet*{li2023grasp} said so; \citealp{a:b-c} \parencite[see][12]{d.e}
50\% of \citeauthor{after_percent} % but \cite{commented} is a comment
\nocite{nocited}\textcite{x1}\autocite{x2}\footcite{x3}\Citet{x4}
\cites[1]{m1}[2]{m2}{m3} \citeyear {spaced}
\end{document}
"""


def test_every_cite_variant_and_line() -> None:
    found = citations(TEX)
    assert [c.key for c in found] == [
        "li2023grasp", "wu2022nets", "knuth84", "a:b-c", "d.e", "after_percent", "nocited",
        "x1", "x2", "x3", "x4", "m1", "m2", "m3", "spaced"]
    assert found[0].line == 4 and found[3].line == 5 and found[6].line == 7


def test_nocite_star() -> None:
    assert [c.key for c in citations(r"\nocite{*}")] == ["*"]


_KEYS = st.lists(st.from_regex(r"[A-Za-z][A-Za-z0-9:_.\-]{0,12}", fullmatch=True),
                 min_size=1, max_size=6, unique=True)


@given(_KEYS, st.sampled_from(["cite", "citep", "citet", "nocite", "parencite"]))
def test_keys_round_trip(keys: list[str], command: str) -> None:
    tex = f"text \\{command}[x]{{{', '.join(keys)}}} more"
    assert [c.key for c in citations(tex)] == keys


def test_ordered_keeps_old_places_and_appends_new() -> None:
    old = "@misc{b,\n}\n\n@misc{a,\n}\n"
    fresh = [("a", "@misc{a,\n  x = {1},\n}"), ("c", "@misc{c,\n}"), ("b", "@misc{b,\n}")]
    assert ordered(old, fresh) == "@misc{b,\n}\n\n@misc{a,\n  x = {1},\n}\n\n@misc{c,\n}\n"
    assert ordered(old, []) == ""
