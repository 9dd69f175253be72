"""What scanning a lab-site page yields: raw entries and page data, before records are built."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.base import ImportWarning
from importers.frontmatter import FrontMatter
from importers.jekyll.lines import NavLink
from importers.jekyll.markup import permalink_segments

# A heading that only names a year ("2023", "Year 2023", "2023 Papers") groups entries by year.
_YEAR_HEADING = re.compile(r"^(?:year\s+)?((?:19|20)\d{2})(?:\s+(?:papers|publications))?$",
                           re.I)


def heading_year(text: str) -> int | None:
    """The year named by a year-only heading such as "2023", else None."""
    match = _YEAR_HEADING.match(text.strip(" :."))
    return int(match.group(1)) if match else None


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
    year_hint: int | None = None


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
        """The page's `##` heading, else its first heading; year-only headings do not count."""
        named = [(level, text) for level, text in self.headings if heading_year(text) is None]
        for level, text in named:
            if level == 2:
                return text
        return named[0][1] if named else ""

    @property
    def topic(self) -> str:
        """First permalink segment ("manipulation"), or "" when unknown."""
        segments = permalink_segments(self.permalink)
        return segments[0] if segments else ""

    @property
    def dir_permalink(self) -> bool:
        """True when the front-matter permalink ends in "/" (the page is served as a folder)."""
        return self.front.get("permalink").strip().endswith("/")
