"""Plain functions behind the TUI's cite keys: formatted references, style cycling, \\cite."""

from __future__ import annotations

from collections.abc import Sequence

from store.cite.styles import SETTING, STYLE_CYCLE, cite_command, next_style, reference
from store.repository import Store


def current_style(store: Store) -> str:
    """The user's chosen citation style (a short name or a .csl path; default apa)."""
    style = store.setting(SETTING)
    return style if isinstance(style, str) and style else STYLE_CYCLE[0]


def formatted_reference(store: Store, paper_id: str, fmt: str = "text") -> str:
    """The paper's reference in the user's style ("" when the id is unknown); StoreError
    (one line) when the style cannot be used."""
    paper = store.get(paper_id)
    return reference(paper, current_style(store), fmt) if paper is not None else ""


def cycle_style(store: Store) -> str:
    """Switch to the next built-in style, save it, and return its name."""
    style = next_style(current_style(store))
    store.set_setting(SETTING, style)
    return style


def cite_string(store: Store, paper_ids: Sequence[str], kind: str = "latex") -> str:
    """`\\cite{key1,key2}` (kind "latex") or `[@key1; @key2]` (kind "pandoc")."""
    papers = store.get_many(paper_ids)  # with their stable keys: not the whole key map
    keys = {pid: str(p.extra.get("citekey") or pid) for pid, p in papers.items()}
    return cite_command([keys.get(pid, pid) for pid in paper_ids], kind)
