"""Publication tables with a header row (Title | Authors | Venue | Year | Links)."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from importers.html.dom import href, text_of
from importers.html.entry import EntryParts

_COLUMNS = (
    ("title", ("title", "paper", "publication", "article")),
    ("authors", ("author",)),
    ("venue", ("venue", "journal", "conference", "booktitle", "published", "proceedings")),
    ("year", ("year", "date")),
)


def _cells(row: LexborNode) -> list[LexborNode]:
    """The th/td cells of a row, in order."""
    return [c for c in row.iter() if c.tag in ("td", "th")]


def _columns(header: list[LexborNode]) -> dict[str, int]:
    """Field -> column index, from header cell labels."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = text_of(cell).lower()
        for name, words in _COLUMNS:
            if name not in found and any(word in label for word in words):
                found[name] = index
                break
    return found


def _header(table: LexborNode) -> list[LexborNode]:
    """The cells of a table's first row that has cells ([] when none has)."""
    first = table.css_first("tr")
    cells = _cells(first) if first is not None else []
    if cells or first is None:
        return cells
    return next((cells for cells in map(_cells, table.css("tr")) if cells), [])


def table_entries(root: LexborNode) -> list[tuple[LexborNode, EntryParts]]:
    """(row, parts) for each data row of a table whose header names a title and authors."""
    entries: list[tuple[LexborNode, EntryParts]] = []
    for table in root.css("table"):
        header = _header(table)  # before the other rows: most tables are not publications
        columns = _columns(header) if header else {}
        if "title" not in columns or not {"authors", "venue"} & set(columns):
            continue
        rows = iter(table.css("tr"))
        next(cells for cells in map(_cells, rows) if cells)  # the header row
        for row in rows:
            cells = _cells(row)
            if not cells:
                continue
            parts = EntryParts()
            for name, index in columns.items():
                if index < len(cells):
                    setattr(parts, name, text_of(cells[index]))
            if not parts.title:
                continue
            title_cell = cells[columns["title"]] if columns["title"] < len(cells) else None
            anchor = title_cell.css_first("a[href]") if title_cell is not None else None
            if anchor is not None and text_of(anchor) == parts.title:
                parts.title_url = href(anchor)
            for index, cell in enumerate(cells):
                if index in columns.values():
                    continue
                for link in cell.css("a[href]"):
                    parts.add_link(text_of(link), href(link))
            entries.append((row, parts))
    return entries
