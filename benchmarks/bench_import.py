"""Lab-site import throughput: a generated site of 50 pages and 10,000 papers.

Run `python benchmarks/bench_import.py`. Prints papers/s for `importers.jekyll.site.parse_site`
and, as a baseline measured in the same run, the time to split the same text into lines
(the least any line scanner must do). The goal is >= 5,000 papers/s.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from importers.jekyll.site import parse_site  # noqa: E402

TOPICS = 5
PAGES_PER_TOPIC = 10
PAPERS_PER_PAGE = 200
WORDS = [
    "light", "field", "video", "image", "neural", "network", "learning", "deep", "transformer",
    "diffusion", "restoration", "denoising", "super", "resolution", "event", "camera", "depth",
    "estimation", "spectral", "reconstruction", "segmentation", "tracking", "motion", "flow",
    "inpainting", "compression",
]
VENUES = [
    "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), {y}",
    "IEEE/CVF International Conference on Computer Vision (ICCV), {y}",
    "European Conference on Computer Vision (ECCV), {y}",
    "IEEE Transactions on Pattern Analysis and Machine Intelligence (T-PAMI), {y}",
    "ACM International Conference on Multimedia (MM), {y}",
    "Signal Processing: Image Communication, {y}",
]
NAMES = ["Rui Li", "Dong Liu", "Zhiwei Xiong", "Chang Chen", "Mingde Yao", "Yueyi Zhang",
         "Jie Huang", "Zeyu Xiao", "Ruikang Xu", "Kaidong Zhang"]


def entry(rng: random.Random, topic: int, page: int, n: int) -> str:
    """One generated entry in the style of the sample pages (with some variation)."""
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(5, 10)))
    title = f"{title} T{topic}P{page}N{n}"
    bold = "**" if n % 3 else "__"
    authors = ", ".join(rng.sample(NAMES, rng.randint(2, 6)))
    wrap = "_" if n % 2 else "*"
    venue = rng.choice(VENUES).format(y=rng.randint(2015, 2024))
    attrs = '{:target="\\_blank"}' if n % 4 else ""
    abstract = " ".join(rng.choice(WORDS) for _ in range(rng.randint(120, 220)))
    aid = f"id{topic}_{page}_{n % 50}"
    return (
        f"{bold}{title}{bold} <br>\n{wrap}{authors}{wrap} <br>\n"
        f"<span><pub>{venue}</pub></span> <br>\n"
        f"[Paper](https://example.org/{topic}/{page}/{n}){attrs} |\n"
        f"[Code](https://github.com/lab/repo{topic}{page}{n}){attrs} |\n"
        f"<a onclick='expandABS(\"{aid}\")'> Abstract </a>\n\n"
        f'<div style="display: none;" class=abs id="{aid}"><br>\n{abstract}.\n</div>\n\n'
    )


def site(seed: int = 7) -> list[tuple[str, str]]:
    """50 topic pages (5 topics x 10 pages), 200 papers each, with ▶/▼ nav bars."""
    rng = random.Random(seed)
    pages: list[tuple[str, str]] = []
    for topic in range(TOPICS):
        slugs = [f"page-{i}" for i in range(PAGES_PER_TOPIC)]
        for page, slug in enumerate(slugs):
            nav = "\n".join(
                f'**[{"▼" if other == slug else "▶"} Page {i}](/topic{topic}/{other})'
                '{: style="color: rgb(191, 0, 0)"}**' for i, other in enumerate(slugs))
            front = (f'---\ntitle: "Research Topic: T{topic}"\nexcerpt: "T{topic}"\n'
                     f"author_profile: True\npermalink: /topic{topic}/{slug}.html\n---\n\n")
            body = "".join(entry(rng, topic, page, n) for n in range(PAPERS_PER_PAGE))
            text = f"{front}{nav}\n\n## Page {page}\n\n{body}---\n\n{nav}\n"
            pages.append((f"topic{topic}/{slug}.md", text))
    return pages


def best_of(runs: int, func: object) -> float:
    """Best wall time of several runs of func()."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Generate the site, time the baseline and the import, print the figures."""
    pages = site()
    total_bytes = sum(len(text.encode("utf-8")) for _, text in pages)
    papers = TOPICS * PAGES_PER_TOPIC * PAPERS_PER_PAGE
    result = parse_site(pages, today=date(2025, 1, 1))
    assert len(result.papers) == papers, len(result.papers)
    assert len(result.sections) == TOPICS * PAGES_PER_TOPIC

    def baseline() -> None:
        """Read and split every page into lines."""
        for _, text in pages:
            text.split("\n")

    base = best_of(5, baseline)
    took = best_of(3, lambda: parse_site(pages, today=date(2025, 1, 1)))
    cpu = time.process_time()
    parse_site(pages, today=date(2025, 1, 1))
    cpu = time.process_time() - cpu
    rate = papers / took
    print(f"site: {len(pages)} pages, {papers} papers, {total_bytes / 1e6:.1f} MB")
    print(f"baseline (split into lines): {base * 1000:.1f} ms")
    print(f"parse_site: {took * 1000:.0f} ms = {rate:,.0f} papers/s "
          f"({took / base:.0f}x the baseline); goal >= 5,000 papers/s: "
          f"{'met' if rate >= 5000 else 'NOT met'}")
    print(f"parse_site CPU time: {cpu * 1000:.0f} ms = {papers / cpu:,.0f} papers/s "
          "(less sensitive to other processes on the machine)")


if __name__ == "__main__":
    main()
