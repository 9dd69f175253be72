"""Inbox benchmark: a 1,500-arrival day (one day of cs.*) in a 100k split library.

Run: python benchmarks/bench_inbox.py [--papers 100000] [--arrivals 1500] [--runs 3] [--home DIR]
(--home reuses a library written there by an earlier run; its index is then already built.)

The arrivals are stored papers (as `paperdeck update` leaves them) listed in inbox.json:
about 10% cross-lists, 7% replacements of older papers, a few stored under another record's
id (found by arXiv id), and about 5% each by a watched author or with a watched keyword.
Timed, each in fresh processes, median of --runs:
  * TUI: spawn to the first frame, and to the first frame listing the arrivals (the goal is
    the New tab ready <= 0.5 s after the first paint); once as the app starts today, once
    without the worker that loads the whole library for the in-memory search index (the
    index-paged browser of issue 11 drops it), since that worker holds the GIL in long
    C calls at 100k;
  * `paperdeck new --json` and `paperdeck digest --since 1d --format markdown`;
against baselines from the same run: a bare Textual app's first paint, `paperdeck --help`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import _WORDS, make_papers, make_sections  # noqa: E402
from store.atomic import atomic_write_bytes  # noqa: E402
from store.models import Paper, Provenance, SourceRecord, make_paper_id  # noqa: E402
from store.schema import encode_library  # noqa: E402

CS = ["cs.CV", "cs.LG", "cs.CL", "cs.AI", "cs.RO", "cs.CR", "cs.IR", "cs.HC", "cs.DS"]
AUTHOR, KEYWORD = "Zhiwei Xiong", "video frame interpolation"
DAY = "2026-11-27"
OAI = "arxiv-oai:cs"

CHILD = r"""
import os, sys, time
T0 = float(sys.argv[1]); MODE = sys.argv[2]; HOME = sys.argv[3] if len(sys.argv) > 3 else ""
sys.path.insert(0, os.environ["PD_ROOT"])
from textual.app import App
from textual.widgets import Static
seen = set()

def done(tag):
    if tag not in seen:
        seen.add(tag)
        print(f"{tag} {time.time() - T0:.4f}", flush=True)

if MODE == "bare":
    class Row(Static):
        def render(self):
            done("first")
            self.app.exit()
            return super().render()
    class Bare(App):
        def compose(self):
            yield Row("first row")
    Bare().run(headless=True, size=(120, 40))
else:
    from pathlib import Path
    from textual._compositor import Compositor
    from textual.widgets import OptionList
    from store.repository import Store
    from tui.app import PaperDeckApp
    shown = {"inbox": False}
    original_render = OptionList.render_line
    def render_line(self, y):
        if self.id == "inbox-list" and self.option_count > 1:
            shown["inbox"] = True
        return original_render(self, y)
    OptionList.render_line = render_line
    original_update = Compositor.render_update
    def render_update(self, *args, **kwargs):
        result = original_update(self, *args, **kwargs)
        done("first")  # the first frame composed
        if shown["inbox"]:
            done("inbox")  # the first frame with the arrivals listed
            app.exit()
        return result
    Compositor.render_update = render_update
    app = PaperDeckApp(Store(Path(HOME)), load_in_background=MODE != "tui-noload")
    app.run(headless=True, size=(120, 40))
"""


def arrival_papers(n: int, rng: random.Random) -> list[Paper]:
    """n papers new today: some cross-lists, some by the watched author or with the keyword."""
    papers = []
    for i in range(n):
        cats = list(dict.fromkeys(rng.choices(CS, k=rng.randint(1, 3))))
        if i % 10 == 0:
            cats.insert(0, "eess.IV")  # primary elsewhere: a cross-list into cs
        title = " ".join(rng.choices(_WORDS, k=rng.randint(6, 12))).title() + f" {i}"
        if i % 20 == 3:
            title += " for Video Frame Interpolation"
        authors = [f"{rng.choice(['Wei', 'Sara', 'Jun'])} {rng.choice(['Li', 'Chen', 'Kim'])}"
                   for _ in range(rng.randint(2, 7))]
        if i % 20 == 7:
            authors.insert(rng.randint(0, len(authors)), AUTHOR)
        paper = Paper(
            title=title, authors=authors, year=2026, date="2026-11-26", category=cats[0],
            abstract=" ".join(rng.choices(_WORDS, k=rng.randint(120, 200))),
            arxiv_id=f"2611.{i:05d}", provenance=[Provenance(OAI, "oai-arxiv", locator="cs")],
            extra={"arxiv_categories": " ".join(cats), "oai_datestamp": DAY},
        )
        paper.id = make_paper_id(paper)
        papers.append(paper)
    return papers


def write_day(home: Path, size: int, arrivals: int) -> dict[str, dict[str, str]]:
    """Write the library (schema 1, split on first open) and return the inbox entries."""
    rng = random.Random(7)
    old = make_papers(size - arrivals)
    new = arrival_papers(arrivals, rng)
    colls, secs = make_sections()
    sources = [SourceRecord(id="synth", importer="synthetic", path="synth", papers=len(old)),
               SourceRecord(id=OAI, importer="oai-arxiv", path="", papers=len(new))]
    home.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(home / "library.json",
                       orjson.dumps(encode_library(old + new, secs, colls, sources)))
    entries = {p.arxiv_id: {"day": DAY, "kind": "new", "updated": "", "id": p.id}
               for p in new}
    with_arxiv = [p for p in old if p.arxiv_id]
    replaced = rng.sample(with_arxiv, arrivals * 7 // 100)
    for k, p in enumerate(replaced):  # new versions of older papers; a few under other ids
        pid = "p000000000" if k % 10 == 0 else p.id
        entries[p.arxiv_id] = {"day": DAY, "kind": "replaced", "updated": DAY, "id": pid}
    return entries


def prepare(home: Path, size: int, arrivals: int) -> None:
    """A split library with its index built, follows and an unseen inbox of the day."""
    from store.daily.follows import FollowList
    from store.daily.inbox import Arrivals
    from store.repository import Store

    if not (home / "library.json").exists():
        t = time.perf_counter()
        entries = write_day(home, size, arrivals)
        store = Store(home)
        store.search("", limit=1)  # splits the library and builds the index
        store.rows()
        FollowList(home).add(categories=["cs"], authors=[AUTHOR], keywords=[KEYWORD])
        Store(home).search("", limit=1)  # the index is fresh, as an update leaves it
        (home / "bench-entries.json").write_bytes(orjson.dumps(entries))
        print(f"wrote {size} papers and their index in {time.perf_counter() - t:.0f} s")
    entries = orjson.loads((home / "bench-entries.json").read_bytes())
    (home / "inbox.json").unlink(missing_ok=True)
    Arrivals(home).add(entries)
    if not Store(home).index_is_fresh():
        Store(home).search("", limit=1)


def child(mode: str, home: Path | None = None) -> dict[str, float]:
    """One fresh TUI process: {tag: seconds since spawn}."""
    env = dict(os.environ, PD_ROOT=str(ROOT))
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, repr(t0), mode, str(home or "")],
                         capture_output=True, text=True, env=env, timeout=600, check=False)
    got = {p[0]: float(p[1]) for p in (ln.split() for ln in out.stdout.splitlines())
           if len(p) == 2}
    if "first" not in got:
        raise RuntimeError(f"child {mode} failed:\n{out.stderr[-2000:]}")
    return got


def wall(args: list[str], home: Path, runs: int) -> float:
    """Median wall seconds of `paperdeck ARGS` (python -m tui.cli), after one warm-up."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PAPERDECK_HOME": str(home)}
    times = []
    for k in range(runs + 1):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tui.cli", *args], env=env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if k:
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def tui_figures(runs: list[dict[str, float]]) -> tuple[float, float, float]:
    """Medians of first paint, New tab listed, and the gap between them."""
    nan = float("nan")
    return (statistics.median(r["first"] for r in runs),
            statistics.median(r.get("inbox", nan) for r in runs),
            statistics.median(r.get("inbox", nan) - r["first"] for r in runs))


def built(home: Path) -> float:
    """Seconds a new Store takes to build the inbox items (the New tab's worker does this)."""
    from store.daily.inbox import InboxState
    from store.repository import Store

    t = time.perf_counter()
    InboxState(Store(home))
    return time.perf_counter() - t


def main() -> None:
    """Build (or reuse) the library, then print every figure with its baseline."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--arrivals", type=int, default=1500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--home", type=Path)
    args = ap.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="bench-inbox-"))
    prepare(home, args.papers, args.arrivals)
    bare = statistics.median(child("bare")["first"] for _ in range(args.runs))
    tui = {mode: tui_figures([child(mode, home) for _ in range(args.runs)])
           for mode in ("tui", "tui-noload")}
    build = statistics.median(built(home) for _ in range(args.runs))
    help_ = wall(["--help"], home, args.runs)
    new = wall(["new", "--json"], home, args.runs)
    digest = wall(["digest", "--since", "1d", "--format", "markdown"], home, args.runs)
    print(f"library {args.papers} papers, {args.arrivals} arrivals "
          f"(+{args.arrivals * 7 // 100} replacements), median of {args.runs} runs")
    print(f"  baseline: bare Textual first paint  {bare:6.3f} s")
    for mode, label in (("tui", "TUI"), ("tui-noload", "TUI, no full-library load worker")):
        first, inbox, gap = tui[mode]
        print(f"  {label}:")
        print(f"    first paint                       {first:6.3f} s   {first / bare:5.2f}x bare")
        print(f"    New tab listing arrivals          {inbox:6.3f} s   {inbox / bare:5.2f}x bare")
        print(f"      after the first paint           {gap:6.3f} s   (goal <= 0.5 s)")
    print(f"  items built (the worker's part)     {build:6.3f} s   (new Store, in process)")
    print(f"  baseline: paperdeck --help          {help_:6.3f} s")
    print(f"  paperdeck new --json                {new:6.3f} s   {new / help_:5.2f}x --help")
    print(f"  paperdeck digest --since 1d         {digest:6.3f} s   {digest / help_:5.2f}x --help")


if __name__ == "__main__":
    main()
