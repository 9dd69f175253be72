"""An export written a chunk of papers at a time: pieces of text whose concatenation is what
the whole-list writers produce, so an export of any size holds one chunk in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from store.models import Annotation, Paper


def _json_pieces(chunks: Iterable[list[Paper]], render: object, tail: str) -> Iterator[str]:
    """A JSON array (indented by 2, as orjson writes it) from per-chunk arrays."""
    first = True
    for chunk in chunks:
        text = render(chunk)  # type: ignore[operator]
        body = text.rstrip("\n")[2:-2]  # "[\n" ... "\n]"
        yield ("[\n" if first else ",\n") + body
        first = False
    yield "\n]" + tail


def _bibtex_pieces(chunks: Iterable[list[Paper]], abstract: bool, ascii: bool
                   ) -> Iterator[str]:
    """BibTeX entries, keys unique across chunks too (a clash gets the next free suffix)."""
    from store.bibtex_export import _suffix, cite_keys, entry

    seen: set[str] = set()
    first = True
    for chunk in chunks:
        out = []
        for paper, key in zip(chunk, cite_keys(chunk), strict=True):
            n = 0
            unique = key
            while unique in seen:  # (exact, as cite_keys compares within one list)
                n += 1
                unique = f"{key}{_suffix(n)}"
            seen.add(unique)
            out.append(entry(paper, unique, abstract=abstract, ascii=ascii))
        yield ("" if first else "\n\n") + "\n\n".join(out)
        first = False
    yield "\n"


def pieces(chunks: Iterable[list[Paper]], fmt: str, annotations: Mapping[str, Annotation],
           total: int, *, abstract: bool = True, ascii: bool = False) -> Iterator[str]:
    """The export of every paper in chunks (non-empty lists, in order) in format fmt."""
    from store.export import paper_markdown, to_json
    from store.text import clean_output

    if fmt == "json":
        yield from _json_pieces(chunks, lambda c: to_json(c, annotations), "")
    elif fmt == "csljson":
        from store.cite.csl import to_csl_json

        yield from _json_pieces(chunks, to_csl_json, "\n")
    elif fmt == "ris":
        from store.cite.ris import to_ris

        for n, chunk in enumerate(chunks):
            yield ("\n" if n else "") + to_ris(chunk)
    elif fmt == "markdown":
        yield clean_output(f"# Papers ({total})\n\n")
        for n, chunk in enumerate(chunks):
            items = "\n".join(paper_markdown(p, annotations.get(p.id)) for p in chunk)
            yield ("\n" if n else "") + clean_output(items)
        yield "\n"
    else:
        yield from _bibtex_pieces(chunks, abstract, ascii)


def ending_in_newline(text: Iterable[str]) -> Iterator[str]:
    """The pieces, then a final newline when the last piece did not end with one."""
    last = "\n"
    for piece in text:
        if piece:
            yield piece
            last = piece[-1]
    if last != "\n":
        yield "\n"


def write_all(text: Iterable[str], write: Callable[[str], object]) -> None:
    """Write every piece, ending in a newline."""
    for piece in ending_in_newline(text):
        write(piece)
