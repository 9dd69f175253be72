"""Whole-site import: every topic page of a Jekyll lab site, with each topic's nav order."""

from __future__ import annotations

import gc
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from importers.base import ImporterError, ImportResult, ImportWarning
from importers.jekyll.entry import build_paper
from importers.jekyll.markup import normalize_permalink, permalink_segments
from importers.jekyll.merge import PaperRegistry
from importers.jekyll.page import PageData, scan_page
from store.models import Collection, Section, SectionRef
from store.text import clean_inline, slugify


@dataclass(slots=True)
class _NavSlot:
    """One section of a topic while it is being assembled."""

    key: str
    label: str
    permalink: str
    linked_from: str
    pages: list[PageData] = field(default_factory=list)


@dataclass(slots=True)
class _Topic:
    """The pages and nav order of one topic (one collection)."""

    segment: str
    pages: list[PageData] = field(default_factory=list)
    slots: dict[str, _NavSlot] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


def ensure_permalink(page: PageData) -> None:
    """Give a page without a front-matter permalink one derived from its file path."""
    if page.permalink:
        return
    path = page.source.replace("\\", "/")
    parts = [p for p in path.split("/") if p and p not in (".", "..")]
    while parts and parts[0].startswith("_"):
        parts = parts[1:]
    if parts:
        stem = posixpath.splitext(parts[-1])[0]
        parts[-1] = stem
    if len(parts) < 2:
        topic = slugify(page.front.get("title")) if page.front.get("title") else "site"
        parts = [topic] + (parts or ["index"])
    page.permalink = normalize_permalink("/" + "/".join(parts))


def nav_target(target: str, page: PageData) -> str:
    """The permalink a nav link points to; relative links prefer a sibling page of the topic.

    A page whose permalink ends in "/" is served as a folder, so a browser resolves
    "../registration.html" against it, while authors usually mean "sibling" for a bare
    "segmentation": of the two readings, the one that stays a sibling of the page wins.
    """
    plain = normalize_permalink(target, base=page.permalink)
    if not page.dir_permalink or target.lstrip().startswith(("/", "{")):
        return plain
    folder = normalize_permalink(target, base=page.permalink + "/")
    depth = len(permalink_segments(page.permalink))
    for candidate in (folder, plain):
        segments = permalink_segments(candidate)
        if len(segments) == depth and segments[0].lower() == page.topic.lower():
            return candidate
    return plain


def _page_nav(page: PageData) -> list[tuple[str, str, str]]:
    """(key, label, permalink) for each nav link of a page that stays in its topic."""
    seen: set[str] = set()
    inside: list[tuple[str, str, str]] = []
    outside: list[tuple[str, str, str]] = []
    for link in page.nav:
        permalink = nav_target(link.target, page)
        key = permalink.lower()
        if key in seen or key == "/":
            continue
        seen.add(key)
        segments = permalink_segments(permalink)
        same = bool(segments) and segments[0].lower() == page.topic.lower()
        (inside if same else outside).append((key, link.label, permalink))
    return inside or outside


def _current_key(page: PageData) -> str:
    """The nav key of the page itself: its permalink, else the ▼-marked entry."""
    own = page.permalink.lower()
    keys = [key for key, _, _ in _page_nav(page)]
    if own in keys:
        return own
    for link in page.nav:
        if link.current:
            return nav_target(link.target, page).lower()
    return own


def _build_topic(topic: _Topic) -> None:
    """Merge the nav bars of a topic's pages into one ordered list of slots."""
    for page in topic.pages:
        previous: str | None = None
        for key, label, permalink in _page_nav(page):
            if key not in topic.slots:
                topic.slots[key] = _NavSlot(key, label, permalink, page.source)
                at = topic.order.index(previous) + 1 if previous is not None else 0
                topic.order.insert(at, key)
            previous = key
    for page in topic.pages:
        key = _current_key(page)
        if key not in topic.slots:
            label = (page.heading or page.front.get("excerpt") or page.front.get("title")
                     or (permalink_segments(page.permalink) or ["index"])[-1])
            topic.slots[key] = _NavSlot(key, clean_inline(label), page.permalink, page.source)
            topic.order.append(key)
        topic.slots[key].pages.append(page)


def assemble(pages: list[PageData], *, site: bool) -> ImportResult:
    """Collections, sections and merged papers for scanned pages (one page or a site)."""
    result = ImportResult()
    topics: dict[str, _Topic] = {}
    for page in pages:
        ensure_permalink(page)
        result.warnings.extend(page.warnings)
        segment = page.topic or "site"
        topics.setdefault(slugify(segment), _Topic(segment)).pages.append(page)
    registry = PaperRegistry()
    for order, (slug, topic) in enumerate(topics.items()):
        cid = f"site:{slug}"
        _build_topic(topic)
        first = topic.pages[0]
        result.collections.append(Collection(
            id=cid, kind="site", title=clean_inline(first.front.get("title")) or topic.segment,
            meta={"topic": topic.segment, "excerpt": clean_inline(first.front.get("excerpt"))},
            order=order, source=first.source))
        used: set[str] = set()
        for index, key in enumerate(topic.order):
            slot = topic.slots[key]
            sid = _section_id(cid, slot.permalink, used)
            owner = slot.pages[0] if slot.pages else None
            result.sections.append(Section(
                id=sid, collection=cid, label=slot.label, heading=owner.heading if owner else "",
                order=index, permalink=slot.permalink, page=owner.source if owner else "",
                imported=owner is not None))
            if owner is None and site:
                result.warnings.append(ImportWarning(slot.linked_from, None,
                                                     f"nav entry {slot.label!r} links to "
                                                     f"{slot.permalink}, but no page has "
                                                     "that permalink"))
            if len(slot.pages) > 1:
                names = ", ".join(p.source for p in slot.pages)
                result.warnings.append(ImportWarning(slot.pages[1].source, None,
                                                     f"pages {names} share the permalink "
                                                     f"{slot.permalink}; their entries are "
                                                     "merged into one section"))
            ref = SectionRef(collection=cid, section=sid, label=slot.label)
            for page in slot.pages:
                _add_papers(page, ref, registry, result)
    result.papers = registry.papers()
    return result


def _add_papers(page: PageData, ref: SectionRef, registry: PaperRegistry,
                result: ImportResult) -> None:
    """Build each entry's paper and merge it into the registry under section ref."""
    seen: set[int] = set()
    for entry in page.entries:
        try:
            paper, warnings = build_paper(entry, source=page.source, locator=page.permalink,
                                          page_notes=page.notes)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError,
                RecursionError) as exc:
            result.warnings.append(ImportWarning(page.source, entry.line,
                                                 f"entry skipped: {exc.__class__.__name__}"))
            continue
        result.warnings.extend(warnings)
        if paper is None:
            continue
        paper.sections = [SectionRef(ref.collection, ref.section, ref.label)]
        key = registry.add(paper)
        if key in seen:
            result.warnings.append(ImportWarning(page.source, entry.line,
                                                 f"{paper.title[:60]!r} is listed twice on "
                                                 "this page; the entries are merged"))
        seen.add(key)


def _section_id(cid: str, permalink: str, used: set[str]) -> str:
    """`<collection id>/<page slug>`, made unique within the collection."""
    segments = permalink_segments(permalink)
    base = f"{cid}/{slugify(segments[-1]) if segments else 'index'}"
    sid, n = base, 2
    while sid in used:
        sid, n = f"{base}-{n}", n + 1
    used.add(sid)
    return sid


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small, acyclic records are built.

    A site import allocates hundreds of thousands of small lists and dicts, none of them in
    reference cycles; with a large library already in memory, the collector's full passes
    over it cost more than the parse itself. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_site(pages: list[tuple[str, str]], *, today: date) -> ImportResult:
    """Import every topic page of a site: (relative path, text) pairs from its `_pages/`."""
    del today  # pages carry no relative dates
    with gc_paused():
        return _parse_site(pages)


def _parse_site(pages: list[tuple[str, str]]) -> ImportResult:
    """parse_site proper."""
    scanned: list[PageData] = []
    skipped: list[ImportWarning] = []
    for path, text in sorted(pages, key=lambda p: p[0]):
        try:
            page = scan_page(text, source=path)
        except ImporterError as exc:
            skipped.append(ImportWarning(exc.source or path, exc.line,
                                         f"page skipped: {exc.message}"))
            continue
        if not page.entries and not page.nav:
            skipped.append(ImportWarning(path, None, "not a topic page (no nav bar or paper "
                                         "entries); skipped"))
            continue
        scanned.append(page)
    result = assemble(scanned, site=True)
    result.warnings[:0] = skipped
    return result
