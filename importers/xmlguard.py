"""A cheap check run before an XML parser builds a tree: tags left open by the thousand (a
flood of `<div>`) mean malformed input, and building its millions of elements first would
take seconds."""

from __future__ import annotations

MAX_OPEN_TAGS = 10_000  # far deeper than any feed; a well-formed document leaves none open


def open_tags(text: str) -> int:
    """About how many start tags of text are never closed (counted in C, not parsed).

    Every `<` starts a tag; `</` closes one and `/>` ends one that closes itself; `<?` and
    `<!` are declarations, comments or CDATA. A `/>` in text only lowers the count, so a large
    result is never a false alarm for a document without comments or CDATA full of `<`."""
    starts = text.count("<") - text.count("</") - text.count("<?") - text.count("<!")
    return starts - text.count("</") - text.count("/>")
