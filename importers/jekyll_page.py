"""Scanning a lab-site page line by line into nav entries, a heading and raw paper entries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.base import ImportWarning
from importers.frontmatter import FrontMatter, split_front_matter
from importers.jekyll_authors import is_note, plain_note
from importers.jekyll_lines import NavLink, heading, is_rule, nav_links, title_match
from importers.jekyll_markup import normalize_permalink, permalink_segments, split_br

_DIV_OPEN = re.compile(r"<div\b[^<>]*>", re.I)
_DIV_ANY = re.compile(r"<div\b", re.I)
_DIV_CLOSE = re.compile(r"</div\s*>", re.I)
_ID = re.compile(r"\bid\s*=\s*[\"']?([^\"'\s<>]+)", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|class\s*=\s*[\"']?[^\"'<>]*\babs", re.I)
# Lines that can end an abstract left open start with one of these (titles, rules, nav…).
_STRUCTURE_START = frozenset("*_#-<[+0123456789")
_COMMENTS = (("<!--", "-->"), ("{% comment %}", "{% endcomment %}"))


@dataclass(slots=True)
class RawEntry:
    """The lines of one paper entry, as found on the page."""

    line: int
    title: str
    badges: list[str] = field(default_factory=list)
    title_url: str = ""
    body: list[tuple[int, str]] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    abstract_id: str = ""
    abstract_line: int | None = None
    extra_abstracts: int = 0


@dataclass(slots=True)
class PageData:
    """Everything read from one page, before it is turned into records."""

    source: str
    front: FrontMatter
    permalink: str = ""
    nav: list[NavLink] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    entries: list[RawEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The page's `##` heading, else its first heading of any level."""
        for level, text in self.headings:
            if level == 2:
                return text
        return self.headings[0][1] if self.headings else ""

    @property
    def topic(self) -> str:
        """First permalink segment ("manipulation"), or "" when unknown."""
        segments = permalink_segments(self.permalink)
        return segments[0] if segments else ""


def normalize_text(text: str) -> str:
    """Drop a BOM and make every line ending a plain newline."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def remove_comments(body: str, *, source: str, first_line: int,
                    warnings: list[ImportWarning]) -> str:
    """Blank out `<!-- -->` (and Liquid) comments, keeping line numbers.

    A comment that is never closed is shown as text by kramdown, so only its opening marker
    is dropped, with a warning.
    """
    for opener, closer in _COMMENTS:
        if opener not in body:
            continue
        out: list[str] = []
        pos = 0
        while True:
            start = body.find(opener, pos)
            if start < 0:
                out.append(body[pos:])
                break
            end = body.find(closer, start + len(opener))
            out.append(body[pos:start])
            if end < 0:
                line = first_line + body.count("\n", 0, start)
                warnings.append(ImportWarning(source, line, f"comment {opener} is never closed; "
                                              "the rest of the page is read as text"))
                out.append(body[start + len(opener) :].replace(opener, ""))
                break
            out.append("\n" * body.count("\n", start, end))
            pos = end + len(closer)
        body = "".join(out)
    return body


def scan_page(text: str, *, source: str) -> PageData:
    """Read one page; raises ImporterError only for malformed front matter."""
    lines = normalize_text(text).split("\n")
    front = split_front_matter(lines, source=source)
    page = PageData(source=source, front=front)
    raw_permalink = front.get("permalink")
    if raw_permalink:
        page.permalink = normalize_permalink(raw_permalink)
    body = "\n".join(lines[front.body_start :])
    body = remove_comments(body, source=source, first_line=front.body_start + 1,
                           warnings=page.warnings)
    _Scanner(page).run(body.split("\n"), front.body_start + 1)
    return page


class _Scanner:
    """The line-by-line state machine: outside entries, inside an entry, inside an abstract."""

    def __init__(self, page: PageData) -> None:
        """Start outside any entry."""
        self.page = page
        self.entry: RawEntry | None = None
        self.abstract: list[str] | None = None
        self.target: RawEntry | None = None
        self.depth = 0

    def warn(self, line: int, message: str) -> None:
        """Record a warning for this page."""
        self.page.warnings.append(ImportWarning(self.page.source, line, message))

    def run(self, lines: list[str], first_line: int) -> None:
        """Scan every line (cut at <br>) in order."""
        subs: list[tuple[int, str]] = []
        for offset, line in enumerate(lines):
            for part in split_br(line):
                subs.append((first_line + offset, part))
        prev_nav = False
        for index, (number, sub) in enumerate(subs):
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
        if "</" in sub and _DIV_CLOSE.search(sub):
            opened = len(_DIV_ANY.findall(sub))
            for match in _DIV_CLOSE.finditer(sub):
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
            self.warn(number, "abstract block has no closing </div>; it ends here")
            self.finish_abstract()
            return sub
        self.depth += len(_DIV_ANY.findall(sub)) if "<" in sub else 0
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
            self.warn(number, "abstract block has no closing </div>; it ends here")
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
            level, text = found
            if text:
                self.page.headings.append((level, text))
            return False
        links = nav_links(stripped, strong_only=False)
        if links and self.accept_nav(stripped, links, prev_nav, subs, index):
            self.close_entry(number)
            self.page.nav.extend(links)
            return True
        title = title_match(stripped)
        if title is not None:
            self.close_entry(number)
            self.entry = RawEntry(line=number, title=title.text, badges=title.badges,
                                  title_url=title.url)
            return False
        div = _DIV_OPEN.search(stripped) if "<div" in stripped.lower() else None
        if div is not None and _HIDDEN.search(div.group(0)):
            self.open_abstract(number, stripped, div)
            return False
        if self.entry is not None:
            self.entry.body.append((number, stripped))
        elif is_note(stripped):
            self.page.notes.append(plain_note(stripped))
        return False

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
