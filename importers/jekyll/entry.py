"""Turning the raw lines of one lab-site entry into a Paper."""

from __future__ import annotations

import html
import re

from importers.base import ImportWarning
from importers.jekyll.authors import Authors, cached_authors, is_note, plain_note
from importers.jekyll.markup import (
    RawLink,
    clean_url,
    find_links,
    highlights,
    plain,
    remove_highlights,
    remove_spans,
    strip_attrs,
    strip_tags,
)
from importers.jekyll.model import RawEntry
from importers.venue import Venue, cached_venue, find_badges
from store.models import Link, Paper, Provenance
from store.text import clean_block, clean_inline

IMPORTER_NAME = "jekyll"
_PUB = re.compile(r"<pub\b[^<>]*>(?P<text>[^<]*(?:<(?!/pub)[^<]*)*)(?:</pub\s*>|$)", re.I)
_TOGGLE = re.compile(r"<a\b[^<>]*onclick[^<>]*>[^<]{0,200}</a\s*>", re.I)
_TOGGLE_ID = re.compile(r"expandABS\(\s*[\"']?([^\"')\s]+)", re.I)
_PLACEHOLDER = re.compile(
    r"\b(?:coming\s+soon|stay\s+tuned|to\s+be\s+(?:released|announced|updated)|tb[ad])\b"
    r"[\s!.…]*",
    re.I,
)
_PLACEHOLDER_HINTS = ("soon", "tuned", "to be", "tba", "tbd")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_VENUE_WORDS = re.compile(
    r"conference|journal|transactions|proceedings|symposium|workshop|arxiv|letters|"
    r"magazine|review|\([A-Z][A-Za-z0-9\-&+ ]*\)",
    re.I,
)
# Venue lines without a year: "Winter Conference on … (WACV)".
_VENUE_NAME = re.compile(r"\b(?i:conference|journal|transactions|proceedings|symposium|workshop|"
                         r"letters|magazine)\b|\([A-Z][A-Z0-9&+\-]+\)\s*$")
_SUMMARY = re.compile(r"<summary\b[^<>]*>(?P<text>.*?)</summary\s*>", re.I | re.S)
_NOT_ABSTRACT = re.compile(r"bib|cit(?:e|ation)|code|video|poster|slides", re.I)
_PARAGRAPH_TAG = re.compile(r"</?p\b[^<>]*>", re.I)
_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf)/(?P<id>(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}))", re.I
)
_DOI = re.compile(r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/|epdf/)?|link\.springer\.com/"
                  r"(?:chapter|article)/)(?P<doi>10\.\d{4,9}/[^\s?#]+)", re.I)


class EntryState:
    """What has been read so far from an entry's lines."""

    def __init__(self) -> None:
        """Empty state."""
        self.authors: Authors | None = None
        self.venue: Venue | None = None
        self.links: list[Link] = []
        self.badges: list[str] = []
        self.notes: list[str] = []
        self.awards: list[str] = []
        self.texts: list[str] = []
        self.placeholder = False
        self.toggle_id = ""

    def add_badges(self, names: list[str]) -> None:
        """Add badges, keeping order and dropping repeats."""
        for name in names:
            if name and name not in self.badges:
                self.badges.append(name)


def _read_line(state: EntryState, text: str, gap: bool) -> None:
    """Classify one entry line: authors, venue, links, award/badges or a note."""
    if "onclick" in text or "onClick" in text or "ONCLICK" in text:
        for match in _TOGGLE_ID.finditer(text):
            state.toggle_id = state.toggle_id or match.group(1)
        text = _TOGGLE.sub(" ", text)
    low = text.lower()
    if any(hint in low for hint in _PLACEHOLDER_HINTS) and _PLACEHOLDER.search(text):
        state.placeholder = True
        text = _PLACEHOLDER.sub(" ", text)
    original = text
    before = len(state.badges)
    for name in highlights(text):
        found = find_badges(name)
        state.add_badges(found or [name.strip("()! ")])
    text = remove_highlights(text)
    if "<pub" in text or "<PUB" in text:
        match = _PUB.search(text)
        if match is not None:
            if state.venue is None:
                state.venue = cached_venue(plain(match.group("text")))
            text = text[: match.start()] + " " + text[match.end() :]
    links = find_links(text)
    if links and state.authors is None and state.venue is None and _names_with_links(text, links):
        state.authors = cached_authors(_labels_only(text, links))
        return
    if links:
        for raw in links:
            _add_link(state, raw.label, raw.url)
        text = remove_spans(text, links)
    rest = plain(text).strip(" |·•-–—,;")
    if not rest:
        # "<highlighted>NTIRE winner</highlighted>": the badge is "Winner", the line the award.
        if len(state.badges) > before and not links and "<pub" not in original.lower():
            award = _full(original)
            if award and award not in state.badges and award not in state.awards:
                state.awards.append(award)
        return
    if state.authors is None and state.venue is None and not links:
        if _maybe_note(text) and is_note(text):
            state.notes.append(plain_note(text))
        elif _looks_like_venue(rest):
            state.venue = cached_venue(rest)
        elif not gap or _emphasised(text):
            state.authors = cached_authors(text)
        else:
            state.texts.append(_full(original))
        return
    if _maybe_note(text) and is_note(text):
        state.notes.append(plain_note(text))
    elif state.venue is None and not links and (_YEAR.search(rest) or _VENUE_NAME.search(rest)):
        state.venue = cached_venue(rest)
    else:
        badges = find_badges(rest)
        state.add_badges(badges)
        if badges or len(state.badges) > before:
            state.awards.append(_full(original) if not links else rest)
        else:
            state.texts.append(_full(original) if not links else rest)


def _full(text: str) -> str:
    """A whole line as plain text, for award and note lines."""
    return plain(text).strip(" |·•-–—,;")


def _maybe_note(text: str) -> bool:
    """Cheap pre-check before is_note: the line mentions a note word."""
    low = text.lower()
    return any(hint in low for hint in _NOTE_HINTS)


_NOTE_HINTS = ("equal", "contribut", "correspond", "first", "joint", "intern", "advisor",
               "supervis")
_LINK_WORDS = re.compile(
    r"paper|pdf|code|project|video|dataset|data|arxiv|slides|poster|supp|demo|bibtex|"
    r"website|page|github|model|talk|intro|abstract|doi|link|download|html|preprint",
    re.I,
)


def _names_with_links(text: str, links: list[RawLink]) -> bool:
    """True for an author line whose names link to home pages."""
    if any(_LINK_WORDS.search(plain(link.label)) for link in links):
        return False
    stripped = text.strip()
    wrapped = stripped[:1] in "_*" and stripped[:2] not in ("**", "__")
    return wrapped or "," in plain(remove_spans(text, links)) or len(links) >= 2


def _labels_only(text: str, links: list[RawLink]) -> str:
    """text with each link replaced by its label."""
    for link in reversed(links):
        text = text[: link.start] + link.label + text[link.end :]
    return text


def _emphasised(text: str) -> bool:
    """True for a line wrapped in `_…_`, `*…*`, `<i>…</i>` or `<em>…</em>` emphasis."""
    stripped = text.strip()
    if stripped[:2].lower() in ("<i", "<e") and stripped[-1:] == ">":
        return True
    return len(stripped) > 2 and stripped[0] in "_*" and stripped.rstrip("\\ ")[-1:] in "_*"


def _looks_like_venue(text: str) -> bool:
    """True for a line that reads as a venue rather than a list of names."""
    return bool(_YEAR.search(text)) and (bool(_VENUE_WORDS.search(text)) or "," not in text)


def _add_link(state: EntryState, label: str, url: str) -> None:
    """Append a cleaned link, dropping empty and "#" placeholders and repeats."""
    target = clean_url(url)
    if not target or target.startswith("#") or target.lower().startswith("javascript:"):
        return
    name = plain(label).strip(" |") or "Link"
    if any(link.url == target and link.label == name for link in state.links):
        return
    state.links.append(Link(label=name, url=target))


def abstract_text(lines: list[str]) -> str:
    """Abstract block text with HTML removed and whitespace normalised."""
    text = "\n".join(lines)
    if "<summary" in text or "<SUMMARY" in text:
        text = _SUMMARY.sub("\n", text)
    if "<" in text:
        text = _PARAGRAPH_TAG.sub("\n\n", text)
        text = strip_tags(text)
    return clean_block(html.unescape(text) if "&" in text else text)


def _is_abstract(lines: list[str]) -> bool:
    """False for an empty block or a <details> block that holds a BibTeX entry or the like."""
    if not lines:
        return False
    head = "\n".join(lines[:3])
    summary = _SUMMARY.search(head) if "<summary" in head.lower() else None
    if summary is not None and _NOT_ABSTRACT.search(summary.group("text")):
        return False
    return not strip_tags(head).lstrip().startswith("@")


def build_paper(entry: RawEntry, *, source: str, locator: str,
                page_notes: list[str]) -> tuple[Paper | None, list[ImportWarning]]:
    """The Paper for an entry, or None (with a warning) when it is not a paper."""
    warnings: list[ImportWarning] = []
    state = EntryState()
    state.add_badges(entry.badges)
    gap = False
    for _, line in entry.body:
        if not line:
            gap = True
            continue
        _read_line(state, strip_attrs(line), gap)
    abstract = abstract_text(entry.abstract) if _is_abstract(entry.abstract) else ""
    if _PLACEHOLDER.search(entry.title):
        state.placeholder = True
    if not (state.authors or state.venue or state.links or abstract or state.placeholder):
        warnings.append(ImportWarning(source, entry.line,
                                      f"skipped bold line {entry.title[:60]!r}: no authors, "
                                      "venue, links or abstract follow it"))
        return None, warnings
    paper = Paper(title=clean_inline(entry.title))
    if entry.title_url:
        state.links.insert(0, Link(label="Paper", url=entry.title_url))
    authors = state.authors or Authors()
    paper.authors = authors.names
    paper.author_marks = authors.marks
    paper.authors_truncated = authors.truncated
    notes = authors.notes + state.notes
    marks = "".join(authors.marks.values())
    for note in page_notes:
        if any(c in note for c in marks) and note not in notes:
            notes.append(note)
    paper.author_notes = notes
    if state.venue is not None:
        paper.venue = state.venue.printed
        paper.venue_short = state.venue.short
        paper.year = state.venue.year
        state.add_badges(state.venue.badges)
    if paper.year is None and entry.year_hint is not None:  # under a "## 2023" heading
        paper.year = entry.year_hint
        if paper.venue_short:
            paper.venue_short = f"{paper.venue_short} {paper.year}"
    paper.links = state.links
    paper.badges = state.badges
    paper.abstract = abstract
    paper.has_code = any("code" in link.label.lower() for link in state.links)
    paper.placeholder = state.placeholder or not (state.links or abstract)
    for link in state.links:
        found = _ARXIV.search(link.url) if "rxiv" in link.url.lower() else None
        if found and not paper.arxiv_id:
            paper.arxiv_id = found.group("id")
        doi = _DOI.search(link.url) if "10." in link.url else None
        if doi and not paper.doi:
            paper.doi = doi.group("doi").rstrip(".")
    if entry.abstract_id or state.toggle_id:
        paper.extra["abstract_id"] = entry.abstract_id or state.toggle_id
    if state.awards:
        paper.extra["award"] = "; ".join(state.awards)
    if state.texts:
        paper.extra["note"] = "; ".join(state.texts)
    paper.provenance = [Provenance(source=source, importer=IMPORTER_NAME, locator=locator,
                                   line=entry.line)]
    return paper, warnings
