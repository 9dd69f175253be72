"""LaTeX and URL commands in imported prose (abstracts, titles) turned into text and links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.latex import STYLES, SYMBOLS, latex_to_text

# \url{x} and \href{x}{y}: the link is kept, the text shows the URL or the label.
_URL_CMD = re.compile(r"\\url\s*\{([^{}]*)\}")
_HREF_CMD = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_BARE_URL = re.compile(r"https?://[^\s<>\"'{}|\\^`]+", re.I)
# A style command with one braced argument (no nested braces): its text is kept.
_STYLE = re.compile(
    r"\\(" + "|".join(sorted(STYLES | {"underline", "textnormal"}, key=len, reverse=True))
    + r")\s*\{([^{}]*)\}"
)
# Accents and letter commands: \'e \'{e} {\'e} \"{o} \c{c} \ss {\o} \v{s}.
_ACCENT = re.compile(
    r"\{?\\(?:['`^\"~=.]\s*(?:\{\\?[A-Za-z]\}|\\?[A-Za-z])|[uvHckrdb]\s*\{\\?[A-Za-z]\}"
    r"|(?:ss|aa|AA|ae|AE|oe|OE|o|O|l|L)(?![A-Za-z])(?:\s(?=[A-Za-z]))?)\}?"
)
_ESCAPE = re.compile(r"\\([%&_#$])")
_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]{1,120}?)(?<![\s\\])\$(?!\$)")
_TIE = re.compile(r"(?<=\S)~(?=\S)")
_DASH3 = re.compile(r"(?<=\S)---(?=\S)|(?<=\s)---(?=\s)")
_DASH2 = re.compile(r"(?<=\S)--(?=\S)|(?<=\s)--(?=\s)")
_QUOTES = re.compile(r"``(.*?)''")
_MATH_MACRO = re.compile(r"\\([A-Za-z]+)")
_MATH_WRAP = re.compile(r"\\(?:math[a-z]+|text[a-z]*|operatorname|boldsymbol|bm)\s*\{([^{}]*)\}")
MATH_SYMBOLS: dict[str, str] = {
    "times": "×", "sim": "~", "approx": "≈", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
    "neq": "≠", "ne": "≠", "pm": "±", "cdot": "·", "infty": "∞", "rightarrow": "→", "to": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "in": "∈", "ll": "≪", "gg": "≫", "circ": "°",
    "log": "log", "exp": "exp", "sqrt": "√", "sum": "∑", "prod": "∏", "partial": "∂",
    "nabla": "∇", "ell": "ℓ", "times10": "×10", "%": "%", "mid": "|", "ldots": "…",
    "cdots": "⋯", "prime": "′", "emptyset": "∅", "top": "⊤", "propto": "∝", "star": "⋆",
}
_PLACE = re.compile(r"\x00(\d+)\x00")
_MARKERS = ("\\", "$", "~", "--", "``", "://")


@dataclass(slots=True)
class Prose:
    """Converted text and the links its \\url and \\href commands named, in order."""

    text: str
    urls: list[str] = field(default_factory=list)


def _math(body: str) -> str | None:
    """Inline math as readable text (symbols as Unicode), or None when it is not simple."""
    body = _MATH_WRAP.sub(r"\1", body)
    unknown = False

    def symbol(m: re.Match[str]) -> str:
        """One macro as its symbol."""
        nonlocal unknown
        name = m.group(1)
        found = MATH_SYMBOLS.get(name) or SYMBOLS.get(name)
        if found is None:
            unknown = True
            return m.group(0)
        return found

    text = _MATH_MACRO.sub(symbol, body)
    if unknown:
        return None
    return text.replace("{", "").replace("}", "")


def _protect(text: str, kept: list[str], urls: list[str]) -> str:
    """Replace \\url, \\href and bare URLs with placeholders (URLs are never rewritten)."""

    def keep(shown: str) -> str:
        """A placeholder for shown."""
        kept.append(shown)
        return f"\x00{len(kept) - 1}\x00"

    def url_cmd(m: re.Match[str]) -> str:
        """\\url{x}: the URL as text and as a link."""
        url = m.group(1).strip().replace("\\%", "%").replace("\\_", "_").replace("\\#", "#")
        urls.append(url)
        return keep(url)

    def href_cmd(m: re.Match[str]) -> str:
        """\\href{x}{y}: y as text, x as a link."""
        url = m.group(1).strip().replace("\\%", "%").replace("\\_", "_").replace("\\#", "#")
        urls.append(url)
        label = convert(m.group(2)).text.strip()
        return keep(label or url)

    text = _URL_CMD.sub(url_cmd, text)
    text = _HREF_CMD.sub(href_cmd, text)
    if "://" not in text:
        return text
    return _BARE_URL.sub(lambda m: keep(m.group(0)), text)


def convert(text: str) -> Prose:
    """Prose with LaTeX commands replaced by their text; \\url/\\href collected as links."""
    if not any(marker in text for marker in _MARKERS):
        return Prose(text)
    kept: list[str] = []
    urls: list[str] = []
    out = _protect(text.replace("\x00", ""), kept, urls)
    if "\\" in out:
        for _ in range(4):  # nested styles (\textbf{\emph{x}}) unwrap from the inside out
            new = _STYLE.sub(r"\2", out)
            if new == out:
                break
            out = new
        out = _ACCENT.sub(lambda m: latex_to_text(m.group(0)), out)

    def math(m: re.Match[str]) -> str:
        """Inline math: readable text when simple, else left as written."""
        shown = _math(m.group(1))
        return m.group(0) if shown is None else shown

    if "$" in out:
        out = _MATH.sub(math, out)
    if "\\" in out:
        out = _ESCAPE.sub(r"\1", out)
    if "``" in out:
        out = _QUOTES.sub("“\\1”", out)
    if "--" in out:
        out = _DASH2.sub("–", _DASH3.sub("—", out))
    if "~" in out:
        out = _TIE.sub(" ", out)
    if kept:
        out = _PLACE.sub(lambda m: kept[int(m.group(1))], out)
    return Prose(out, urls)


def prose_text(text: str) -> str:
    """Only the converted text of convert(text)."""
    return convert(text).text
