"""al-folio's enrich step does no repeated work: the paper id is derived again only when a
theme field changed what it derives from, and missing flags are not cleaned."""

from __future__ import annotations

import pytest

from importers.sites import alfolio, fields
from store.models import make_paper_id
from tests.importers.sites.helpers import parse


def test_ids_match_their_papers_after_enrich() -> None:
    """Every paper's id is the one its final arXiv id, DOI and title give."""
    result = parse("al-folio", "alfolio-lab", "_bibliography/papers.bib")
    assert result.papers
    assert all(p.id == make_paper_id(p) for p in result.papers)


def test_enrich_derives_the_id_again_only_when_the_arxiv_field_set_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten entries without an arxiv field: enrich never recomputes the id; one with it does."""
    calls: list[str] = []

    def counted(paper: object) -> str:
        calls.append("id")
        return make_paper_id(paper)  # type: ignore[arg-type]

    monkeypatch.setattr(alfolio, "make_paper_id", counted)
    plain = "".join(f"@article{{k{i}, title={{Paper {i}}}, author={{A. B}}, year={{2020}},"
                    f" abbr={{CVPR}}, selected={{true}}, pdf={{p{i}.pdf}}}}\n" for i in range(10))
    with_arxiv = "@article{x, title={X}, author={A. B}, year={2021}, arxiv={2101.00001}}\n"
    text = "---\n---\n" + plain + with_arxiv
    result = alfolio.IMPORTER.parse(text, source="_bibliography/papers.bib", today=None)  # type: ignore[arg-type]
    assert len(result.papers) == 11
    assert calls == ["id"]
    assert all(p.id == make_paper_id(p) for p in result.papers)
    assert all("Selected" in p.badges for p in result.papers[:10])


def test_plain_flags_skip_the_markup_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    """is_true("true") answers without plain_markup; odd flags still go through it."""
    seen: list[str] = []
    real = fields.plain_markup
    monkeypatch.setattr(fields, "plain_markup", lambda text: seen.append(text) or real(text))
    assert fields.is_true("true") and fields.is_true(" Yes ")
    assert seen == []
    assert fields.is_true("**true**") and not fields.is_true("no")
    assert seen == ["**true**", "no"]
