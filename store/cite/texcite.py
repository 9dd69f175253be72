"""The cite keys a LaTeX file uses: every \\cite variant, \\nocite, several keys each."""

from __future__ import annotations

import re
from dataclasses import dataclass

# \cite \citep \citet* \citealp \Citet \parencite \textcite \autocite \footcite \nocite …
_COMMAND = re.compile(r"\\([A-Za-z]*[Cc]ite[A-Za-z]*|nocite)\*?")
_OPTIONAL = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))")
_GROUP = re.compile(r"\s*\{([^{}]*)\}")
_COMMENT = re.compile(r"(?<!\\)%.*")


@dataclass(frozen=True, slots=True)
class Citation:
    """One key as cited: the key and the 1-based line of its first use."""

    key: str
    line: int


def _strip_comments(tex: str) -> str:
    """tex with % comments blanked (\\% kept), line numbers unchanged."""
    return "\n".join(_COMMENT.sub("", line) for line in tex.split("\n"))


def citations(tex: str) -> list[Citation]:
    """Cited keys in order of first use (`*` from \\nocite{*} included as a key)."""
    text = _strip_comments(tex)
    seen: dict[str, Citation] = {}
    for m in _COMMAND.finditer(text):
        pos, name = m.end(), m.group(1)
        multi = name.endswith("cites")  # biblatex \cites[pre][post]{a}[pre][post]{b}
        while True:
            while (opt := _OPTIONAL.match(text, pos)) is not None:
                pos = opt.end()
            group = _GROUP.match(text, pos)
            if group is None:
                break
            line = text.count("\n", 0, group.start(1)) + 1
            for key in group.group(1).split(","):
                key = key.strip()
                if key and key not in seen:
                    seen[key] = Citation(key, line)
            pos = group.end()
            if not multi:
                break
    return list(seen.values())
