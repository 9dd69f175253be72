"""follow / follows / unfollow / new / digest on the command line."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.daily.follows import FollowList
from tests.tui.test_inbox import arrive
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    """Run paperdeck with --home; exit code, stdout, stderr."""
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_follow_validates_categories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Known categories are stored canonically; an unknown one is one clear line, exit 2."""
    home = tmp_path / "home"
    code, out, _ = run(capsys, home, "follow", "cs.cv", "cs.LG")
    assert code == 0 and "following cs.CV (Computer Vision and Pattern Recognition)" in out
    code, _, err = run(capsys, home, "follow", "cs.XY")
    assert code == 2 and "'cs.XY' is not an arXiv category" in err and err.count("\n") == 1
    code, _, err = run(capsys, home, "follow", "Zhiwei Xiong")
    assert code == 2 and "--author" in err
    run(capsys, home, "follow", "--author", "Zhiwei Xiong", "--keyword",
        "video frame interpolation")
    code, out, _ = run(capsys, home, "follows")
    assert out.splitlines() == [
        "category\tcs.CV\tComputer Vision and Pattern Recognition",
        "category\tcs.LG\tMachine Learning",
        "author\tZhiwei Xiong",
        "keyword\tvideo frame interpolation",
    ]
    assert (home / "follows.json").exists() and not (home / "library.json").exists()
    code, out, _ = run(capsys, home, "unfollow", "CS.LG", "zhiwei xiong")
    assert code == 0 and "unfollowed cs.LG" in out and "unfollowed Zhiwei Xiong" in out
    assert FollowList(home).get().categories == ["cs.CV"]
    code, _, err = run(capsys, home, "unfollow", "math.AG")
    assert code == 1 and "was not followed" in err


def test_new_json_and_mark_seen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`new --json` lists the arrivals with reasons and marks; --mark-seen empties it."""
    home = tmp_path / "home"
    arrive(home)
    code, out, _ = run(capsys, home, "new", "--json")
    items = orjson.loads(out)
    assert code == 0 and len(items) == 4
    assert items[0]["arxiv_id"] == "2611.00001" and items[0]["reasons"] == [
        "author: Zhiwei Xiong"]
    kinds = {i["arxiv_id"]: (i["kind"], i["cross_list"]) for i in items}
    assert kinds["2611.00003"] == ("new", True) and kinds["2610.09999"] == ("replaced", False)
    code, out, _ = run(capsys, home, "new", "--hide-extras", "--mark-seen")
    assert code == 0 and "2026-11-26" in out and "[cross-list]" not in out
    code, out, err = run(capsys, home, "new")
    assert code == 1 and "nothing new" in err


def test_digest_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Markdown digest of the last day: watched first, data escaped, links to arXiv."""
    home = tmp_path / "home"
    arrive(home)
    run(capsys, home, "new", "--mark-seen")  # seen or not, the digest covers the span
    code, out, _ = run(capsys, home, "digest", "--since", "1d", "--format", "markdown")
    assert code == 0 and out.startswith("# arXiv digest")
    watched = out.index("## Watched")
    assert watched < out.index("Video Frame Interpolation") < out.index("## 2026-11-")
    assert "([arXiv:2611.00001](https://arxiv.org/abs/2611.00001))" in out
    assert "Old Idea, Revisited \\(v2\\)" in out and "*replaced*" in out
    code, _, err = run(capsys, home, "digest", "--since", "yesterday")
    assert code == 2 and "--since" in err
