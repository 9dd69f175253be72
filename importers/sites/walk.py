"""A whole site repository: find each file's importer, read it, group it under the site.

Pure: the caller lists the root (`importers.sites.sitemap.plan`) and reads the planned files; this
module gets (relative path, text) pairs and returns one import source per file, plus what it
skipped and why. One bad file never stops the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from importers import registry
from importers.base import ImporterError, ImportResult, ImportWarning
from importers.html.lists import list_reading
from importers.jekyll.site import parse_site
from importers.sites.config import SiteInfo, resolve_links, site_info
from importers.sites.front import BrokenSource, split_front
from importers.sites.groups import OTHER, Grouped, build, regroup
from importers.sites.hugo import IMPORTER as HUGO
from importers.sites.sitemap import LIST_PAGE, plan
from store.text import clean_inline, normalize_title, slugify

__all__ = ["SiteImport", "SiteSource", "import_site", "parse_site", "plan"]

_FRONT_PEEK = 20_000  # characters read for a page's front matter
THRESHOLD = 0.6  # below this, a file is not taken for publications
TOPIC = "jekyll"
_FOLDER_IMPORTERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:^|/)_bibliography/"), "al-folio"),
    (re.compile(r"(?:^|/)_publications/"), "academicpages"),
    (re.compile(r"(?:^|/)content/(?:[^/]+/)?publications?/"), "hugo-academic"),
    (re.compile(r"(?:^|/)_?data/"), "data-file"),
)
_PAGES = re.compile(r"(?:^|/)_pages/")
_GENERIC_TAB = re.compile(r"(?:selected |all |recent )?(?:publications?|papers|pubs)", re.I)
_LIST_MD = re.compile(r"(?:^|/)(?:publications?|papers|pubs|research|bibliography)"
                      r"(?:/index)?\.(?:md|markdown)$", re.I)
_LIST_FRONT = re.compile(r"\b(?:publications?|papers|pubs|bibliography)\b", re.I)
_HTML_NAME = re.compile(r"<(?:title|h1)\b[^>]*>([^<]{1,200})<", re.I)
_AUTHOR_PAGE = re.compile(r"(?:^|/)content/(?:[^/]+/)?authors/([^/]+)/_?index\.md$")
_SITE_IMPORTERS = ("al-folio", "academicpages", "academicpages-tsv", "hugo-academic",
                   "data-file", "publication-list", "bibtex", TOPIC)


@dataclass(slots=True)
class SiteSource:
    """One file (or, for topic pages, one set of pages) and what its importer made of it."""

    source: str
    importer: str
    result: ImportResult
    confidence: float = 0.0
    reason: str = ""
    topic: bool = False  # lab topic pages keep their own collections and nav order


@dataclass(slots=True)
class SiteImport:
    """Everything a site root gave: sources, and the files left out with the reason."""

    info: SiteInfo
    sources: list[SiteSource] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)


def _folder_importer(path: str) -> str:
    """The importer a generator's own source folder implies ("" for none)."""
    for pattern, name in _FOLDER_IMPORTERS:
        if pattern.search(path):
            return name
    return ""


def _choose(path: str, text: str) -> registry.Detection | None:
    """The most confident site importer for a file, or None when none is sure enough."""
    names = list(_SITE_IMPORTERS)
    own = _folder_importer(path)
    if own:
        names.remove(own)
        names.insert(0, own)
    importers = [registry.get(name) for name in names]
    ranked = registry.rank(text, path, importers)
    best = ranked[0]
    if own and ranked[0].importer.name != own:
        mine = next(d for d in ranked if d.importer.name == own)
        if mine.confidence >= THRESHOLD:
            best = mine
    return best if best.confidence >= THRESHOLD else None


def _bad(path: str, exc: ImporterError) -> ImportWarning:
    """A warning naming the file and line of a source that could not be read."""
    return ImportWarning(exc.source or path, exc.line, f"file skipped: {exc.message}")


def _regroup_sections(sources: list[SiteSource], info: SiteInfo) -> None:
    """Put every non-topic paper under the site's collection, in the site's own grouping."""
    grouped: list[tuple[SiteSource, Grouped]] = []
    typed = False
    for src in sources:
        if src.topic:
            continue
        groups = regroup(src.result)
        for index, (paper, label) in enumerate(groups.items):
            if _GENERIC_TAB.fullmatch(label):
                groups.items[index] = (paper, "")
        for paper, label in groups.items:
            if label and label != OTHER and label != str(paper.year or ""):
                typed = True
        grouped.append((src, groups))
    known: dict[str, str] = {}  # title -> the type another source gives the same paper
    for _, groups in grouped:
        for paper, label in groups.items:
            if label and label != OTHER and label != str(paper.year or ""):
                known.setdefault(normalize_title(paper.title), label)
    everything = Grouped()
    for _, groups in grouped:
        for paper, label in groups.items:
            year_only = not label or label == OTHER or label == str(paper.year or "")
            if year_only and typed:
                label = known.get(normalize_title(paper.title), OTHER)
            everything.add(paper, label if typed else "")
    cid = f"site:{slugify(info.title) or 'site'}"
    whole = build(everything, cid=cid, title=info.title, source=info.root,
                  meta={"generator": ", ".join(info.generators)})
    by_paper = {id(p): p.sections for p in whole.papers}
    for src, groups in grouped:
        used = {ref.section for p, _ in groups.items for ref in by_paper[id(p)]}
        for paper, _ in groups.items:
            paper.sections = by_paper[id(paper)]
            resolve_links(paper, info, src.source)
        src.result.collections = list(whole.collections)
        src.result.sections = [s for s in whole.sections if s.id in used]


def import_site(files: list[tuple[str, str]], *, root: str, today: date,
                all_paths: list[str] | None = None, prefix: str = "") -> SiteImport:
    """Import every publication source among a site's files (relative path, text).

    Sources are named `prefix + path` (topic pages keep their plain relative path, as
    single-folder imports always named them).
    """
    texts = dict(files)
    info = site_info(texts, root=root, paths=all_paths or list(texts))
    out = SiteImport(info=info)
    topic_pages: list[tuple[str, str]] = []
    # a site of lab topic pages alone reads every page of _pages/ as before
    pure_topic = set(info.generators) <= {"jekyll-pages", "data-files"}
    bundles = {path.rsplit("/", 1)[0] for path in texts if path.endswith("/cite.bib")}
    for path, text in sorted(files):
        if path in info.configs:
            continue
        if not text.strip():
            out.skipped.append((prefix + path, "empty file"))
            continue
        folder = path.rsplit("/", 1)[0]
        if path.endswith("/cite.bib") and _folder_importer(path) == "hugo-academic" and \
                any(p.startswith(folder + "/index.") for p in texts):
            continue  # read with its page, as the fallback
        source = prefix + path
        if path.lower().endswith((".html", ".htm")):
            if _listing(path, text):
                _html_page(out, path, text, source, today)
            else:
                out.skipped.append((source, "HTML page (import it on its own)"))
            continue
        try:
            choice = _choose(path, text)
        except ImporterError as exc:
            out.warnings.append(_bad(source, exc))
            continue
        if _topic_page(path, text, choice, pure_topic):
            topic_pages.append((path, text))
            continue
        if choice is not None and choice.importer.name == TOPIC and not _listing(path, text):
            choice = None  # bold lines in a blog post are not papers
        if choice is None:
            _explain_skip(out, path, text, source)
            continue
        name = choice.importer.name
        try:
            if name == HUGO.name and folder in bundles:
                result = HUGO.parse_bundle(text, texts.get(f"{folder}/cite.bib", ""),
                                           source=source, today=today)
            else:
                result = choice.importer.parse(text, source=source, today=today)
        except ImporterError as exc:
            out.warnings.append(_bad(source, exc))
            continue
        out.sources.append(SiteSource(source, name, result, choice.confidence,
                                      choice.reason))
    if topic_pages:
        result = parse_site(topic_pages, today=today)
        if result.papers:
            common = _common_folder([p for p, _ in topic_pages])
            out.sources.insert(0, SiteSource(common, TOPIC, result, 1.0,
                                             f"{len(topic_pages)} lab topic pages", topic=True))
        else:
            out.skipped.extend((prefix + p, "no paper entries") for p, _ in topic_pages)
    _regroup_sections(out.sources, info)
    people = _profiles(texts)
    if people:
        for src in out.sources:
            for paper in src.result.papers:
                paper.authors = [people.get(name.lower(), name) for name in paper.authors]
    return out


def _listing(path: str, text: str) -> bool:
    """A page meant as a publication list: by its file name, its front matter's title or
    permalink (`pubs-2024.md` with `title: Publications`) or, in HTML, its <title> or first
    <h1>; not a blog post or a people page."""
    if _LIST_MD.search(path) or LIST_PAGE.search(path):
        return True
    head = text[:_FRONT_PEEK]
    try:
        data = split_front(head, source=path).data
    except ImporterError:
        data = {}
    if any(_LIST_FRONT.search(str(data.get(key) or "")) for key in ("title", "permalink")):
        return True
    named = _HTML_NAME.search(head) if path.lower().endswith((".html", ".htm")) else None
    return bool(named and _LIST_FRONT.search(named.group(1)))


def _profiles(texts: dict[str, str]) -> dict[str, str]:
    """Hugo author user names (`content/authors/<name>/_index.md`) and their display names."""
    people: dict[str, str] = {}
    for path, text in texts.items():
        match = _AUTHOR_PAGE.search(path)
        if not match:
            continue
        try:
            title = str(split_front(text, source=path).data.get("title") or "")
        except ImporterError:
            continue
        if title.strip():
            people[match.group(1).lower()] = clean_inline(title)
    return people


def _html_page(out: SiteImport, path: str, text: str, source: str, today: date) -> None:
    """A hand-written publications page in HTML: read as a list of entries under the page's
    headings first, else by the HTML importer (Jekyll front matter blanked, lines kept)."""
    result = list_reading(text, source=source, importer="publication-list",
                          authored_only=False, collection=("site:page", path)) or ImportResult()
    name, reason = "publication-list", "hand-written HTML publication list"
    if not result.papers:
        try:
            body = split_front(text, source=source)
            if body.kind:
                text = "\n" * (body.body_line - 1) + body.body
            result = registry.get("html").parse(text, source=source, today=today)
        except ImporterError:
            result = ImportResult()
        name, reason = "html", "publication page written in HTML"
    if not result.papers:
        out.skipped.append((source, "HTML page without publications"))
        return
    out.sources.append(SiteSource(source, name, result, 0.7, reason))


def _topic_page(path: str, text: str, choice: registry.Detection | None,
                pure_topic: bool) -> bool:
    """True for a lab topic page of `_pages/` (seed 002's kind), read with its siblings."""
    if not _PAGES.search(path) or not path.endswith((".md", ".markdown")):
        return False
    if choice is not None and choice.importer.name != TOPIC:
        return False
    score = registry.explain(registry.get(TOPIC), text, path).confidence
    return score >= (0.3 if pure_topic else THRESHOLD)


def _explain_skip(out: SiteImport, path: str, text: str, source: str) -> None:
    """Record a file no importer took: broken (a warning with its line) or not publications."""
    own = _folder_importer(path)
    if own:
        try:
            registry.get(own).parse(text, source=source, today=date(2000, 1, 1))
        except BrokenSource as exc:
            out.warnings.append(_bad(source, exc))
            return
        except ImporterError:
            pass
    out.skipped.append((source, "holds no publications"))


def _common_folder(paths: list[str]) -> str:
    """The deepest folder shared by paths ("" for the root)."""
    parts = [PurePosixPath(p).parent.parts for p in paths]
    common: list[str] = []
    for group in zip(*parts, strict=False):
        if len(set(group)) != 1:
            break
        common.append(group[0])
    return "/".join(common)
