"""Synthetic libraries of realistic papers for benchmarks and load tests (deterministic)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.atomic import atomic_write_bytes  # noqa: E402
from store.models import (  # noqa: E402
    Collection,
    Link,
    Paper,
    Provenance,
    Section,
    SectionRef,
    SourceRecord,
    make_paper_id,
)
from store.schema import encode_library  # noqa: E402


def _words(text: str) -> list[str]:
    """The whitespace-separated words of text."""
    return text.split()


_WORDS = _words(
    "image video denoising restoration enhancement deep learning network transformer diffusion "
    "model generation editing low light high dynamic range super resolution deblurring "
    "segmentation detection tracking robust efficient unsupervised self supervised contrastive "
    "attention convolutional residual adaptive multi scale frequency domain spatial temporal "
    "benchmark dataset evaluation perceptual quality manipulation forensics synthesis neural "
    "rendering implicit representation latent space prior guided conditional semantic sparse "
    "dense lightweight real time mobile camera raw sensor noise blur rain haze compression"
)
_FIRST = _words("Wei Li Ming Xu Anna Maria Jun Yu Hao Chen Lei Zhang Sara Kim Omar Ali Elena Rossi")
_LAST = _words("Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Gao Lin Smith Garcia Müller")
_VENUES = [
    ("IEEE Conference on Computer Vision and Pattern Recognition", "CVPR"),
    ("International Conference on Computer Vision", "ICCV"),
    ("European Conference on Computer Vision", "ECCV"),
    ("Advances in Neural Information Processing Systems", "NeurIPS"),
    ("IEEE Transactions on Image Processing", "TIP"),
    ("AAAI Conference on Artificial Intelligence", "AAAI"),
    ("arXiv preprint", "arXiv"),
]
_CATEGORIES = ["Denoising", "Deblurring", "HDR", "Editing", "Generation", "Low-light", ""]
_SECTIONS = [
    ("site:manipulation", "site:manipulation/denoising", "Denoising"),
    ("site:manipulation", "site:manipulation/hdr-enhancement", "HDR"),
    ("site:manipulation", "site:manipulation/editing-generation", "Editing"),
    ("site:manipulation", "site:manipulation/low-for-high", "Low for High"),
    ("site:manipulation", "site:manipulation/2024-new", "2024 New"),
]


def _sentence_pool(rng: random.Random, size: int = 400) -> list[str]:
    """Pre-built abstract sentences (random words), so big libraries build fast."""
    pool = []
    for _ in range(size):
        words = rng.choices(_WORDS, k=rng.randint(13, 21))
        pool.append(" ".join(words).capitalize() + ".")
    return pool


def make_papers(n: int, seed: int = 0) -> list[Paper]:
    """n deterministic papers: ~1 KB abstracts, 3-8 authors, 1-3 links, sections, provenance."""
    rng = random.Random(seed)
    pool = _sentence_pool(rng)
    papers: list[Paper] = []
    for i in range(n):
        title = " ".join(rng.choices(_WORDS, k=rng.randint(6, 13))).title() + f" {i}"
        authors = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(rng.randint(3, 8))]
        year = rng.randint(2015, 2025)
        venue, short = rng.choice(_VENUES)
        abstract = " ".join(rng.choices(pool, k=rng.randint(5, 8)))
        arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{i % 100000:05d}" if i % 3 else ""
        doi = f"10.1109/synth.{year}.{i}" if i % 4 == 0 else ""
        links = [Link("Paper", f"https://arxiv.org/abs/{arxiv}" if arxiv else f"https://e.org/{i}")]
        if rng.random() < 0.5:
            links.append(Link("Code", f"https://github.com/synth/repo{i}"))
        if rng.random() < 0.2:
            links.append(Link("Project", f"https://synth.example.org/p{i}"))
        coll, sec, label = _SECTIONS[i % len(_SECTIONS)]
        paper = Paper(
            title=title,
            authors=authors,
            authors_truncated=rng.random() < 0.05,
            year=year,
            date=f"{year}-{rng.randint(1, 12):02d}-01",
            venue=f"{venue} ({short}) {year}",
            venue_short=f"{short} {year}",
            category=rng.choice(_CATEGORIES),
            abstract=abstract,
            links=links,
            arxiv_id=arxiv,
            doi=doi,
            badges=["Oral"] if rng.random() < 0.05 else [],
            sections=[SectionRef(coll, sec, label)],
            provenance=[Provenance("synth", "synthetic", locator=sec, line=i + 1)],
        )
        paper.id = make_paper_id(paper)
        papers.append(paper)
    return papers


def make_sections() -> tuple[list[Collection], list[Section]]:
    """The collection and sections the synthetic papers refer to."""
    colls = [Collection(id="site:manipulation", kind="site", title="Manipulation")]
    secs = [
        Section(id=sec, collection=coll, label=label, heading=label, order=i)
        for i, (coll, sec, label) in enumerate(_SECTIONS)
    ]
    return colls, secs


def write_library(home: Path, n: int, seed: int = 0) -> Path:
    """Write a store library of n synthetic papers to home/library.json and return its path."""
    home.mkdir(parents=True, exist_ok=True)
    colls, secs = make_sections()
    source = SourceRecord(id="synth", importer="synthetic", path="synth", papers=n)
    data = encode_library(make_papers(n, seed), secs, colls, [source])
    path = home / "library.json"
    atomic_write_bytes(path, orjson.dumps(data))
    return path


if __name__ == "__main__":
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("benchmarks/out/synth")
    t0 = time.perf_counter()
    out = write_library(target, count)
    print(f"{out}: {count} papers, {out.stat().st_size / 1e6:.1f} MB, "
          f"{time.perf_counter() - t0:.1f} s")
