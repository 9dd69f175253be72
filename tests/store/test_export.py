"""JSON and Markdown export: field names and types, ids as strings, safe Markdown."""

from __future__ import annotations

import json

from store.export import to_json, to_markdown
from store.models import Link, Paper
from tests.store.search_library import annotations, library

FIELDS = {
    "id": str, "title": str, "authors": list, "venue": str, "venue_short": str,
    "category": str, "abstract": str, "links": list, "arxiv_id": str, "doi": str,
    "comments": str, "badges": list, "sections": list, "sources": list, "read": bool,
    "starred": bool, "tags": list, "note": str,
}


def test_json_fields_and_types() -> None:
    """Every record carries the documented fields with the documented types."""
    records = json.loads(to_json(library(), annotations()))
    assert [r["id"] for r in records] == ["p1", "p2", "p3", "p4", "1501.00010"]
    for record in records:
        for name, kind in FIELDS.items():
            assert isinstance(record[name], kind), name
        assert record["year"] is None or type(record["year"]) is int
        assert all(isinstance(a, str) for a in record["authors"])
        assert all(set(link) == {"label", "url"} for link in record["links"])
        assert all({"collection", "label"} <= set(s) for s in record["sections"])
        assert all(isinstance(s, str) for s in record["sources"] + record["tags"])
    first, second, third = records[:3]
    assert first["read"] and first["starred"] and first["tags"] == ["to-read", "Favorite"]
    assert first["links"][1] == {"label": "Code", "url": "https://github.com/x/y"}
    assert first["sections"][0]["collection"] == "site:m"
    assert first["sources"] == ["site-src"]
    assert second["note"] == "check the ablation" and not second["read"]
    assert third["year"] is None
    assert records[4]["id"] == "1501.00010" and records[4]["arxiv_id"] == "1501.00010"


def test_json_of_nothing_and_numeric_looking_ids() -> None:
    """An empty export is an empty array; digit-only ids stay strings."""
    assert json.loads(to_json([], {})) == []
    paper = Paper(id="12345", title="T", arxiv_id="1501.00010", year=2020)
    (record,) = json.loads(to_json([paper], {}))
    assert record["id"] == "12345" and record["arxiv_id"] == "1501.00010"
    assert record["year"] == 2020 and record["read"] is False


def test_markdown_lists_title_authors_venue_links() -> None:
    """A readable list with every paper's title, authors, venue and links."""
    md = to_markdown(library(), annotations())
    assert md.startswith("# Papers (5)")
    assert "**Video Denoising with Transformers**" in md
    assert "Hans Müller, Dong Liu" in md
    assert "*CVPR 2021*" in md
    assert "[Code](<https://github.com/x/y>)" in md
    assert "[DOI](<https://doi.org/10.1000/abc>)" in md
    assert "[arXiv:1501.00010](<https://arxiv.org/abs/1501.00010>)" in md
    assert "Note: check the ablation" in md
    assert md.count("\n- ") == 5
    assert to_markdown([], {}) == "*No papers.*\n"


def test_markdown_escapes_payloads() -> None:
    """Markup and control bytes in imported text stay literal and inert."""
    paper = Paper(id="x", title="[click](javascript:alert(1)) *b* \x1b]0;pwn\x07",
                  authors=["<script>"], links=[Link("Code", "https://e.org/a b(c)")])
    md = to_markdown([paper], {})
    assert "\x1b" not in md and "\x07" not in md
    assert "\\[click\\](javascript:alert(1))" in md
    assert "\\*b\\*" in md and "\\<script\\>" in md
    assert "(<https://e.org/a%20b%28c%29>)" in md
