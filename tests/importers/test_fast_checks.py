"""Fast checks (LaTeX trigger characters, URL starts) agree with the regexes they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.latex import _NEEDS, latex_to_text, needs_decoding
from importers.listing_parts import _URL, url_matches


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(st.sampled_from("\\{}~$`'-a é"), st.characters()), max_size=30))
def test_needs_decoding_is_the_regex_search(value: str) -> None:
    """needs_decoding(value) is exactly whether the old pattern finds anything, and text it
    passes over comes back unchanged."""
    assert needs_decoding(value) == (_NEEDS.search(value) is not None)
    if not needs_decoding(value):
        assert latex_to_text(value) is value


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["http://a.org/x", "HTTPS://B.io", "www.c.de/p", "github.com/u/r",
                                 "xgithub.com/a", " GitLab.com/g", "huggingface.co/spaces/x",
                                 "sourceforge.net/", "code: ", ". ", "<", " ", "http", "www",
                                 "\u0130", "\u212a"]) | st.text(max_size=3), max_size=20))
def test_url_matches_are_finditer(pieces: list[str]) -> None:
    """url_matches finds exactly the matches _URL.finditer finds."""
    text = "".join(pieces)
    assert [m.span() for m in url_matches(text)] == [m.span() for m in _URL.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab \n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029\t"), max_size=20))
def test_ris_line_break_check_is_the_regex_search(text: str) -> None:
    """RIS reads the same lines whether the break check is the substring scan or a search."""
    from importers.ris import _BREAK_CHARS, _BREAKS
    assert any(brk in text for brk in _BREAK_CHARS) == (_BREAKS.search(text) is not None)


def _is_note_before(text: str) -> bool:
    """is_note as it was before its letter check (the reference)."""
    from importers.jekyll.authors import _MARKUP, _NOTE_HINT, _NOTE_WORDS, MARKS, plain_note
    if (text.isascii() and text.isprintable() and not _MARKUP.search(text)
            and not _NOTE_HINT.search(text.replace("*", "").replace("_", ""))):
        return False
    body = plain_note(text)
    if not body or len(body) > 200 or not _NOTE_WORDS.search(body):
        return False
    return body[0] in MARKS or (body.startswith("(") and body.endswith(")"))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["(", ")", "*", "_", "†", "<b>", "</b>", "<sup>1</sup>", "<br>",
                                 "equ", "al", "Equal", "contribution", "corresp", "onding",
                                 "co-first", "Joint", "first author", "intern", "advisor",
                                 "&amp;", "&#101;", "\\*", "{: .note}", " ", "\t", "\x01",
                                 "<a href='x'>", "</a>", "\u200b", "é"]) | st.text(max_size=3),
                max_size=12))
def test_is_note_is_unchanged(pieces: list[str]) -> None:
    """The letter check only turns away lines the full check turns away."""
    from importers.jekyll.authors import is_note
    text = "".join(pieces)
    assert is_note(text) == _is_note_before(text)


@settings(deadline=None)
@given(st.text(st.sampled_from("ab *▶▼▲►◀◄▸▾▴▹▿▵é"), max_size=12))
def test_nav_markers_of_ascii_labels(label: str) -> None:
    """The ASCII shortcut gives what the character scan gives."""
    from importers.jekyll.markup import _CURRENT_MARKS, _NAV_MARKS, has_nav_marker, nav_marker
    assert has_nav_marker(label) == any(c in label for c in _NAV_MARKS)
    assert nav_marker(label) == ("".join(c for c in label if c not in _NAV_MARKS),
                                 any(c in label for c in _CURRENT_MARKS))


def _evaluate_before(raw: str, macros: dict[str, str]) -> str:
    """evaluate as it was before its "{text}" shortcut (the reference)."""
    from importers.bibtex.values import _fully_braced, _split_top
    raw = raw.strip()
    pieces = _split_top(raw, "#") if "#" in raw and not _fully_braced(raw) else [raw]
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if _fully_braced(piece) or (len(piece) >= 2 and piece[0] == piece[-1] == '"'):
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        else:
            out.append(macros.get(piece.lower(), piece))
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from('{}"#\\ ab1,'), max_size=14))
def test_evaluate_is_unchanged(raw: str) -> None:
    """The "{text}" shortcut gives what the general evaluation gives."""
    from importers.bibtex.values import evaluate
    macros = {"a": "MACRO"}
    assert evaluate(raw, macros) == _evaluate_before(raw, macros)
    assert evaluate("{" + raw + "}", macros) == _evaluate_before("{" + raw + "}", macros)
