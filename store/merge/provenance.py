"""Provenance of a paper after a merge: a re-imported source's entries are replaced."""

from __future__ import annotations

from store.merge.fields import keep_origins
from store.models import Paper, Provenance


def settle_provenance(target: Paper, added: list[Provenance],
                      fresh: dict[tuple[str, str], set[str]]) -> None:
    """Drop entries a re-imported source no longer gives; new ones take their place.

    `added` are the entries this merge appended; `fresh` maps (source, importer) to the
    locators that source gave this time. Field origins are kept even when this changes which
    source comes first.
    """
    old_first = target.provenance[0].source if target.provenance else ""
    added_ids = {id(p) for p in added}
    result: list[Provenance] = []
    placed: set[tuple[str, str]] = set()
    for prov in target.provenance:
        if id(prov) in added_ids:
            continue
        key = (prov.source, prov.importer)
        locators = fresh.get(key)
        if locators is None or prov.locator in locators:
            result.append(prov)
        elif key not in placed:
            placed.add(key)
            result.extend(p for p in added if (p.source, p.importer) == key)
    result.extend(p for p in added if (p.source, p.importer) not in placed)
    target.provenance = result
    keep_origins(target, old_first)
