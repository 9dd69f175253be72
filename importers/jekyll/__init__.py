"""The lab-site importer: one Jekyll topic page (front matter, nav bar, paper entries)."""

from __future__ import annotations

import re
from datetime import date

from importers.base import ImporterError, ImportResult, ImportWarning
from importers.gcpause import paused_gc
from importers.jekyll.page import normalize_text, scan_page
from importers.jekyll.site import assemble

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.{0,400}\r?\n){0,60}?(?:---|\.\.\.)[ \t]*\r?$",
                    re.M)
_TITLE = re.compile(r"^[ \t]*(?:<span>.{0,120}</span>[ \t]*)?(\*\*|__)[^*_\n].{0,400}?\1[ \t]*"
                    r"(?:<br\s*/?>|\\|$)", re.M)
_NAV = re.compile(r"\[[^\[\]\n]{0,80}\]\(/[^()\s]{0,200}\)")
_ABS = re.compile(r"expandABS|class=[\"']?abs\b|<pub>", re.I)
_PERMALINK = re.compile(r"^permalink:", re.M)
_SAMPLE = 200_000


class JekyllImporter:
    """Jekyll Markdown topic pages of a lab site (`**Title** <br>` entries, ▶/▼ nav bars)."""

    name = "jekyll"
    description = "Jekyll lab-site topic page (front matter, nav bar, **Title** <br> entries)"

    def detect(self, text: str, filename: str = "") -> float:
        """High for front matter plus bold-title entries or a permalink nav bar."""
        sample = text[:_SAMPLE]
        score = 0.0
        front = _FRONT.match(sample) is not None
        if front:
            score += 0.3
            if _PERMALINK.search(sample[:4000]):
                score += 0.1
        titles = len(_TITLE.findall(sample))
        if titles:
            score += 0.3 if titles >= 2 else 0.2
        if _NAV.search(sample):
            score += 0.15
        if _ABS.search(sample):
            score += 0.2
        if filename.lower().endswith((".md", ".markdown")):
            score += 0.1
        if not front and not titles:
            score = min(score, 0.2)
        return min(score, 1.0)

    @paused_gc
    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse one page: all nav sections of its topic, only its own marked imported."""
        del today  # a topic page holds no relative dates
        page = scan_page(text, source=source)
        if not page.entries and not page.nav and not page.front.present:
            raise ImporterError("not a lab-site page: no front matter, nav bar or paper "
                                "entries found", source=source)
        result = assemble([page], site=False)
        if not result.papers:
            result.warnings.append(ImportWarning(source, None, "no paper entries found"))
        return result


IMPORTER = JekyllImporter()

__all__ = ["IMPORTER", "JekyllImporter", "normalize_text"]
