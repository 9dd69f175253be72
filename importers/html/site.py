"""Assembling read pages into collections (topics), sections (tabs, in nav order) and papers."""

from __future__ import annotations

from dataclasses import dataclass, field

from importers.base import ImportResult, ImportWarning
from importers.html.nav import NavItem
from importers.html.page import PageRead
from store.models import Collection, Paper, Section, SectionRef, make_paper_id, paper_key
from store.text import clean_inline, slugify


@dataclass(slots=True)
class _Slot:
    """One tab of a topic while it is assembled."""

    label: str
    permalink: str
    pages: list[PageRead] = field(default_factory=list)


def _merge_nav(pages: list[PageRead]) -> tuple[dict[str, _Slot], list[str]]:
    """Every page's nav merged into one order (a link seen later goes after its neighbour)."""
    slots: dict[str, _Slot] = {}
    order: list[str] = []
    for page in pages:
        previous: str | None = None
        for item in page.nav:
            key = item.permalink.lower()
            if key not in slots:
                slots[key] = _Slot(item.label, item.permalink)
                order.insert(order.index(previous) + 1 if previous is not None else len(order),
                             key)
            previous = key
    for page in pages:
        key = _own_key(page)
        if key not in slots:
            label = page.title or page.heading or page.permalink.strip("/").split("/")[-1]
            slots[key] = _Slot(clean_inline(label), page.permalink)
            order.append(key)
        slots[key].pages.append(page)
    return slots, order


def _own_key(page: PageRead) -> str:
    """The nav key of a page: its permalink, else its ▼-marked nav entry."""
    own = page.permalink.lower()
    if any(item.permalink.lower() == own for item in page.nav):
        return own
    current: list[NavItem] = [item for item in page.nav if item.current]
    return current[0].permalink.lower() if len(current) == 1 else own


def _section_id(cid: str, permalink: str, used: set[str]) -> str:
    """`<collection>/<last permalink segment>`, unique within the collection."""
    segments = [s for s in permalink.split("/") if s]
    base = f"{cid}/{slugify(segments[-1]) if segments else 'index'}"
    sid, n = base, 2
    while sid in used:
        sid, n = f"{base}-{n}", n + 1
    used.add(sid)
    return sid


def _merge_into(kept: Paper, other: Paper) -> None:
    """Fold a second listing of the same paper into the first: sections and empty fields."""
    for ref in other.sections:
        if all(r.section != ref.section for r in kept.sections):
            kept.sections.append(ref)
    for name in ("abstract", "venue", "venue_short", "doi", "arxiv_id", "date"):
        if not getattr(kept, name) and getattr(other, name):
            setattr(kept, name, getattr(other, name))
    if kept.year is None:
        kept.year = other.year
    for link in other.links:
        if all(link.url != have.url for have in kept.links):
            kept.links.append(link)
    kept.provenance.extend(other.provenance)


def assemble(pages: list[PageRead], *, site: bool, quiet: bool = False) -> ImportResult:
    """Collections, sections and merged papers for read pages (one page or a whole site)."""
    result = ImportResult()
    topics: dict[str, list[PageRead]] = {}
    for page in pages:
        result.warnings.extend(page.warnings)
        if not page.papers and not page.nav:
            if quiet or not site:
                continue
            result.warnings.append(ImportWarning(page.source, None,
                                                 "no publications on this page; skipped"))
            continue
        topics.setdefault(slugify(page.topic or "site"), []).append(page)
    merged: dict[str, Paper] = {}
    for order, (slug, members) in enumerate(topics.items()):
        cid = f"site:{slug}"
        first = members[0]
        result.collections.append(Collection(
            id=cid, kind="site", title=clean_inline(first.title) or slug,
            meta={"topic": first.topic or slug, "excerpt": clean_inline(first.excerpt)},
            order=order, source=first.source))
        slots, keys = _merge_nav(members)
        used: set[str] = set()
        for index, key in enumerate(keys):
            slot = slots[key]
            sid = _section_id(cid, slot.permalink, used)
            owner = slot.pages[0] if slot.pages else None
            result.sections.append(Section(
                id=sid, collection=cid, label=slot.label,
                heading=owner.heading if owner else "", order=index,
                permalink=slot.permalink, page=owner.source if owner else "",
                imported=owner is not None))
            for page in slot.pages:
                for paper in page.papers:
                    paper.sections = [SectionRef(cid, sid, slot.label)]
                    key_ = paper_key(paper)
                    if key_ in merged:
                        _merge_into(merged[key_], paper)
                    else:
                        paper.id = paper.id or make_paper_id(paper)
                        merged[key_] = paper
                        result.papers.append(paper)
    return result
