"""Fold long link URLs at their own separators (after `/`, `?`, `&`…), never mid-word."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

INDENT = 4
MIN_WIDTH = 20  # narrower than this, the terminal's own folding is as good as any
_STRONG = frozenset("/?&#")  # path and query boundaries: the best places to break
_WEAK = frozenset("=-_.,;:+~")  # inside a name: only when no boundary is near


def _cut(text: str, limit: int) -> int:
    """Where to end a piece of at most limit cells: after its last `/`, `?`, `&` or `#`, else
    its last `-`, `.`, `=`…, when that keeps a third of the limit; else at the limit."""
    used = fit = strong = weak = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > limit:
            break
        fit = index + 1
        if fit >= limit // 3:
            if char in _STRONG:
                strong = fit
            elif char in _WEAK:
                weak = fit
    return strong or weak or max(fit, 1)


def url_pieces(url: str, limit: int) -> list[str]:
    """url cut into pieces of at most limit cells, each ending at a separator where it can."""
    pieces: list[str] = []
    rest = url
    while cell_len(rest) > limit:
        cut = _cut(rest, limit)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


def _fold_line(line: Text, width: int) -> Text:
    """One line with each link URL wider than the width put on lines of its own, folded."""
    links = sorted(
        (span for span in line.spans
         if isinstance(span.style, Style) and span.style.link and span.end > span.start),
        key=lambda span: span.start,
    )
    long = [s for s in links if cell_len(line.plain[s.start:s.end]) > width]
    if not long:
        return line
    out = line.blank_copy()
    done = 0
    for span in long:
        if span.start < done:
            continue
        head = line[done:span.start]
        head.rstrip()
        out.append_text(head)
        if head.plain.strip():
            out.append("\n")
        start = span.start
        for n, piece in enumerate(url_pieces(line.plain[span.start:span.end], width - INDENT)):
            out.append(("\n" if n else "") + " " * INDENT)
            out.append_text(line[start:start + len(piece)])
            start += len(piece)
        done = span.end
    out.append_text(line[done:])
    return out


def fold_urls(text: Text, width: int) -> Text:
    """text with every link URL wider than width folded at its separators (text itself
    when nothing needs it; the link style, and so the full OSC 8 target, stays on each piece)."""
    if width < MIN_WIDTH:
        return text
    lines = text.split("\n", allow_blank=True)
    folded = [_fold_line(line, width) for line in lines]
    if all(new is old for new, old in zip(folded, lines, strict=True)):
        return text
    out = text.blank_copy()
    out.append_text(Text("\n", end="").join(folded))
    return out
