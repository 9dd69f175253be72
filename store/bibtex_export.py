"""BibTeX writer: papers to valid, stable BibTeX entries (pure; no I/O)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from store.cite.pattern import KEY_OK
from store.models import Paper
from store.text import clean_output, fold
from store.venue_year import venue_without_year

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_STOP = frozenset(
    ["a", "an", "the", "on", "of", "in", "for", "to", "with", "and", "towards", "toward",
     "from", "via", "by", "at", "as", "is", "are", "do", "does", "what", "how", "why", "when",
     "can"]
)
_JOURNAL = re.compile(
    r"\b(?:transactions|journal|letters|magazine|review|reviews|trans\.|j\.|surveys)\b"
    r"|^proceedings of the ieee\s*(?:[,(]|\d|$)",
    re.I,
)
_JOURNAL_SHORT = frozenset(
    ["tpami", "t-pami", "pami", "tip", "tmm", "tcsvt", "ijcv", "tog", "tvcg", "tnnls", "jmlr",
     "spl", "spic", "tcyb", "tgrs", "tifs", "taslp", "tci", "cviu", "pr", "neurocomputing",
     "nature", "science", "tomm", "tkde", "tmi"]
)
_ARXIV_VENUE = re.compile(r"^\s*(?:arxiv|corr)\b", re.I)
_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "`": r"\textasciigrave{}",
}
# Character pairs the BibTeX importer would turn into dashes or quotes: keep them apart.
_LIGATURES = re.compile(r"(?<=-)(?=-)|(?<=')(?=')")
_MARKS = {
    "\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
    "\u0307": ".", "\u0306": "u", "\u030c": "v", "\u030b": "H", "\u0327": "c", "\u0328": "k",
    "\u030a": "r", "\u0323": "d", "\u0331": "b",
}
_ASCII_SYMBOLS = {
    "ß": r"{\ss}", "ø": r"{\o}", "Ø": r"{\O}", "å": r"{\aa}", "Å": r"{\AA}", "æ": r"{\ae}",
    "Æ": r"{\AE}", "œ": r"{\oe}", "Œ": r"{\OE}", "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}",
    "ð": r"{\dh}", "Ð": r"{\DH}", "þ": r"{\th}", "Þ": r"{\TH}", "đ": r"{\dj}", "Đ": r"{\DJ}",
    "–": "--", "—": "---", "‘": r"\textquoteleft{}", "’": r"\textquoteright{}",
    "“": r"\textquotedblleft{}", "”": r"\textquotedblright{}", "…": r"\ldots{}",
    "\u00a0": "~", "§": r"{\S}", "©": r"\copyright{}", "£": r"\pounds{}", "€": r"\euro{}",
    "«": r"\guillemotleft{}", "»": r"\guillemotright{}", "°": r"\textdegree{}",
}


def _ascii_char(ch: str) -> str:
    """One non-ASCII character as LaTeX ({\\'e}, {\\ss}, --), or itself if none is known."""
    if ch in _ASCII_SYMBOLS:
        return _ASCII_SYMBOLS[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if marks and base.isascii() and all(m in _MARKS for m in marks):
        inner = r"\i" if base == "i" and marks[0] in "\u0301\u0300\u0302\u0308" else base
        for mark in reversed(marks):
            cmd = _MARKS[mark]
            inner = f"\\{cmd}{{{inner}}}" if cmd.isalpha() else f"\\{cmd}{inner}"
            inner = "{" + inner + "}"
        return inner
    try:
        from pylatexenc.latexencode import unicode_to_latex

        encoded = unicode_to_latex(ch, unknown_char_warning=False)
    except Exception:  # pylatexenc missing or unable: keep the character
        return ch
    return "{" + encoded + "}" if encoded.isascii() and encoded != ch else ch


_SPECIAL_TABLE = str.maketrans(_SPECIAL)


def escape(text: str, *, ascii: bool = False) -> str:
    """text with BibTeX/LaTeX special characters escaped; non-ASCII to LaTeX if ascii."""
    if not ascii or text.isascii():  # one C-level pass (0.5 ms a paper by the loop below)
        return text.translate(_SPECIAL_TABLE)
    out: list[str] = []
    for ch in text:
        if ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif ascii and not ch.isascii():
            out.append(_ascii_char(ch))
        else:
            out.append(ch)
    return "".join(out)


def _escape_keeping_ties(text: str, *, ascii: bool) -> str:
    """escape() for text where _LIGATURES inserted `{}` separators that must stay braces."""
    pieces = text.split("\x00")
    return "{}".join(escape(p, ascii=ascii) for p in pieces)


def escape_text(text: str, *, ascii: bool = False) -> str:
    """Escape a value, separating -- `` '' so they re-import as typed."""
    return _escape_keeping_ties(_LIGATURES.sub("\x00", text), ascii=ascii)


def _protect_title(text: str, *, ascii: bool) -> str:
    """Escaped title with acronyms/CamelCase words braced so styles keep their case."""
    words = []
    for word in text.split(" "):
        escaped = escape_text(word, ascii=ascii)
        if any(c.isupper() for c in word[1:]):
            escaped = "{" + escaped + "}"
        words.append(escaped)
    return " ".join(words)


def _url_value(url: str, *, ascii: bool) -> str:
    """A URL/DOI as a field value: never LaTeX-escaped, braces percent-encoded."""
    url = url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
    return quote(url, safe="".join(chr(c) for c in range(33, 127))) if ascii else url


def _name(name: str, *, ascii: bool) -> str:
    """One author; names that BibTeX would split (commas, " and ") are braced whole."""
    escaped = escape_text(name, ascii=ascii)
    # BibTeX's name splitter counts escaped braces too: spell them as commands.
    escaped = escaped.replace(r"\{", r"\textbraceleft{}").replace(r"\}", r"\textbraceright{}")
    # bibtexparser's name splitter can lose a word holding a backslash: brace such words.
    escaped = " ".join("{" + w + "}" if "\\" in w else w for w in escaped.split(" "))
    if "," in name or re.search(r"\band\b", name, re.I) or name.lower() == "others":
        return "{" + escaped + "}"
    return escaped


def _last_name(author: str) -> str:
    """The last word of a display name, skipping Jr./II/III suffixes."""
    words = [w for w in re.split(r"[\s,]+", author) if w]
    while len(words) > 1 and words[-1].lower().strip(".") in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    return words[-1] if words else ""


def _ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of text (accents folded away)."""
    return re.sub(r"[^a-z0-9]", "", fold(text).replace("ß", "ss").replace("ø", "o"))


def cite_key(paper: Paper) -> str:
    """The paper's base cite key: its imported key, else e.g. li2023learning."""
    own = paper.extra.get("citekey", "") if paper.extra else ""
    if own and KEY_OK.match(own):
        return own
    author = _ascii_word(_last_name(paper.authors[0])) if paper.authors else ""
    year = str(paper.year) if paper.year else "nd"
    word = ""
    for candidate in re.split(r"[\s\-:/]+", paper.title):
        folded = _ascii_word(candidate)
        if folded and folded not in _STOP:
            word = folded
            break
    if not word and not author and paper.arxiv_id:
        word = "arxiv" + _ascii_word(paper.arxiv_id)
    return f"{author or 'anon'}{year}{word or 'untitled'}"


def _suffix(n: int) -> str:
    """a, b, …, z, aa, ab, … for the n-th (1-based) collision."""
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def cite_keys(papers: Iterable[Paper]) -> list[str]:
    """Unique keys, one per paper in order; collisions get a/b suffixes in paper-id order."""
    papers = list(papers)
    groups: dict[str, list[int]] = {}
    for index, paper in enumerate(papers):
        groups.setdefault(cite_key(paper), []).append(index)
    used = set(groups)
    keys = [""] * len(papers)
    for base, members in groups.items():
        members.sort(key=lambda i: (papers[i].id, i))
        keys[members[0]] = base
        n = 0
        for index in members[1:]:
            n += 1
            while f"{base}{_suffix(n)}" in used:
                n += 1
            keys[index] = f"{base}{_suffix(n)}"
            used.add(keys[index])
    return keys


def is_journal(venue: str, venue_short: str = "") -> bool:
    """True when a venue is a journal (Transactions, Journal, Letters, TPAMI…)."""
    short = venue_short.split(" ")[0].lower() if venue_short else ""
    return bool(_JOURNAL.search(venue)) or short in _JOURNAL_SHORT or (
        venue.strip().lower() in _JOURNAL_SHORT
    )


def is_arxiv_only(paper: Paper) -> bool:
    """True for a preprint: no venue (or an arXiv/CoRR one)."""
    venue = paper.venue or paper.venue_short
    return not venue or bool(_ARXIV_VENUE.match(venue))


def entry_fields(
    paper: Paper, *, abstract: bool = True, ascii: bool = False
) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and ordered (field, braced value) pairs for one paper."""
    venue = paper.venue or paper.venue_short
    shown = venue_without_year(venue, paper.year)  # the year has a field of its own
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str) -> None:
        fields.append((name, value))

    add("title", _protect_title(paper.title, ascii=ascii))
    names = [_name(a, ascii=ascii) for a in paper.authors]
    if paper.authors_truncated:
        names.append("others")
    if names:
        add("author", " and ".join(names))
    own_type = paper.extra.get("entrytype", "") if paper.extra else ""
    if is_arxiv_only(paper):
        kind = "misc"
        if shown:
            add("howpublished", escape_text(shown, ascii=ascii))
    elif own_type == "article" or (
        own_type != "inproceedings" and is_journal(venue, paper.venue_short)
    ):
        kind = "article"
        add("journal", escape_text(shown or venue, ascii=ascii))
    else:
        kind = "inproceedings"
        add("booktitle", escape_text(shown or venue, ascii=ascii))
    if paper.year:
        add("year", str(paper.year))
    month = re.match(r"^\d{4}-(\d{2})", paper.date or "")
    if month and 1 <= int(month.group(1)) <= 12:
        fields.append(("month", "\x00" + _MONTHS[int(month.group(1)) - 1]))
    if paper.arxiv_id:
        add("eprint", _url_value(paper.arxiv_id, ascii=ascii))
        add("archivePrefix", "arXiv")
        if "." in paper.category:
            add("primaryClass", _url_value(paper.category, ascii=ascii))
    if paper.doi:
        add("doi", _url_value(paper.doi, ascii=ascii))
    url = next((link.url for link in paper.links if link.url.startswith("http")), "")
    if url:
        add("url", _url_value(url, ascii=ascii))
    if paper.comments:
        add("note", escape_text(paper.comments, ascii=ascii))
    if paper.keywords:
        add("keywords", escape_text(", ".join(k.replace(",", " ") for k in paper.keywords),
                                    ascii=ascii))
    if abstract and paper.abstract:
        add("abstract", escape_text(paper.abstract, ascii=ascii))
    return kind, fields


def entry(paper: Paper, key: str, *, abstract: bool = True, ascii: bool = False) -> str:
    """One BibTeX entry as text."""
    kind, fields = entry_fields(paper, abstract=abstract, ascii=ascii)
    width = max((len(name) for name, _ in fields), default=0)
    lines = [f"@{kind}{{{clean_output(key)},"]
    for name, value in fields:
        shown = value[1:] if value.startswith("\x00") else "{" + clean_output(value) + "}"
        lines.append(f"  {name.ljust(width)} = {shown},")
    lines.append("}")
    return "\n".join(lines)


def to_bibtex(papers: Iterable[Paper], *, abstract: bool = True, ascii: bool = False) -> str:
    """Papers as a .bib text: one entry per distinct paper id, in order, keys unique."""
    unique: dict[str, Paper] = {}
    for index, paper in enumerate(papers):
        unique.setdefault(paper.id or f"\x00{index}", paper)
    chosen = list(unique.values())
    keys = cite_keys(chosen)
    pairs = zip(chosen, keys, strict=True)
    text = "".join(entry(p, key, abstract=abstract, ascii=ascii) + "\n\n" for p, key in pairs)
    return text.rstrip("\n") + ("\n" if chosen else "")
