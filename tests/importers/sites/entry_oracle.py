"""Frozen copy of importers/sites/entry.py before the speed work (#12): the oracle its fast
paths are checked against (tests only; do not change)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from importers.sites.fields import LINK_LABELS, add_link, names_of, set_venue
from importers.venue import find_badges
from store.models import Paper
from store.text import clean_inline

_QUOTED = re.compile(r"[\"“”„]\s*([^\"“”„]{8,400}?)\s*[,.]?\s*[\"“”„]")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")
_SENTENCE = re.compile(r"(?<=[a-z\u00e0-\u024f)\]])\.\s+(?=[A-Z0-9\"“\[*_])")
_VENUEISH = re.compile(r"\b(?:proc|conf|conference|journal|trans|transactions|workshop|symposium"
                       r"|letters|arxiv|preprint|review|thesis|ieee|acm|in\s)\b", re.I)


@dataclass(slots=True)
class Segment:
    """A run of an entry: plain text, bold, italic, or a link (with its href)."""

    kind: str
    text: str
    href: str = ""


def segments(children: list[Token]) -> list[Segment]:
    """The runs of an inline token list, in order."""
    out: list[Segment] = []
    style: list[str] = []
    link: Segment | None = None
    for token in children:
        kind = token.type
        if kind in ("strong_open", "em_open"):
            style.append("strong" if kind == "strong_open" else "em")
        elif kind in ("strong_close", "em_close"):
            if style:
                style.pop()
        elif kind == "link_open":
            link = Segment("link", "", str(token.attrGet("href") or ""))
        elif kind == "link_close" and link is not None:
            link.text = clean_inline(link.text)
            out.append(link)
            link = None
        elif kind == "code_inline" and link is None:
            out.append(Segment("code", token.content))
        elif kind in ("text", "code_inline", "softbreak", "hardbreak", "html_inline"):
            text = " " if kind.endswith("break") else token.content
            if kind == "html_inline":
                text = " ; " if re.match(r"<br", text, re.I) else ""
            if link is not None:
                link.text += text
            else:
                current = style[-1] if style else "text"
                if out and out[-1].kind == current and current != "link":
                    out[-1].text += text
                else:
                    out.append(Segment(current, text))
    return [s for s in out if s.text.strip() or s.kind == "link"]


def _words(text: str) -> int:
    """Number of words in text."""
    return len(text.split())


def _pick_title(segs: list[Segment], plain: str) -> tuple[str, int, str]:
    """(title, index of its segment or -1, href) by the rules in the module docstring."""
    for index, seg in enumerate(segs):
        if seg.kind == "text":
            match = _QUOTED.search(seg.text)
            if match and _words(match.group(1)) >= 2:
                return match.group(1), index, ""
    quoted = _QUOTED.search(plain)
    if quoted and _words(quoted.group(1)) >= 2:
        return quoted.group(1), -1, ""
    for index, seg in enumerate(segs):
        label = seg.text.strip().lower()
        if seg.kind == "link" and _words(seg.text) >= 3 and label not in LINK_LABELS:
            return seg.text, index, seg.href
    for kind in ("strong", "em"):
        for index, seg in enumerate(segs):
            text = seg.text.strip(" .,:;")
            if seg.kind == kind and _words(text) >= 3 and not _VENUEISH.search(text) \
                    and not _YEAR.search(text) and "," not in text[:40]:
                return text, index, ""
    title = _citation_title(plain)
    if title:
        return title, -2, ""
    return "", -1, ""


# a full stop that ends a piece, not an abbreviation ("Proc.", "Int.", "Trans.", "Vol.")
_STOP = re.compile(r"(?<!\bProc)(?<!\bConf)(?<!\bInt)(?<!\bTrans)(?<!\bVol)(?<!\bJ)"
                   r"(?<!\bSymp)(?<!\bAnn)\.\s+")
_INITIAL_END = re.compile(r"(?:^|[\s,.-])[A-Z]{1,2}$")


def _citation_title(plain: str) -> str:
    """The title of a plain `Authors. Title. Venue, Year.` citation ("" when unsure).

    Pieces between full stops that end in an initial ("Smith, J", "and Doe, A") or are a lone
    surname right after one ("J. Smith. …" splits as "J", "Smith") belong to the authors; the
    next piece of three words or more is the title.
    """
    if not _YEAR.search(plain):
        return ""
    pieces = [p.strip() for p in _FULL_STOP.split(plain) if p.strip()]
    authors = 0
    previous_initial = False
    for piece in pieces:
        if _INITIAL_END.search(piece) and _namelike_run(piece + "."):
            authors, previous_initial = authors + 1, True
        elif previous_initial and _words(piece) <= 3 and _is_name(piece):
            authors, previous_initial = authors + 1, False
        else:
            break
    if not authors and len(pieces) >= 3 and _namelike_run(pieces[0]):
        authors = 1  # "Jane Smith, Wei Zhang. Title. Venue 2020."
    rest = pieces[authors:]
    if authors and len(rest) >= 2 and _words(rest[0]) >= 3 and not _YEAR.fullmatch(rest[0]):
        return rest[0]
    return ""


_FULL_STOP = re.compile(r"\.\s+")
_NAME_SPLIT = re.compile(r",|;|\band\b|&")
_APA_YEAR = re.compile(r"\s*\(\s*(?:19|20)\d\d[a-z]?\s*\)\.?")
_IN = re.compile(r"^(?:in|to appear in)\s+", re.I)
_EPRINT = re.compile(r"\barxiv[:\s]*(\d{4}\.\d{4,5})", re.I)
_PARTICLES = frozenset({"van", "von", "der", "de", "la", "del", "da", "di", "le", "du", "bin",
                        "al", "el", "dos", "das", "ter", "den", "y"})


def _is_name(piece: str) -> bool:
    """True for a piece that reads as one person's name ("Wei Zhang", "J. Smith")."""
    words = piece.replace("*", "").split()
    if not 1 <= len(words) <= 5 or any(map(str.isdigit, piece)) or _VENUEISH.search(piece):
        return False
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _namelike_run(text: str) -> str:
    """The leading comma/and-separated run of name-like pieces of text ("" when none)."""
    pieces = [p.strip(" .;:") for p in _NAME_SPLIT.split(text)]
    run: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if piece.lower() in ("et al", "et al.", "others"):
            run.append("et al")
            break
        if not _is_name(piece):
            break
        run.append(piece)
    return ", ".join(run)


def entry_paper(children: list[Token]) -> Paper | None:
    """A paper from one entry's inline tokens, or None when it does not read as one."""
    segs = segments(children)
    plain = clean_inline("".join(s.text for s in segs))
    if not plain or len(plain) > 3000:
        return None
    title, at, href = _pick_title(segs, plain)
    title = clean_inline(title).strip(" .,:;\"“”")
    if not title or _words(title) < 2:
        return None
    paper = Paper(title=title)
    pos = plain.find(title)
    before = plain[:pos] if pos > 0 else ""
    after = plain[pos + len(title):] if pos >= 0 else plain
    years = _YEAR.findall(plain.replace(title, " "))
    paper.year = int(years[-1]) if years else None
    before = _APA_YEAR.sub(" ", before)  # APA "(2019)."
    codes = [s.text.strip() for s in segs if s.kind == "code" and s.text.strip()]
    for code in codes:
        before = before.replace(code, " ")
    head = before.strip(" ,:;\"“”-–—[]|")
    if _words(head) >= 1 and not _YEAR.fullmatch(head) and _namelike_run(head):
        paper.authors, paper.authors_truncated = names_of(head)
    elif not head:
        following = after
        if at >= 0:
            texts = []
            for seg in segs[at + 1:]:
                # an author's own name is often bold or underlined: it stays in the list
                if seg.kind != "text" and not (seg.kind in ("strong", "em")
                                               and _is_name(seg.text.strip())):
                    break
                texts.append(seg.text)
            following = "".join(texts)
        run = _namelike_run(following.split("[")[0])
        if run:
            paper.authors, paper.authors_truncated = names_of(run)
    venue = next((c for c in codes if _YEAR.search(c) or _VENUEISH.search(c)), "")
    for index, seg in enumerate(segs):
        if venue:
            break
        if index != at and seg.kind in ("strong", "em") and title not in seg.text:
            text = seg.text.strip(" .,:;")
            if text and (_VENUEISH.search(text) or _YEAR.search(text) or _words(text) <= 6) \
                    and not any(text in a or a in text for a in paper.authors) \
                    and text not in head and not _is_name(text):
                venue = text
    if not venue:
        rest = _YEAR.sub("", after.split("[")[0]).strip(" .,:;\"“”()")
        pieces = [p.strip() for p in _STOP.split(rest) if p.strip()]
        if not paper.authors and len(pieces) >= 2:
            paper.authors, paper.authors_truncated = names_of(pieces[0])
            pieces = pieces[1:]
        venue = pieces[0] if pieces else ""
    if venue and len(venue) <= 300:
        set_venue(paper, _IN.sub("", venue).strip(" ,."))
    eprint = _EPRINT.search(plain)
    if eprint:
        paper.arxiv_id = eprint.group(1)
    for badge in find_badges(after):
        if badge not in paper.badges:
            paper.badges.append(badge)
    if href:
        add_link(paper, "Paper", href)
    for index, seg in enumerate(segs):
        if seg.kind == "link" and index != at and seg.href:
            label = seg.text.strip(" []*") or "Link"
            add_link(paper, LINK_LABELS.get(label.lower(), label[:40]), seg.href)
    if not (paper.year or (paper.authors and paper.venue)):
        return None  # prose under a publications heading: no year, or no authors and venue
    return paper
