"""The list of importers, and picking one for a given input."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from importers.base import Importer, ImporterError

# Every importer module exposes IMPORTER. Order breaks ties in detection scores.
IMPORTER_MODULES: tuple[str, ...] = (
    "importers.jekyll",
    "importers.profile",
    "importers.arxiv_listing",
    "importers.bibtex",
    "importers.atom",
    "importers.sites.alfolio",
    "importers.sites.academicpages",
    "importers.sites.tsv",
    "importers.sites.hugo",
    "importers.sites.datafile",
    "importers.sites.publist",
    "importers.html",
    "importers.oai_arxiv",
    "importers.csljson",
    "importers.ris",
)

# The `name` of each importer above, in the same order (checked by a test), so that the
# command line can list formats without importing every parser.
KNOWN_FORMATS: tuple[str, ...] = (
    "jekyll", "profile", "arxiv-listing", "bibtex", "atom", "al-folio", "academicpages",
    "academicpages-tsv", "hugo-academic", "data-file", "publication-list", "html",
    "oai-arxiv",
    "csl-json", "ris",
)

_cache: list[Importer] | None = None


def all_importers() -> list[Importer]:
    """Every registered importer, in registry order."""
    global _cache
    if _cache is None:
        _cache = [import_module(name).IMPORTER for name in IMPORTER_MODULES]
    return list(_cache)


def names() -> list[str]:
    """The names accepted by `--format`."""
    return [imp.name for imp in all_importers()]


def get(name: str) -> Importer:
    """The importer called name, or ImporterError listing the known formats."""
    for imp in all_importers():
        if imp.name == name:
            return imp
    raise ImporterError(f"unknown format {name!r}; known formats: {', '.join(names())}")


@dataclass(frozen=True, slots=True)
class Detection:
    """How sure one importer is that an input is its own, and why."""

    importer: Importer
    confidence: float
    reason: str


def explain(imp: Importer, text: str, filename: str = "") -> Detection:
    """An importer's confidence and reason (importers without `explain` give a generic one)."""
    own = getattr(imp, "explain", None)
    if own is not None:
        score, reason = own(text, filename)
        return Detection(imp, float(score), str(reason))
    score = imp.detect(text, filename)
    reason = f"looks like {imp.description}" if score > 0 else f"not {imp.name}"
    return Detection(imp, score, reason)


def rank(text: str, filename: str = "",
         importers: list[Importer] | None = None) -> list[Detection]:
    """Every importer's detection, most confident first (registry order breaks ties)."""
    found = [(explain(imp, text, filename), i)
             for i, imp in enumerate(importers or all_importers())]
    found.sort(key=lambda t: (-t[0].confidence, t[1]))
    return [d for d, _ in found]


def detect(text: str, filename: str = "", *, threshold: float = 0.3) -> Importer:
    """The importer most sure that text is its own, or ImporterError listing the formats."""
    scored = [(imp.detect(text, filename), -i, imp) for i, imp in enumerate(all_importers())]
    score, _, best = max(scored, key=lambda t: (t[0], t[1]))
    if score < threshold:
        raise ImporterError(
            f"unrecognised format; known formats: {', '.join(names())} (use --format NAME)",
            source=filename,
        )
    return best
