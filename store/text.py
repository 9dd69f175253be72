"""Text hygiene shared by every layer: control-sequence stripping and normalisation."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any

# ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings, and two-byte escapes.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # 7-bit CSI
    | \x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # 7-bit OSC, DCS, SOS, PM, APC
    | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
    | [\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # 8-bit strings
    | \x1b[ -/]*[0-~]?                    # other escapes
    """,
    re.VERBOSE,
)
# Remaining C0 (except tab and newline), DEL and C1 control characters.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible format characters (Unicode category Cf: bidi embeddings, overrides and isolates,
# zero-width and tag characters, ...), except the zero-width (non-)joiners U+200C/U+200D that
# Persian, Indic scripts and emoji need; they never change direction or hide a payload.
_FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile(f"[{_FORMAT_CHARS}]")
# Line and paragraph separators (Zl, Zp) become plain newlines.
_SEPARATORS = re.compile("[\u2028\u2029]")
# Anything strip_controls has to act on.
SUSPECT_CHARS = f"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_FORMAT_CHARS}"
_SUSPECT = re.compile(f"[{SUSPECT_CHARS}]")
_SPACES = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u200a": " ",  # hair space
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\u200b": "",  # zero-width space
        "\ufeff": "",  # BOM / zero-width no-break space
        "\r": "",
    }
)
_WS = re.compile(r"\s+")


def strip_controls(text: str) -> str:
    """Remove escape sequences, control bytes and invisible format characters (bidi
    overrides, zero-width and tag characters), keeping tabs and newlines."""
    if not text or not _SUSPECT.search(text):
        return text
    text = text.replace("\r\n", "\n")
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return _SEPARATORS.sub("\n", _INVISIBLE.sub("", text))


def clean_output(text: str) -> str:
    """A whole output document (CLI stdout/stderr, an export file) made inert for terminals."""
    return strip_controls(text)


def clean_data(value: Any) -> Any:
    """JSON-able data with every string (keys too) passed through strip_controls."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(v) for v in value]
    return value


# Characters that need the full cleaning path; text without them only needs its spaces folded
# (str.split() treats every other odd space, such as no-break or thin spaces, as whitespace).
_NEEDS_CLEANING = _SUSPECT
_ASCII_SAFE = bytes([9, 10, *range(32, 127)])  # ASCII that is not suspect: all but C0 and DEL
_PARAGRAPHS = re.compile(r"\n\s*\n")


def has_suspect_chars(text: str) -> bool:
    """Whether text holds a character strip_controls acts on (as a search for SUSPECT_CHARS,
    faster: ASCII text can only hold C0 controls and DEL, found by a bytes translation)."""
    if text.isascii():
        return not text.isprintable() and bool(text.encode("ascii").translate(None, _ASCII_SAFE))
    return _NEEDS_CLEANING.search(text) is not None


_needs_cleaning = has_suspect_chars


def clean_inline(text: str) -> str:
    """Strip controls, make odd spaces plain and collapse all whitespace to single spaces."""
    if not _needs_cleaning(text):
        return " ".join(text.split())
    return _clean_inline_slow(text)


def _clean_inline_slow(text: str) -> str:
    """clean_inline for text that holds control bytes or zero-width characters."""
    return _WS.sub(" ", strip_controls(text).translate(_SPACES)).strip()


def clean_block(text: str) -> str:
    """Like clean_inline but keeps paragraph breaks (blank lines)."""
    if not _needs_cleaning(text):
        paragraphs = (" ".join(q.split()) for q in _PARAGRAPHS.split(text))
        return "\n\n".join(p for p in paragraphs if p)
    return _clean_block_slow(text)


def _clean_block_slow(text: str) -> str:
    """clean_block for text that holds control bytes or zero-width characters."""
    text = strip_controls(text).translate(_SPACES)
    paragraphs = _PARAGRAPHS.split(text)
    return "\n\n".join(p for p in (_WS.sub(" ", q).strip() for q in paragraphs) if p)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of text, for searching (ASCII: just lower-cased)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(itertools.filterfalse(unicodedata.combining, decomposed)).casefold()


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize_title(text: str) -> str:
    """Title identity: folded, with punctuation and spaces dropped."""
    return _NON_ALNUM.sub("", fold(text))


def slugify(text: str) -> str:
    """Lower-case dash-separated slug of text; non-Latin text gets a short stable hash."""
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    if slug:
        return slug
    import hashlib  # (late: rarely needed, and costly to import)

    return "u" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10] if text.strip() else "x"
