"""CSL-JSON (what Zotero, Mendeley and DOI content negotiation give) into papers."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from importers.base import (
    MAX_ENTRIES,
    ImporterError,
    ImportResult,
    ImportWarning,
    too_many_entries,
)
from importers.reference_common import (
    ARXIV_TEXT,
    DOI_PREFIX,
    KEY_OK,
    LITERAL_AUTHORS,
    add_url,
    file_collection,
    finish_links,
    set_venue,
)
from store.models import Paper, Provenance, SectionRef, make_paper_id
from store.text import clean_block, clean_inline

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_MARKERS = ('"container-title"', '"issued"', '"DOI"', '"author"', '"citation-key"')


def display_name(name: Any) -> tuple[str, bool]:
    """A CSL name as one display string, and whether it is an institution (literal)."""
    if isinstance(name, str):
        return clean_inline(name), False
    if not isinstance(name, dict):
        return "", False
    if name.get("literal"):
        return clean_inline(str(name["literal"])), True
    parts = [name.get("given"), name.get("dropping-particle"),
             name.get("non-dropping-particle"), name.get("family")]
    text = " ".join(str(p) for p in parts if p)
    if name.get("suffix"):
        text += f" {name['suffix']}"
    return clean_inline(text), False


def _date(value: Any) -> tuple[int | None, str]:
    """(year, ISO date) of a CSL date object."""
    if not isinstance(value, dict):
        return None, ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            nums = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            nums = []
        if nums:
            iso = "-".join([f"{nums[0]:04d}", *(f"{n:02d}" for n in nums[1:])])
            return nums[0], iso if len(nums) > 1 else ""
    raw = str(value.get("raw") or value.get("literal") or "")
    m = _YEAR.search(raw)
    return (int(m.group(1)), "") if m else (None, "")


def _text(item: dict[str, Any], key: str) -> str:
    """A string field, cleaned to one line."""
    value = item.get(key)
    return clean_inline(str(value)) if isinstance(value, (str, int, float)) else ""


def item_to_paper(item: dict[str, Any], source: str, ref: SectionRef, index: int) -> Paper:
    """One CSL item as a paper (its id or citation-key kept as the cite key)."""
    paper = Paper(title=_text(item, "title"))
    literal: list[str] = []
    names = item.get("author")
    for name in names if isinstance(names, list) else []:
        text, is_literal = display_name(name)
        if text:
            paper.authors.append(text)
            if is_literal:
                literal.append(text)
    paper.year, paper.date = _date(item.get("issued"))
    set_venue(paper, _text(item, "container-title"), _text(item, "container-title-short"))
    paper.doi = DOI_PREFIX.sub("", _text(item, "DOI"))
    number = _text(item, "number")
    arxiv = ARXIV_TEXT.search(number) or re.fullmatch(r"\d{4}\.\d{4,5}", number)
    if arxiv:
        paper.arxiv_id = arxiv.group(1) if arxiv.re is ARXIV_TEXT else arxiv.group(0)
    add_url(paper, _text(item, "URL"))
    finish_links(paper)
    abstract = item.get("abstract")
    paper.abstract = clean_block(str(abstract)) if isinstance(abstract, str) else ""
    paper.comments = _text(item, "note")
    keywords = [clean_inline(k) for k in re.split(r"[,;]", _text(item, "keyword"))]
    paper.keywords = list(dict.fromkeys(k for k in keywords if k))
    key = _text(item, "citation-key") or _text(item, "id")
    paper.extra = {"csl_type": _text(item, "type")}
    if KEY_OK.match(key):
        paper.extra["citekey"] = key
    if literal:
        paper.extra[LITERAL_AUTHORS] = "\n".join(literal)
    paper.provenance = [Provenance(source, "csl-json", f"item {index + 1}")]
    paper.sections = [ref]
    paper.id = make_paper_id(paper)
    return paper


class CslJsonImporter:
    """Imports CSL-JSON: an array of items (or one item) with type, title, author, issued…"""

    name = "csl-json"
    description = "CSL-JSON (.json) from Zotero, Mendeley or DOI content negotiation"

    def detect(self, text: str, filename: str = "") -> float:
        """High for JSON whose objects carry CSL fields."""
        head = text.lstrip("\ufeff \t\r\n")[:20000]
        if not head.startswith(("[", "{")):
            return 0.0
        hits = sum(marker in head for marker in _MARKERS)
        return 0.95 if '"type"' in head and hits >= 1 else 0.0

    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse the items; items without a title, DOI or arXiv id are skipped with a warning."""
        try:
            data = json.loads(text.lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            raise ImporterError(f"not valid JSON: {exc.msg}", source=source,
                                line=exc.lineno) from None
        except RecursionError:
            raise ImporterError("not CSL-JSON: arrays or objects nested too deeply",
                                source=source) from None
        items = [data] if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ImporterError("CSL-JSON must be an array of items", source=source)
        collection, section, ref = file_collection(source, "csl")
        result = ImportResult(sections=[section], collections=[collection])
        if len(items) > MAX_ENTRIES:
            result.warnings.append(too_many_entries(source, None, MAX_ENTRIES))
            items = items[:MAX_ENTRIES]
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                result.warnings.append(ImportWarning(
                    source, None, f"item {index + 1} skipped: not a JSON object"))
                continue
            paper = item_to_paper(item, source, ref, index)
            if paper.title or paper.doi or paper.arxiv_id:
                result.papers.append(paper)
            else:
                result.warnings.append(ImportWarning(
                    source, None, f"item {index + 1} skipped: no title, DOI or arXiv id"))
        return result


IMPORTER = CslJsonImporter()
