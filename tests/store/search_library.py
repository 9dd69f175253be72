"""A small hand-made library shared by the query, search and export tests."""

from __future__ import annotations

from store.models import Annotation, Link, Paper, Provenance, SectionRef


def library() -> list[Paper]:
    """Five papers exercising accents, qualifiers and flags."""
    return [
        Paper(
            id="p1", title="Video Denoising with Transformers",
            authors=["Hans Müller", "Dong Liu"], year=2021, venue="CVPR 2021",
            venue_short="CVPR 2021", category="CV",
            abstract="We denoise noisy videos with a temporal transformer.",
            links=[Link("Paper", "https://arxiv.org/abs/2101.00001"),
                   Link("Code", "https://github.com/x/y")],
            arxiv_id="2101.00001", keywords=["denoising"],
            sections=[SectionRef("site:m", "site:m/denoising", "Denoising")],
            provenance=[Provenance("site-src", "site")],
        ),
        Paper(
            id="p2", title="Image Super-Resolution in the Wild",
            authors=["Wei Li", "Anna Smith"], year=2019,
            venue="International Conference on Computer Vision (ICCV)",
            venue_short="ICCV 2019", category="CV", doi="10.1000/abc",
            comments="Oral presentation", provenance=[Provenance("listing", "arxiv")],
        ),
        Paper(
            id="p3", title="Learning to See in the Dark", authors=["Chen Chen"],
            year=None, category="LG", abstract="Low light imaging and video capture.",
            links=[Link("Paper", "https://example.org/p3")],
        ),
        Paper(
            id="p4", title="Déjà vu: Vidéo retrieval at scale", authors=["José García", "Li Wei"],
            year=2023, venue="NeurIPS 2023", venue_short="NeurIPS 2023", category="IR",
            abstract="Retrieval of near-duplicate clips.", has_code=True,
            links=[Link("Code", "https://github.com/example/dejavu")],
        ),
        Paper(
            id="1501.00010", title="Straße scenes: dong liu style", authors=["Ann Dong"],
            year=2020, venue="arXiv preprint", venue_short="arXiv", category="CV",
            abstract="Street scenes. Video interpolation by Li.", arxiv_id="1501.00010",
        ),
    ]


def annotations() -> dict[str, Annotation]:
    """User marks: p1 read and starred with tags, p2 with a note."""
    return {
        "p1": Annotation(read=True, starred=True, tags=["to-read", "Favorite"]),
        "p2": Annotation(note="check the ablation"),
        "p4": Annotation(read=True),
    }
