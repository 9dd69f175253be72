"""The line-by-line state machine that cuts a lab-site page body into nav, headings, entries."""

from __future__ import annotations

import re

from importers.base import MAX_ENTRIES, ImportWarning, too_many_entries
from importers.jekyll.authors import is_note, plain_note
from importers.jekyll.lines import (
    NavLink,
    TitleMatch,
    heading,
    heading_title,
    is_rule,
    nav_links,
    title_match,
)
from importers.jekyll.markup import normalize_permalink, permalink_segments, split_br
from importers.jekyll.model import PageData, RawEntry, heading_year
from importers.venue import BADGE_PATTERNS, find_badges

# A block that hides an abstract: a hidden <div>/<p>/<span>, or any <details>.
_BLOCK_OPEN = re.compile(r"<(div|details|p|span|section)\b[^<>]*>", re.I)
_ID = re.compile(r"\bid\s*=\s*[\"']?([^\"'\s<>]+)", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|class\s*=\s*[\"']?[^\"'<>]*\babs", re.I)
_TAGS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    tag: (re.compile(rf"<{tag}\b", re.I), re.compile(rf"</{tag}\s*>", re.I))
    for tag in ("div", "details", "p", "span", "section")
}
# Lines that can end an abstract left open start with one of these (titles, rules, nav…).
_STRUCTURE_START = frozenset("*_#-<[+0123456789")
# Words an award line may hold besides the badge itself ("ICCV 2023 Best Paper Award").
_AWARD_WORDS = re.compile(r"\b(?:award|prize|winner|finalist|nominee|nominated|honou?rable|"
                          r"mention|selected|candidate|runner[- ]up)\b", re.I)
_AWARD_HINTS = ("oral", "spotlight", "highlight", "best", "early", "press", "new", "award",
                "prize", "winner", "finalist", "nomin", "honor", "honour", "mention", "selected",
                "candidate", "runner")
_AWARD_FILLER = re.compile(r"\b(?:[A-Z][A-Za-z\-]*[A-Z][A-Za-z\-]*|(?:19|20)\d{2}|the|of|at|"
                           r"in|for|as|an?)\b|[()!:,.&\-–—]")


def is_award(text: str) -> bool:
    """True for a bold line that is an award or highlight ("Best Paper Award"), not a title."""
    if len(text) > 60:
        return False
    low = text.lower()
    if not any(word in low for word in _AWARD_HINTS) or not (
            find_badges(text) or _AWARD_WORDS.search(text)):
        return False
    rest = _AWARD_WORDS.sub(" ", text)
    for pattern, _ in BADGE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return not _AWARD_FILLER.sub(" ", rest).split()


MAX_LINES = 200_000  # ~30 MB of real entries (150 characters a line); 5 s of CPU at most
MAX_LINE = 20_000  # characters read of one line (a long nav bar or abstract fits easily)


class Scanner:
    """Outside entries, inside an entry, or inside a hidden abstract block."""

    def __init__(self, page: PageData) -> None:
        """Start outside any entry."""
        self.page = page
        self.entry: RawEntry | None = None
        self.abstract: list[str] | None = None
        self.target: RawEntry | None = None
        self.depth = 0
        self.tag = "div"
        self.skip = 0
        self.year: int | None = None

    def warn(self, line: int, message: str) -> None:
        """Record a warning for this page."""
        self.page.warnings.append(ImportWarning(self.page.source, line, message))

    def run(self, lines: list[str], first_line: int) -> None:
        """Scan every line (cut at <br>) in order, within the size limits of a page."""
        if len(lines) > MAX_LINES:
            self.warn(first_line + MAX_LINES, f"page has {len(lines):,} lines; only the first "
                      f"{MAX_LINES:,} are read (lines after that skipped)")
            lines = lines[:MAX_LINES]
        long_lines = [n for n, line in enumerate(lines, first_line) if len(line) > MAX_LINE]
        if long_lines:
            self.warn(long_lines[0], f"{len(long_lines)} line(s) over {MAX_LINE:,} characters; "
                      "the rest of each is skipped")
            lines = [line[:MAX_LINE] for line in lines]
        subs: list[tuple[int, str]] = []
        for number, line in enumerate(lines, first_line):
            if "<br" not in line and "<BR" not in line:
                subs.append((number, line))
                continue
            # "Title <br>" ends a line, not a paragraph: empty pieces are dropped.
            parts = [p for p in split_br(line) if p.strip()] or [""]
            subs.extend((number, part) for part in parts)
        prev_nav = False
        for index, (number, sub) in enumerate(subs):
            if len(self.page.entries) >= MAX_ENTRIES:  # the open entry is one too many
                cut = self.entry.line if self.entry is not None else number
                self.page.warnings.append(too_many_entries(
                    self.page.source, cut, MAX_ENTRIES, len(lines) + first_line - cut))
                self.entry = self.abstract = None
                return
            if self.skip:
                self.skip -= 1
                continue
            if self.abstract is not None:
                rest = self.in_abstract(number, sub)
                if rest is None:
                    continue
                sub = rest
            prev_nav = self.outside(number, sub, prev_nav, subs, index)
        self.close_entry(len(lines) + first_line)

    def in_abstract(self, number: int, sub: str) -> str | None:
        """Feed a line to the open abstract; returns text to process normally, if any."""
        assert self.abstract is not None
        opener, closer = _TAGS[self.tag]
        if "</" in sub and closer.search(sub):
            opened = len(opener.findall(sub))
            for match in closer.finditer(sub):
                self.depth += opened - 1
                opened = 0
                if self.depth <= 0:
                    before = sub[: match.start()]
                    # "## </div>": markup left in front of the closing tag is not text.
                    self.abstract.append(before if before.strip(" \t#>*_-") else "")
                    self.finish_abstract()
                    rest = sub[match.end() :]
                    return rest if rest.strip() else None
            self.abstract.append(sub)
            return None
        stripped = sub.strip()
        if stripped and stripped[0] in _STRUCTURE_START and (
                title_match(stripped) is not None or is_rule(stripped)
                or _has_heading(stripped) or nav_links(stripped, strong_only=True)):
            self.warn(number, f"abstract block has no closing </{self.tag}>; it ends here")
            self.finish_abstract()
            return sub
        self.depth += len(opener.findall(sub)) if "<" in sub else 0
        self.abstract.append(sub)
        return None

    def finish_abstract(self) -> None:
        """Close the abstract block and bind it to its entry (if any)."""
        if self.target is not None and self.abstract is not None:
            self.target.abstract = self.abstract
        self.abstract = None
        self.target = None
        self.depth = 0

    def open_abstract(self, number: int, sub: str, match: re.Match[str]) -> None:
        """Start collecting a hidden abstract block for the current entry."""
        self.abstract = []
        self.target = None
        self.depth = 1
        self.tag = match.group(1).lower()
        if self.entry is None:
            self.warn(number, "abstract block outside any entry; ignored")
        elif self.entry.abstract_line is not None:
            self.entry.extra_abstracts += 1
            self.warn(number, "second abstract block for one entry; ignored")
        else:
            self.target = self.entry
            self.entry.abstract_line = number
            ident = _ID.search(match.group(0))
            self.entry.abstract_id = ident.group(1) if ident else ""
        rest = sub[match.end() :]
        if rest:
            inner = self.in_abstract(number, rest)
            if inner is not None and inner.strip():
                self.outside(number, inner, False, [], 0)

    def close_entry(self, number: int) -> None:
        """End the current entry (and any abstract left open)."""
        if self.abstract is not None:
            self.warn(number, f"abstract block has no closing </{self.tag}>; it ends here")
            self.finish_abstract()
        if self.entry is not None:
            self.page.entries.append(self.entry)
            self.entry = None

    def outside(self, number: int, sub: str, prev_nav: bool,
                subs: list[tuple[int, str]], index: int) -> bool:
        """Handle a line outside any abstract; returns whether it was a nav line."""
        stripped = sub.strip()
        if not stripped:
            if self.entry is not None and (not self.entry.body or self.entry.body[-1][1]):
                self.entry.body.append((number, ""))  # paragraph break
            return prev_nav
        if is_rule(stripped):
            self.close_entry(number)
            return False
        found = heading(stripped)
        if found is not None:
            self.close_entry(number)
            titled = heading_title(stripped, [s for _, s in subs[index + 1 : index + 4]])
            if titled is not None:
                self.entry = RawEntry(line=number, title=titled.text, badges=titled.badges,
                                      title_url=titled.url, year_hint=self.year)
                return False
            level, text = found
            if text:
                self.page.headings.append((level, text))
                self.year = heading_year(text)
            return False
        links = nav_links(stripped, strong_only=False)
        if links and self.accept_nav(stripped, links, prev_nav, subs, index):
            self.close_entry(number)
            self.page.nav.extend(links)
            return True
        title = title_match(stripped)
        if title is None and stripped[:2] in ("**", "__") and stripped.count(stripped[:2]) == 1:
            title = self.joined_title(stripped, subs, index)
        if title is not None and not (self.entry is not None and is_award(title.text)):
            self.close_entry(number)
            self.entry = RawEntry(line=number, title=title.text, badges=title.badges,
                                  title_url=title.url, year_hint=self.year)
            return False
        block = _BLOCK_OPEN.search(stripped) if "<" in stripped else None
        if block is not None and (_HIDDEN.search(block.group(0)) or (
                block.group(1).lower() == "details" and self.entry is not None)):
            self.open_abstract(number, stripped, block)
            return False
        if self.entry is not None:
            self.entry.body.append((number, stripped))
        elif is_note(stripped):
            self.page.notes.append(plain_note(stripped))
        return False

    def joined_title(self, first: str, subs: list[tuple[int, str]],
                     index: int) -> TitleMatch | None:
        """A bold title wrapped over up to three lines ("**Learning to See\\nin the Dark**")."""
        delim = first[:2]
        text = first
        for used, (_, nxt) in enumerate(subs[index + 1 : index + 3], 1):
            part = nxt.strip()
            if not part or is_rule(part) or part.startswith("#"):
                return None
            text = f"{text} {part}"
            if delim in part:
                found = title_match(text)
                if found is not None:
                    self.skip = used
                return found
        return None

    def accept_nav(self, stripped: str, links: list[NavLink], prev_nav: bool,
                   subs: list[tuple[int, str]], index: int) -> bool:
        """Decide whether a line of site links is part of the navigation bar."""
        if any(link.marked for link in links) or stripped.startswith(("**[", "__[")):
            return True
        topic = self.page.topic
        if self.entry is not None:
            # Inside an entry, plain site links are the entry's own unless they stay in topic.
            return bool(topic) and all(_in_topic(link.target, topic) for link in links)
        if len(links) >= 2 or stripped.endswith("|") or prev_nav:
            return True
        for _, nxt in subs[index + 1 : index + 3]:
            if nxt.strip():
                return bool(nav_links(nxt.strip(), strong_only=False))
        return False


def _in_topic(target: str, topic: str) -> bool:
    """True when a nav target lies under the page's topic."""
    segments = permalink_segments(normalize_permalink(target))
    return bool(segments) and segments[0].lower() == topic.lower()


def _has_heading(stripped: str) -> bool:
    """True for a Markdown heading with some text."""
    found = heading(stripped)
    return found is not None and bool(found[1])
