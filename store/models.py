"""Plain model objects shared by the store, the importers and the UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from store.text import normalize_title


@dataclass(slots=True)
class Link:
    """A labelled link of a paper, in the order the source printed it."""

    label: str
    url: str


@dataclass(slots=True)
class SectionRef:
    """A paper's membership in one section (tab) of a collection."""

    collection: str
    section: str
    label: str


@dataclass(slots=True)
class Provenance:
    """Where a paper was seen: which source, which importer, and where in it."""

    source: str
    importer: str
    locator: str = ""
    line: int | None = None


@dataclass(slots=True)
class Paper:
    """One publication, as merged from every source that lists it."""

    id: str = ""
    title: str = ""
    authors: list[str] = field(default_factory=list)
    authors_truncated: bool = False
    author_marks: dict[str, str] = field(default_factory=dict)
    author_notes: list[str] = field(default_factory=list)
    year: int | None = None
    date: str = ""
    venue: str = ""
    venue_short: str = ""
    category: str = ""
    abstract: str = ""
    links: list[Link] = field(default_factory=list)
    arxiv_id: str = ""
    doi: str = ""
    comments: str = ""
    badges: list[str] = field(default_factory=list)
    sections: list[SectionRef] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)
    has_code: bool = False
    placeholder: bool = False
    keywords: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def display_title(self) -> str:
        """Title to show; an untitled listing entry shows its arXiv id."""
        if self.title:
            return self.title
        return f"(untitled) arXiv:{self.arxiv_id}" if self.arxiv_id else "(untitled)"

    @property
    def first_author(self) -> str:
        """First author, with "et al." when there are more or the list was truncated."""
        if not self.authors:
            return ""
        more = len(self.authors) > 1 or self.authors_truncated
        return f"{self.authors[0]} et al." if more else self.authors[0]

    @property
    def primary_url(self) -> str:
        """The first link's URL, else an arXiv or DOI URL, else empty."""
        if self.links:
            return self.links[0].url
        if self.arxiv_id:
            return f"https://arxiv.org/abs/{self.arxiv_id}"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict of every field."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        """Build a Paper from a dict, ignoring unknown keys and tolerating missing ones."""
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        kw["links"] = [Link(**link) for link in data.get("links", [])]
        kw["sections"] = [SectionRef(**s) for s in data.get("sections", [])]
        kw["provenance"] = [Provenance(**p) for p in data.get("provenance", [])]
        for key in ("id", "title", "arxiv_id", "doi"):
            if key in kw and kw[key] is not None:
                kw[key] = str(kw[key])
        return cls(**kw)


@dataclass(slots=True)
class Section:
    """One tab: a page of a site topic, a profile, or a listing."""

    id: str
    collection: str
    label: str
    heading: str = ""
    order: int = 0
    permalink: str = ""
    page: str = ""
    imported: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        """Build from a dict, ignoring unknown keys."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(slots=True)
class Collection:
    """A group of sections: a site topic, a researcher's profile, or a listing."""

    id: str
    kind: str
    title: str
    meta: dict[str, str] = field(default_factory=dict)
    order: int = 0
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Collection:
        """Build from a dict, ignoring unknown keys."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


COLLECTION_KINDS = ("site", "profile", "listing", "bibtex", "arxiv")


def paper_key(paper: Paper) -> str:
    """The identity string a new paper's id is derived from."""
    if paper.arxiv_id:
        return f"arxiv:{paper.arxiv_id.lower()}"
    if paper.doi:
        return f"doi:{paper.doi.lower()}"
    if paper.title:
        return f"title:{normalize_title(paper.title)}"
    return f"abstract:{normalize_title(paper.abstract)[:400]}"


def make_paper_id(paper: Paper) -> str:
    """A short, stable, always-alphabetic-prefixed id for a new paper."""
    import hashlib  # (late: a lookup that reads papers never makes ids)

    digest = hashlib.sha1(paper_key(paper).encode("utf-8")).hexdigest()
    return f"p{digest[:9]}"


@dataclass(slots=True)
class Annotation:
    """A user's own marks on a paper; kept apart from the library."""

    read: bool = False
    starred: bool = False
    tags: list[str] = field(default_factory=list)
    note: str = ""
    last_opened: str = ""

    def is_empty(self) -> bool:
        """True when nothing is marked, so the record need not be stored."""
        return not (self.read or self.starred or self.tags or self.note or self.last_opened)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        """Build from a dict, ignoring unknown keys."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(slots=True)
class Row:
    """The compact list-view form of a paper: what the table needs for its first paint."""

    id: str
    title: str
    first_author: str
    venue_short: str
    year: int | None
    category: str = ""
    has_code: bool = False
    has_abstract: bool = False
    sections: list[str] = field(default_factory=list)

    @classmethod
    def from_paper(cls, paper: Paper) -> Row:
        """The row for a paper."""
        return cls(
            id=paper.id,
            title=paper.display_title,
            first_author=paper.first_author,
            venue_short=paper.venue_short,
            year=paper.year,
            category=paper.category,
            has_code=any("code" in link.label.lower() and link.url.strip() for link in paper.links),
            has_abstract=bool(paper.abstract),
            sections=[ref.section for ref in paper.sections],
        )


@dataclass(slots=True)
class SourceRecord:
    """One imported source: where it came from and what it gave."""

    id: str
    importer: str
    path: str = ""
    digest: str = ""
    imported_at: str = ""
    papers: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class ImportSummary:
    """What an import did: counts of new, updated and merged papers, and what it skipped."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    possible_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    dry_run: bool = False
