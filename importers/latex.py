"""LaTeX to Unicode for BibTeX values: a fast decoder for common cases, pylatexenc otherwise."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Accent commands and the combining mark each one adds.
ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
# Commands that stand for one character (or a short fixed text).
SYMBOLS: dict[str, str] = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "textbackslash": "\\", "textasciitilde": "~",
    "textasciicircum": "^", "textunderscore": "_", "textbar": "|", "textless": "<",
    "textgreater": ">", "S": "§", "P": "¶", "copyright": "©", "textregistered": "®",
    "texttrademark": "™", "pounds": "£", "euro": "€", "textdegree": "°",
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "guillemotleft": "«",
    "guillemotright": "»", "quad": " ", "qquad": " ", "textbullet": "•",
    "textasciigrave": "`", "textbraceleft": "{", "textbraceright": "}",
    "textquotesingle": "'", "textquotedbl": '"',
}
_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
          "rho sigma tau upsilon phi chi psi omega")
for _i, _name in enumerate(_GREEK.split(" ")):
    SYMBOLS.setdefault(_name, chr(0x3B1 + _i + (1 if _i >= 17 else 0)))
    SYMBOLS.setdefault(_name.capitalize(), chr(0x391 + _i + (1 if _i >= 17 else 0)))
SYMBOLS["varepsilon"] = "ε"
SYMBOLS["varphi"] = "φ"
SYMBOLS["vartheta"] = "ϑ"
# Commands whose one argument is kept as text (formatting is dropped).
STYLES = frozenset(
    ["textit", "textbf", "emph", "texttt", "textsc", "textrm", "textsf", "textsl", "textup",
     "textmd", "textnormal", "mbox", "hbox", "url", "mathrm", "mathit", "mathbf", "text",
     "textsuperscript", "textsubscript", "ensuremath", "NoCaseChange"]
)
# Switches with no argument that only change the font.
SWITCHES = frozenset(
    ["it", "bf", "em", "sc", "rm", "tt", "sl", "sf", "itshape", "bfseries", "scshape",
     "upshape", "normalfont", "relax", "protect"]
)
_ESCAPED = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
            " ": " ", ",": " ", "-": "", "/": "", "@": "", "\\": "\n", ";": " ", ":": " ",
            "!": ""}
_LETTER_ACCENTS = frozenset("uvHckrdb")
_NEEDS = re.compile(r"[\\{}~$`]|--|''")
_LETTERS = re.compile(r"[A-Za-z]+")
_PLAIN = re.compile(r"[^\\{}~$\-`']*")


class _Unknown(Exception):
    """A command the fast decoder does not know: use pylatexenc instead."""


class _TooDeep(_Unknown):
    """Groups nested beyond any real BibTeX value: keep the text, minus braces."""


MAX_GROUP_DEPTH = 32
_BRACE_TOKENS = re.compile(r"\\.|[{}]", re.S)


def _accented(base: str, mark: str) -> str:
    """base with a combining mark on its first character, recomposed."""
    if not base:
        return unicodedata.normalize("NFC", mark.strip())
    first = "i" if base[0] == "ı" else "j" if base[0] == "ȷ" else base[0]
    return unicodedata.normalize("NFC", first + mark) + base[1:]


class _Decoder:
    """One pass over a LaTeX string, raising _Unknown on anything unusual."""

    def __init__(self, text: str, level: int = 0) -> None:
        """Remember the text and start at its beginning (level: how deep in groups it is)."""
        self.s = text
        self.i = 0
        self.level = level

    def group(self) -> str:
        """Decode a `{...}` group starting at the current position (which is `{`)."""
        if self.level >= MAX_GROUP_DEPTH:
            raise _TooDeep("braces nested too deeply")
        depth = 0
        start = self.i + 1
        for match in _BRACE_TOKENS.finditer(self.s, self.i):
            token = match.group()
            if token == "{":
                depth += 1
            elif token == "}":
                depth -= 1
                if depth == 0:
                    self.i = match.end()
                    return _Decoder(self.s[start : match.start()], self.level + 1).run()
        raise _Unknown("unbalanced braces")

    def argument(self) -> str:
        """The next argument: a group, a control sequence or one character."""
        s = self.s
        while self.i < len(s) and s[self.i] == " ":
            self.i += 1
        if self.i >= len(s):
            return ""
        if s[self.i] == "{":
            return self.group()
        if s[self.i] == "\\":
            return self.command()
        self.i += 1
        return s[self.i - 1]

    def command(self) -> str:
        """Decode the control sequence at the current position (which is a backslash)."""
        s = self.s
        self.i += 1
        if self.i >= len(s):
            return ""
        match = _LETTERS.match(s, self.i)
        if not match:
            ch = s[self.i]
            self.i += 1
            if ch in ACCENTS:
                return _accented(self.argument(), ACCENTS[ch])
            if ch in _ESCAPED:
                return _ESCAPED[ch]
            raise _Unknown(ch)
        name = match.group(0)
        self.i = match.end()
        if name in _LETTER_ACCENTS:
            return _accented(self.argument(), ACCENTS[name])
        if name in STYLES:
            return self.argument()
        while self.i < len(s) and s[self.i] == " ":
            self.i += 1
        if name in SYMBOLS:
            if s.startswith("{}", self.i):
                self.i += 2
            return SYMBOLS[name]
        if name in SWITCHES:
            return ""
        return self.unknown(name)

    def unknown(self, name: str) -> str:
        """An unknown command and its braced argument, decoded by pylatexenc alone."""
        start = self.i
        if self.i < len(self.s) and self.s[self.i] == "{":
            self.group()
        try:
            return str(_pylatexenc().latex_to_text(f"\\{name}" + self.s[start : self.i]))
        except Exception as exc:  # pylatexenc gave up: let the caller fall back
            raise _Unknown(name) from exc

    def run(self) -> str:
        """Decode the whole text."""
        s = self.s
        out: list[str] = []
        n = len(s)
        while self.i < n:
            plain = _PLAIN.match(s, self.i)
            if plain.end() > self.i:
                out.append(plain.group())
                self.i = plain.end()
                continue
            ch = s[self.i]
            if ch == "\\":
                out.append(self.command())
            elif ch == "{":
                out.append(self.group())
            elif ch == "}":
                self.i += 1
            elif ch == "~":
                out.append("\u00a0")
                self.i += 1
            elif ch == "$":
                end = s.find("$", self.i + 1)
                while end > 0 and s[end - 1] == "\\":
                    end = s.find("$", end + 1)
                if end < 0:
                    out.append("$")
                    self.i += 1
                else:
                    out.append(s[self.i : end + 1])
                    self.i = end + 1
            elif ch == "-":
                run = 1
                while self.i + run < n and s[self.i + run] == "-" and run < 3:
                    run += 1
                out.append({1: "-", 2: "–", 3: "—"}[run])
                self.i += run
            elif ch in "`'":
                double = self.i + 1 < n and s[self.i + 1] == ch
                out.append(("“" if ch == "`" else "”") if double else ("‘" if ch == "`" else "'"))
                self.i += 2 if double else 1
            else:
                out.append(ch)
                self.i += 1
        return "".join(out)


@lru_cache(maxsize=1)
def _pylatexenc() -> Any:
    """The decoder bibtexparser's LatexDecodingMiddleware uses (built once, lazily)."""
    from bibtexparser.middlewares import LatexDecodingMiddleware

    return LatexDecodingMiddleware()._decoder


def needs_decoding(value: str) -> bool:
    """Whether value holds anything latex_to_text changes (as `_NEEDS.search(value)`, by
    substring scans: a regex search tries its alternatives at every character)."""
    return ("\\" in value or "{" in value or "}" in value or "~" in value or "$" in value
            or "`" in value or "--" in value or "''" in value)


def latex_to_text(value: str) -> str:
    """Decode LaTeX accents, commands, braces, ties and dashes in a BibTeX value to Unicode."""
    if not needs_decoding(value):
        return value
    try:
        return _Decoder(value).run()
    except _TooDeep:
        return value.replace("{", "").replace("}", "")
    except (_Unknown, RecursionError):
        try:
            return str(_pylatexenc().latex_to_text(value))
        except Exception:  # pylatexenc gives up on some inputs: keep the text, minus braces
            return value.replace("{", "").replace("}", "")


_URL_CMD = re.compile(r"\\url\s*\{([^{}]*)\}")
_ESCAPED_PLAIN = re.compile(r"\\([_%&#~$])")


def plain_value(value: str) -> str:
    """A URL/DOI-like value: `\\url{}` and braces dropped, `\\_` `\\%` `\\&` `\\#` unescaped."""
    if "\\" in value:  # most values (years, plain URLs and DOIs) have no command at all
        value = _ESCAPED_PLAIN.sub(r"\1", _URL_CMD.sub(r"\1", value))
    return value.replace("{", "").replace("}", "").strip()
