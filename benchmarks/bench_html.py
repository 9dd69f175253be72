"""Rendered-page import speed: the HTML reader against the Markdown reader on the same site.

Run `python benchmarks/bench_html.py`. Both readers parse the same lab-site pages (the rendered
HTML and its Markdown source, repeated to make a few hundred entries); the figure is the ratio
HTML time / Markdown time, measured in the same run (the Markdown reader is the baseline).
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from importers.html import parse_pages, read  # noqa: E402
from importers.jekyll.site import parse_site  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "samples"
ROUNDS = 5


def _best(run: object) -> float:
    """Best of ROUNDS wall-clock runs of a callable."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print papers, seconds and the ratio for both readers."""
    rendered = SHARED / "vidar-site-rendered"
    source = SHARED / "vidar-site" / "_pages"
    html = [(f.relative_to(rendered).as_posix(), f.read_text(encoding="utf-8"))
            for f in sorted(rendered.rglob("*.html"))] * 10
    markdown = [(f"{i}/{f.relative_to(source).as_posix()}", f.read_text(encoding="utf-8"))
                for i in range(10) for f in sorted(source.rglob("*.md"))]

    def run_html() -> int:
        return len(parse_pages([read(t, source=n, path=n) for n, t in html]).papers)

    def run_markdown() -> int:
        return len(parse_site(markdown, today=date.today()).papers)

    html_s, md_s = _best(run_html), _best(run_markdown)
    print(f"html:     {len(html)} pages, {run_html()} papers, {html_s * 1000:.0f} ms")
    print(f"markdown: {len(markdown)} pages, {run_markdown()} papers, {md_s * 1000:.0f} ms")
    print(f"ratio html/markdown: {html_s / md_s:.1f}x")


if __name__ == "__main__":
    main()
