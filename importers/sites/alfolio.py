"""al-folio / jekyll-scholar: `_bibliography/*.bib` with the theme's link, badge and id fields."""

from __future__ import annotations

import re
from datetime import date

from importers.base import ImportResult
from importers.bibtex import BibtexImporter
from importers.gcpause import paused_gc
from importers.latex import latex_to_text, plain_value
from importers.sites.fields import add_link, is_true, set_arxiv
from importers.sites.front import strip_bib_front
from importers.sites.groups import Grouped, build, collection_for
from store.models import Paper, make_paper_id
from store.text import clean_block, clean_inline

# Link fields of al-folio's bib.liquid, in the order the theme prints its buttons.
LINK_FIELDS: tuple[tuple[str, str], ...] = (
    ("arxiv", "arXiv"), ("html", "HTML"), ("pdf", "PDF"), ("supp", "Supplement"),
    ("blog", "Blog"), ("code", "Code"), ("poster", "Poster"), ("slides", "Slides"),
    ("website", "Website"), ("video", "Video"),
)
# Files the theme serves from assets/pdf/ when the field is a bare file name.
_ASSET_FIELDS = frozenset({"pdf", "supp", "poster", "slides"})
# Identifier fields of the theme's badges (Altmetric, Dimensions, Google Scholar, …).
ID_FIELDS = ("google_scholar_id", "altmetric", "dimensions", "pmid", "inspirehep_id",
             "semantic_scholar_id", "openalex_id", "isbn")
_THEME_FIELDS = re.compile(r"^\s*(abbr|selected|bibtex_show|preview|pdf|code|html|website|"
                           r"supp|slides|poster|blog|google_scholar_id|altmetric)\s*=", re.I | re.M)
_FRONT_BIB = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*\r?\n){0,40}?---[ \t]*\r?\n\s*@", re.M)


def _target(name: str, value: str) -> str:
    """A link field's URL; bare file names point where al-folio serves them."""
    value = clean_inline(plain_value(value)).strip()
    if not value or re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I) or value.startswith("/"):
        return value
    if name in _ASSET_FIELDS:
        return f"/assets/pdf/{value}"
    return value


class AlFolioImporter(BibtexImporter):
    """BibTeX of an al-folio (jekyll-scholar) site, with its extra fields as links and badges."""

    name = "al-folio"
    description = "al-folio / jekyll-scholar _bibliography/*.bib (pdf, code, abbr, selected…)"

    def explain(self, text: str, filename: str = "") -> tuple[float, str]:
        """Confidence and why: a .bib under `_bibliography/`, front matter, or theme fields."""
        path = filename.replace("\\", "/").lower()
        is_bib = path.endswith((".bib", ".bibtex"))
        if is_bib and "_bibliography/" in path:
            return 0.97, "BibTeX in _bibliography/ (jekyll-scholar)"
        sample = text[:50_000]
        if _FRONT_BIB.match(sample):
            return 0.96, "BibTeX after Jekyll front matter"
        if (is_bib or "@" in sample) and len(_THEME_FIELDS.findall(sample)) >= 2:
            return 0.93, "BibTeX with al-folio fields (abbr, pdf, selected…)"
        return 0.0, "no jekyll-scholar layout or al-folio fields"

    def detect(self, text: str, filename: str = "") -> float:
        """Confidence that text is an al-folio bibliography."""
        return self.explain(text, filename)[0]

    @paused_gc
    def parse(self, text: str, *, source: str, today: date) -> ImportResult:
        """Parse the .bib (front matter allowed); group the papers by year like the theme."""
        parsed = super().parse(strip_bib_front(text), source=source, today=today)
        grouped = Grouped()
        for paper in parsed.papers:
            grouped.add(paper, "")
        cid, title = collection_for(source)
        result = build(grouped, cid=cid, title=title, source=source)
        result.warnings = parsed.warnings
        return result

    def enrich(self, paper: Paper, fields: dict[str, str]) -> None:
        """The theme's fields: labelled links, badges (abbr, selected, award) and ids."""
        key = (paper.arxiv_id, paper.doi)
        for name, label in LINK_FIELDS:
            if name not in fields:
                continue
            value = fields[name]
            if name == "arxiv":
                set_arxiv(paper, plain_value(value))
                if paper.arxiv_id:
                    paper.links = [x for x in paper.links if "arxiv.org/" not in x.url]
                    add_link(paper, "arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}")
                continue
            add_link(paper, label, _target(name, value))
        school = fields.get("school") or fields.get("institution")
        if not paper.venue and school and paper.extra.get("entrytype", "").endswith("thesis"):
            kind = "PhD thesis" if paper.extra["entrytype"] == "phdthesis" else "Thesis"
            paper.venue = f"{kind}, {clean_inline(latex_to_text(school))}"
        abbr = clean_inline(latex_to_text(fields["abbr"])) if "abbr" in fields else ""
        if abbr:
            if abbr not in paper.badges:
                paper.badges.insert(0, abbr)
            paper.venue_short = paper.venue_short or abbr
        if "selected" in fields and is_true(plain_value(fields["selected"])):
            paper.badges.append("Selected")
        award_field = fields.get("award_name") or fields.get("award")
        award = clean_inline(latex_to_text(award_field)) if award_field else ""
        if award and award not in paper.badges:
            paper.badges.append(award[:60])
        if not paper.abstract and fields.get("abstract"):
            paper.abstract = clean_block(latex_to_text(fields["abstract"]))
        if "bibtex_show" in fields and is_true(plain_value(fields["bibtex_show"])):
            paper.extra["bibtex_show"] = "true"
        preview = clean_inline(plain_value(fields["preview"])) if "preview" in fields else ""
        if preview:
            paper.extra["preview"] = preview
        for name in ID_FIELDS:
            value = clean_inline(plain_value(fields[name])) if name in fields else ""
            if value:
                paper.extra[name] = value
        if (paper.arxiv_id, paper.doi) != key:  # the id derives from these (and the title)
            paper.id = make_paper_id(paper)


IMPORTER = AlFolioImporter()
