"""Imports and exports started from the command palette."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from store.repository import Store
from tests.tui.library import ready, shown_titles
from tui.app import PaperDeckApp

DEMO = Path(__file__).resolve().parents[2] / "tui" / "demo"


async def _palette(pilot: object, command: str) -> None:
    """Run a palette command by typing its name."""
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.press(*command)  # type: ignore[attr-defined]
    await pilot.pause(0.3)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def _answer(pilot: object, text: str) -> None:
    """Fill the one-line dialog and press Enter."""
    app = pilot.app  # type: ignore[attr-defined]
    field = app.screen.query_one(Input)
    field.value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_import_a_path_runs_in_a_worker(home: Path) -> None:
    """Import a profile page from the palette: new tab and rows appear, app stays usable."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = len(shown_titles(app))
        await _palette(pilot, "import a path")
        await _answer(pilot, str(DEMO / "profile" / "zhiyong-gao.txt"))
        await pilot.press("j")  # the UI keeps answering while the worker runs
        await ready(pilot)
        await ready(pilot)
        assert app.state.library_size() > before
        assert any("Imported" in n.message for n in app._notifications)
        assert len(shown_titles(app)) == app.state.library_size() == app.store.count()


async def test_failed_import_is_a_notice(home: Path) -> None:
    """A missing path gives an error toast; nothing changes, nothing crashes."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = shown_titles(app)
        await _palette(pilot, "import a path")
        await _answer(pilot, str(home / "no-such-file.txt"))
        await ready(pilot)
        assert any("failed" in n.message for n in app._notifications)
        assert shown_titles(app) == before and app.is_running


async def test_export_shown_results(home: Path, tmp_path: Path) -> None:
    """Export writes the papers currently in the table."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"denoising", "enter")
        await pilot.pause()
        shown = sorted(shown_titles(app))
        await _palette(pilot, "export current")
        await _answer(pilot, str(tmp_path / "out.json"))
        await ready(pilot)  # the export's worker
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert sorted(p["title"] for p in data) == shown


async def test_import_arxiv_id_from_the_palette(home: Path, monkeypatch: object) -> None:
    """"Import arXiv id…" fetches from the (local, fake) arXiv API in a worker and adds rows."""
    from tests.data.arxiv_server import fake_arxiv

    with fake_arxiv() as server:
        monkeypatch.setenv("PAPERDECK_ARXIV_URL", server.url)  # type: ignore[attr-defined]
        app = PaperDeckApp(Store(home))
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await _palette(pilot, "import arxiv id")
            await _answer(pilot, "arxiv:2002.12259")
            for _ in range(20):
                await ready(pilot)
                if any("Imported" in n.message for n in app._notifications):
                    break
            assert any("Imported" in n.message for n in app._notifications)
            assert any(r["id_list"] == "2002.12259" for r in server.requests)
            paper = next(p for p in app.store.papers() if p.arxiv_id == "2002.12259")
            assert paper.title


async def test_export_results_as_bibtex(home: Path, tmp_path: Path) -> None:
    """"Export results as BibTeX…" writes a .bib file of the shown papers."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _palette(pilot, "export results as bibtex")
        await _answer(pilot, str(tmp_path / "out.bib"))
        await ready(pilot)
        assert any("Exported 10 papers" in n.message for n in app._notifications)
    text = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert text.count("@") == app.store.count() == 10 and "title = {" in text


async def test_export_of_close_matches_writes_what_the_table_shows(home: Path,
                                                                   tmp_path: Path) -> None:
    """A misspelt query shows close matches; export writes those, not an empty file."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"denoisng", "enter")
        await pilot.pause()
        shown = sorted(shown_titles(app))
        assert shown
        await _palette(pilot, "export current")
        await _answer(pilot, str(tmp_path / "out.json"))
        await ready(pilot)  # the export's worker
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert sorted(p["title"] for p in data) == shown


async def test_export_keeps_the_table_order_and_edits_without_reading_the_library(
        home: Path, tmp_path: Path, monkeypatch: object) -> None:
    """Sorted by year, the export lists the papers in the table's order, a chunk at a time
    through the index (whole-library readers raise), with the user's edited title."""
    from store.parts import PartedStorage

    store = Store(home)
    first = store.page(limit=1)[0].id
    store.set_edits(first, {"title": "My Own Title"})
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("d")  # sort by year
        await pilot.pause()
        shown = shown_titles(app)

        def whole(*args: object, **kwargs: object) -> None:
            raise AssertionError("read the whole library")

        for name in ("papers", "rows", "_lib"):
            monkeypatch.setattr(Store, name, whole)  # type: ignore[attr-defined]
        monkeypatch.setattr(PartedStorage, "read", whole)  # type: ignore[attr-defined]
        await _palette(pilot, "export current")
        await _answer(pilot, str(tmp_path / "sorted.json"))
        await ready(pilot)
        assert any("Exported 10 papers" in n.message for n in app._notifications)
    data = json.loads((tmp_path / "sorted.json").read_text(encoding="utf-8"))
    assert [p["title"] for p in data] == shown and "My Own Title" in shown
    assert list(tmp_path.glob(".sorted.json.*")) == []  # no temp left


async def test_export_of_an_empty_table_writes_nothing(home: Path, tmp_path: Path) -> None:
    """No rows shown: a warning, and no file."""
    app = PaperDeckApp(Store(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"zzqqxxnothing", "enter")
        await pilot.pause()
        assert shown_titles(app) == []
        await _palette(pilot, "export current")
        await _answer(pilot, str(tmp_path / "none.json"))
        await ready(pilot)
        assert any("Nothing to export" in n.message for n in app._notifications)
    assert not (tmp_path / "none.json").exists()
