"""Hand-written publication lists (`publications.md`): entries grouped by the page's headings.

AcadHomepage's `_pages/about.md` is one of these too: its `paper-box` HTML wraps Markdown
(title link, authors, buttons, a short description) and its badge names the venue.
"""

from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from importers.base import ImporterError, ImportResult, ImportWarning
from importers.sites.entry import entry_paper
from importers.sites.fields import LINK_LABELS, add_link, block_of, names_of, set_venue
from importers.sites.front import split_front
from importers.sites.groups import Grouped, build, collection_for, finish
from importers.sites.markdown import Block, blocks, inline_links
from store.models import Paper
from store.text import clean_inline

PUBLICATION_HEADING = re.compile(
    r"publication|paper|preprint|journal|conference|proceeding|article|thesis|theses|book|"
    r"workshop|manuscript|patent|report|selected|^\W*(?:19|20)\d\d\W*$", re.I)
_OTHER_HEADING = re.compile(r"news|award|honou?r|education|talk|teaching|service|experience|"
                            r"intern|contact|about|bio|footnote|student|member|people|grant",
                            re.I)
_LIST_NAME = re.compile(r"(?:^|/)(?:publications?|papers|pubs|research|bibliography)"
                        r"(?:\.[a-z]+)?$", re.I)
_HEADING_MARK = re.compile(r"^[\W_]+|[\W_]+$")
# `**Title** <br>` entries: the lab topic-page importer ("jekyll") reads those pages
_BR_TITLES = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*(\*\*|__)[^*_\n].{0,400}?\1[ \t]*"
                        r"(?:<br\s*/?>|\\$)", re.M)


def _label(heading: str) -> str:
    """A heading as a tab label (emoji and punctuation around it dropped)."""
    return clean_inline(_HEADING_MARK.sub("", re.sub(r"<[^>]*>", "", heading)))


def _box_paper(box: list[Block]) -> Paper | None:
    """A paper from an AcadHomepage paper-box: badge, title link, authors, buttons, notes."""
    html = "".join(b.text for b in box if b.kind == "html")
    tree = HTMLParser(html)
    badge = tree.css_first(".badge")
    inner = [b for b in box if b.kind in ("paragraph", "item")]
    title_block = next((b for b in inner if b.kind == "paragraph"), None)
    if title_block is None:
        return None
    links = inline_links(title_block.children)
    title = links[0][0] if links else clean_inline(title_block.text)
    paper = Paper(title=clean_inline(re.sub(r"[*_`]", "", title)))
    if links:
        add_link(paper, "Paper", links[0][1])
    rest = [b for b in inner if b is not title_block]
    if rest and rest[0].kind == "paragraph" and not rest[0].text.lstrip().startswith("["):
        paper.authors, paper.authors_truncated = names_of(rest[0].text)
        rest = rest[1:]
    notes: list[str] = []
    for block in rest:
        for label, href in inline_links(block.children):
            name = clean_inline(re.sub(r"[*_`\[\]]", "", label)) or "Link"
            add_link(paper, LINK_LABELS.get(name.lower(), name), href)
        if block.kind == "item":
            notes.append(block.text)
    if badge is not None:
        set_venue(paper, clean_inline(badge.text()))
    if notes:
        paper.abstract = block_of("\n".join(notes))
    return paper if paper.title else None


def page_entries(body: str, first_line: int, *, whole_page: bool) -> list[tuple[Paper, str,
                                                                                int]]:
    """(paper, group label, line) for every entry under the page's publication headings."""
    found: list[tuple[Paper, str, int]] = []
    stack: list[tuple[int, str, bool]] = []  # (level, label, is publication area)
    box: list[Block] | None = None
    for block in blocks(body, first_line=first_line):
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            label = _label(block.text)
            area = bool(PUBLICATION_HEADING.search(label)) and not _OTHER_HEADING.search(label)
            inherited = any(a for _, _, a in stack)
            if _OTHER_HEADING.search(label):
                area, inherited = False, False
            stack.append((block.level, label, area or inherited))
            continue
        in_area = stack[-1][2] if stack else whole_page
        if block.kind == "html" and "paper-box" in block.text and box is None:
            box = [block]
            continue
        if box is not None:
            box.append(block)
            if block.kind == "html" and "</div>" in block.text and "paper-box" not in block.text:
                paper = _box_paper(box)
                if paper is not None and in_area:
                    found.append((paper, _group(stack), box[0].line))
                box = None
            continue
        if not in_area or block.kind not in ("item", "paragraph"):
            continue
        paper = entry_paper(block.children)
        if paper is not None:
            found.append((paper, _group(stack), block.line))
    return found


def _group(stack: list[tuple[int, str, bool]]) -> str:
    """The tab of an entry: its innermost heading, unless that is just "Publications"."""
    if not stack:
        return ""
    label = stack[-1][1]
    if re.fullmatch(r"(?:selected\s+|recent\s+|all\s+|my\s+)?publications?(?:\s+list)?", label,
                    re.I):
        return ""
    return label


class PublicationListImporter:
    """A Markdown page listing publications by hand, or an AcadHomepage about page."""

    name = "publication-list"
    description = "hand-written publication list / AcadHomepage about.md (paper-box)"

    def explain(self, text: str, filename: str = "") -> tuple[float, str]:
        """Confidence and why: paper boxes, or publication headings over citation-like lists."""
        path = filename.replace("\\", "/").lower()
        if not path.endswith((".md", ".markdown")) and filename:
            return 0.0, "not a Markdown page"
        sample = text[:200_000]
        if "paper-box" in sample:
            return 0.95, "AcadHomepage paper-box entries"
        headings = re.findall(r"^#{1,4}\s+(.+)$", sample, re.M)
        named = bool(_LIST_NAME.search(path.rsplit(".", 1)[0] + ".md"))
        pub_heads = [h for h in headings if PUBLICATION_HEADING.search(h)
                     and not _OTHER_HEADING.search(h)]
        items = len(re.findall(r"^\s*(?:[-*+]|\d+[.)])\s+.*(?:19|20)\d\d", sample, re.M))
        if len(_BR_TITLES.findall(sample)) >= 2:
            return 0.45, "bold-title <br> entries (a lab topic page)"
        if items >= 2 and (pub_heads or named):
            why = "publication headings" if pub_heads else "a publications page"
            return 0.85, f"{why} over {items} list entries with years"
        if items >= 1 and (pub_heads or named):
            return 0.6, "a publications page with one entry"
        return 0.0, "no publication headings with list entries"

    def detect(self, text: str, filename: str = "") -> float:
        """Confidence that text is a publication list page."""
        return self.explain(text, filename)[0]

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Every entry under the page's publication headings, grouped by those headings."""
        del today
        front = split_front(text, source=source)
        whole = bool(_LIST_NAME.search(source.replace("\\", "/").rsplit(".", 1)[0] + ".md"))
        title = clean_inline(str(front.data.get("title") or ""))
        whole = whole or bool(PUBLICATION_HEADING.search(title))
        entries = page_entries(front.body, front.body_line, whole_page=whole)
        if not entries:
            raise ImporterError("no publication entries found", source=source)
        grouped = Grouped()
        for paper, group, line in entries:
            finish(paper, source=source, importer=self.name, locator=group, line=line)
            grouped.add(paper, group)
        cid, name = collection_for(source)
        result = build(grouped, cid=cid, title=title or name, source=source)
        untitled = [w for w in result.papers if not w.title]
        if untitled:
            result.warnings.append(ImportWarning(source, None, f"{len(untitled)} entries "
                                                 "without a title skipped"))
        return result


IMPORTER = PublicationListImporter()
