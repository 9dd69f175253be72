"""`paperdeck enrich` fills a preprint's DOI and venue from arXiv; the user's edits win."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from store.repository import Store
from tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "cite"
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>arXiv Query: id_list=2401.01234</title>
  <entry>
    <id>http://arxiv.org/abs/2401.01234v2</id>
    <published>2024-01-03T18:00:00Z</published>
    <title>Self-Supervised Touch</title>
    <summary>We learn touch.</summary>
    <author><name>Zoë Dvořák</name></author>
    <author><name>Ada Li</name></author>
    <arxiv:doi>10.5555/corl.2024.7</arxiv:doi>
    <arxiv:journal_ref>Conference on Robot Learning (CoRL), 2024</arxiv:journal_ref>
    <arxiv:primary_category term="cs.RO"/>
  </entry>
</feed>
"""


class Api(BaseHTTPRequestHandler):
    """Answers every query with FEED."""

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        """The saved feed."""
        body = FEED.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def arxiv(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fake arXiv API on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("PAPERDECK_ARXIV_URL", f"http://127.0.0.1:{server.server_address[1]}/api")
    yield
    server.shutdown()
    server.server_close()


def test_enrich_fills_doi_and_venue_but_user_wins(
    arxiv: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home"
    assert main(["--home", str(home), "import", str(DATA / "zotero-bbt.bib")]) == 0
    twin = tmp_path / "twin"
    assert main(["--home", str(twin), "import", str(DATA / "zotero-bbt.bib")]) == 0
    # in the twin library the user already typed a venue of their own
    store = Store(twin)
    pid = store.resolve("dvorakSelfSupervisedTouch2024").id  # type: ignore[union-attr]
    store.set_edits(pid, {"venue": "My workshop"})
    for h in (home, twin):
        assert main(["--home", str(h), "enrich"]) == 0
    paper = Store(home).get(pid)
    assert paper is not None
    assert (paper.doi, paper.venue, paper.venue_short) == (
        "10.5555/corl.2024.7", "Conference on Robot Learning (CoRL), 2024", "CoRL 2024")
    mine = Store(twin).get(pid)
    assert mine is not None and (mine.doi, mine.venue) == ("10.5555/corl.2024.7", "My workshop")
    out = capsys.readouterr().out
    assert f"{pid}: doi, venue, venue_short" in out and f"{pid}: doi\n" in out
    # nothing left to do the second time; a re-import does not undo what enrich found
    assert main(["--home", str(home), "import", str(DATA / "zotero-bbt.bib")]) == 0
    assert Store(home).get(pid).doi == "10.5555/corl.2024.7"  # type: ignore[union-attr]
